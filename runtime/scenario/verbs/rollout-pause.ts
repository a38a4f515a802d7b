// `rollout-pause: deploy/NAME`, as `kubectl rollout pause`.
import { pauseVerb } from './pause-resume.js';

export const rolloutPause = pauseVerb('rollout-pause');
