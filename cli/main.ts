#!/usr/bin/env node
console.log('kubemodel');
