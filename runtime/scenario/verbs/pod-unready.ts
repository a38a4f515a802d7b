// `pod-unready: POD`: its readiness probe starts failing.
import { readinessVerb } from './readiness.js';

export const podUnready = readinessVerb('pod-unready');
