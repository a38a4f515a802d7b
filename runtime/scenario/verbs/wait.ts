// `wait: DURATION`: advance virtual time, running everything that falls due.
import { parseDuration } from '../../clock.js';
import type { Verb } from './types.js';

export const wait: Verb = {
  name: 'wait',
  value: 'duration',
  options: {},
  execute(cluster, step) { cluster.run(parseDuration(step.value as string)); return undefined; },
  generate: {
    weight: 5, group: 'always',
    draw: (k) => k.wait,
    resolve: (duration: string, _m, k) => k.step('wait', duration),
  },
};
