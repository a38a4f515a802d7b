// `scale: KIND/NAME` with `replicas`, as `kubectl scale` (through the scale subresource's kinds).
import { ApiError } from '../../../model/api/errors.js';
import type { Verb } from './types.js';
import { target, targetExists } from './common.js';

const SCALABLE = ['Deployment', 'ReplicaSet', 'ReplicationController', 'StatefulSet'];

export const scale: Verb = {
  name: 'scale',
  value: 'target',
  options: { namespace: 'string', replicas: 'nonNegInt' },
  required: ['replicas'],
  execute(cluster, step) {
    const t = target(step, cluster);
    const obj = cluster.store.mustGet(t.kind.kind, t.namespace, t.name);
    if (!obj.spec || !SCALABLE.includes(obj.kind)) throw new ApiError('NotFound', 'the server could not find the requested resource');
    cluster.store.patch(t.kind.kind, t.namespace, t.name, { spec: { replicas: step.options.replicas } });
    return undefined;
  },
  applicable: (cluster, step) => targetExists(cluster, step),
};
