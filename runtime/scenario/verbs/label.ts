// `label: KIND/NAME` with `labels` ({k: v, k2: null}) and `overwrite`, as `kubectl label`:
// changing an existing value needs overwrite.
import { ApiError } from '../../../model/api/errors.js';
import type { Verb } from './types.js';
import { target, targetExists } from './common.js';

export const label: Verb = {
  name: 'label',
  value: 'target',
  options: { namespace: 'string', labels: 'map', overwrite: 'bool' },
  required: ['labels'],
  execute(cluster, step) {
    const t = target(step, cluster);
    const obj = cluster.store.mustGet(t.kind.kind, t.namespace, t.name);
    const labels = step.options.labels as Record<string, string | null>;
    const current = obj.metadata.labels ?? {};
    for (const [k, val] of Object.entries(labels)) {
      if (val !== null && Object.hasOwn(current, k) && current[k] !== String(val) && step.options.overwrite !== true) {
        // upstream: kubectl label's words
        throw new ApiError('BadRequest', `'${k}' already has a value (${current[k]}), and --overwrite is false`);
      }
    }
    const patch: Record<string, string | null> = {};
    for (const [k, val] of Object.entries(labels)) Object.defineProperty(patch, k, { value: val === null ? null : String(val), enumerable: true });
    cluster.store.patch(t.kind.kind, t.namespace, t.name, { metadata: { labels: patch } });
    return undefined;
  },
  applicable: (cluster, step) => targetExists(cluster, step),
  generate: {
    weight: 1, group: 'podFaults',
    draw: (k) => k.fc.record({ pod: k.index, value: k.fc.constantFrom('a', 'b', 'canary') }),
    resolve: (d: { pod: number; value: string }, m, k) => m.pods.length === 0 ? undefined
      : k.step('label', `pod/${m.pods[d.pod % m.pods.length]}`, { labels: { track: d.value }, overwrite: true }),
  },
};
