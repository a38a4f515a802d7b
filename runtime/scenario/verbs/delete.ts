// `delete: KIND/NAME` with `cascade` and `grace`, as `kubectl delete --wait=false`.
import type { PropagationPolicy } from '../../store.js';
import type { Verb } from './types.js';
import { target, targetExists } from './common.js';

export const del: Verb = {
  name: 'delete',
  value: 'target',
  options: { namespace: 'string', cascade: 'cascade', grace: 'nonNegInt' },
  execute(cluster, step) {
    const t = target(step, cluster);
    const cascade = (step.options.cascade as string | undefined) ?? 'background';
    const policy: PropagationPolicy = cascade === 'foreground' ? 'Foreground' : cascade === 'orphan' ? 'Orphan' : 'Background';
    cluster.store.delete(t.kind.kind, t.namespace, t.name, { propagationPolicy: policy, gracePeriodSeconds: step.options.grace as number | undefined });
    return undefined;
  },
  applicable: (cluster, step) => targetExists(cluster, step),
  generate: {
    weight: 2, group: 'deletes',
    draw: (k) => k.fc.record({
      pod: k.index,
      grace: k.fc.option(k.fc.constantFrom(0, 1, 5, 30), { nil: undefined }),
      cascade: k.fc.option(k.fc.constantFrom('background', 'foreground', 'orphan'), { freq: 4, nil: undefined }),
    }, { requiredKeys: ['pod'] }),
    resolve(d: { pod: number; grace?: number; cascade?: string }, m, k) {
      if (m.pods.length === 0) return undefined;
      const opts: Record<string, unknown> = {};
      if (d.cascade) opts.cascade = d.cascade;
      if (d.grace !== undefined) opts.grace = d.grace;
      return k.step('delete', `pod/${m.pods[d.pod % m.pods.length]}`, opts);
    },
  },
};
