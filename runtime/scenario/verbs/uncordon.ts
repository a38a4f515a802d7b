// `uncordon: NODE`, as `kubectl uncordon`.
import { cordonVerb } from './cordon-uncordon.js';

export const uncordon = cordonVerb('uncordon');
