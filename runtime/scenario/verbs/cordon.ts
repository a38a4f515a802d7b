// `cordon: NODE`, as `kubectl cordon`: the scheduler places nothing new there.
import { cordonVerb } from './cordon-uncordon.js';

export const cordon = cordonVerb('cordon');
