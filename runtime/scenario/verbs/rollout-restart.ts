// `rollout-restart: KIND/NAME`, as `kubectl rollout restart`: a restartedAt
// annotation on the pod template makes a new rollout.
// upstream: kubectl polymorphichelpers defaultObjectRestarter
import { ApiError } from '../../../model/api/errors.js';
import type { Verb } from './types.js';
import { qualified, target, targetExists } from './common.js';

export const rolloutRestart: Verb = {
  name: 'rollout-restart',
  value: 'target',
  options: { namespace: 'string' },
  execute(cluster, step) {
    const t = target(step, cluster);
    if (!['Deployment', 'StatefulSet', 'DaemonSet'].includes(t.kind.kind)) throw new ApiError('BadRequest', `${qualified(t.kind)} "${t.name}" restarting is not supported`);
    if (t.kind.kind === 'Deployment' && cluster.store.mustGet('Deployment', t.namespace, t.name).spec?.paused === true) {
      throw new ApiError('BadRequest', `deployments.apps "${t.name}" can't restart paused deployment (run rollout resume first)`);
    }
    cluster.store.patch(t.kind.kind, t.namespace, t.name, { spec: { template: { metadata: { annotations: { 'kubectl.kubernetes.io/restartedAt': cluster.clock.iso() } } } } });
    return undefined;
  },
  applicable: (cluster, step) => targetExists(cluster, step),
};
