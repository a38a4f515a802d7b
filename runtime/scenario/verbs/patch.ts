// `patch: KIND/NAME` with `merge` (a JSON merge patch, RFC 7396), optionally on the status subresource.
import type { Verb } from './types.js';
import { target } from './common.js';

export const patch: Verb = {
  name: 'patch',
  value: 'target',
  options: { namespace: 'string', merge: 'map', subresource: 'string' },
  required: ['merge'],
  execute(cluster, step) {
    const t = target(step, cluster);
    cluster.store.patch(t.kind.kind, t.namespace, t.name, step.options.merge, step.options.subresource === 'status' ? { subresource: 'status' } : {});
    return undefined;
  },
  applicable(cluster, step) {
    const t = target(step, cluster);
    const o = cluster.store.get(t.kind.kind, t.namespace, t.name);
    if (!o) return false;
    // The API server lets a pod's activeDeadlineSeconds be set or lowered, never raised.
    const want = (step.options.merge as any)?.spec?.activeDeadlineSeconds;
    const have = o.spec?.activeDeadlineSeconds;
    return want === undefined || have === undefined || want < have;
  },
  generate: {
    weight: 1, group: 'podFaults',
    draw: (k) => k.fc.record({ pod: k.index, activeDeadlineSeconds: k.fc.constantFrom(30, 120, 600) }),
    // Generated pods have no activeDeadlineSeconds, so setting one is always allowed.
    resolve: (d: { pod: number; activeDeadlineSeconds: number }, m, k) => m.pods.length === 0 ? undefined
      : k.step('patch', `pod/${m.pods[d.pod % m.pods.length]}`, { merge: { spec: { activeDeadlineSeconds: d.activeDeadlineSeconds } } }),
  },
};
