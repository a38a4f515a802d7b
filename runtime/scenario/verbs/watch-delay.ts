// `watch-delay: COMPONENT` with `delay` (0 ends it): that component's informers lag by up to `delay`.
import { parseDuration } from '../../clock.js';
import type { Verb } from './types.js';

export const watchDelay: Verb = {
  name: 'watch-delay',
  value: 'component',
  options: { delay: 'duration' },
  required: ['delay'],
  execute(cluster, step) { cluster.watchDelay(String(step.value), parseDuration(step.options.delay as string)); return undefined; },
  generate: {
    weight: 3, group: 'watchDelay',
    draw: (k) => k.fc.record({ component: k.component, delayS: k.fc.integer({ min: 0, max: 30 }) }),
    resolve(d: { component: string; delayS: number }, m, k) {
      if (d.delayS === 0 && m.exclude.includes(k.watchDelayOff)) return undefined;
      if (d.delayS > 0) m.delayed.add(d.component); else m.delayed.delete(d.component);
      return k.step('watch-delay', d.component, { delay: `${d.delayS}s` });
    },
  },
};
