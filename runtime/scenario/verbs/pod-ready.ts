// `pod-ready: POD`: its readiness probe passes again.
import { readinessVerb } from './readiness.js';

export const podReady = readinessVerb('pod-ready');
