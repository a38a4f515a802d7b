#!/usr/bin/env node
// The kubemodel command. Nothing imports it; cli/program.ts holds the logic.
import { main } from './program.js';
import { reportError } from './errors.js';

main(process.argv.slice(2)).then((code) => { process.exitCode = code; }, (e) => { process.exitCode = reportError(e); });
