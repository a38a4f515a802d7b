// `rollout-resume: deploy/NAME`, as `kubectl rollout resume`.
import { pauseVerb } from './pause-resume.js';

export const rolloutResume = pauseVerb('rollout-resume');
