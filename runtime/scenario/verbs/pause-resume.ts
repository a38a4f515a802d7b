// `rollout-pause` and `rollout-resume`: set or clear a Deployment's spec.paused,
// refusing a no-op as kubectl does.
// upstream: kubectl polymorphichelpers defaultObjectPauser / defaultObjectResumer
import { ApiError } from '../../../model/api/errors.js';
import type { Verb } from './types.js';
import { qualified, target, targetExists } from './common.js';

export function pauseVerb(name: 'rollout-pause' | 'rollout-resume'): Verb {
  const pausing = name === 'rollout-pause';
  return {
    name,
    value: 'target',
    options: { namespace: 'string' },
    execute(cluster, step) {
      const t = target(step, cluster);
      if (t.kind.kind !== 'Deployment') throw new ApiError('BadRequest', `${qualified(t.kind)} "${t.name}" ${pausing ? 'pausing' : 'resuming'} is not supported`);
      const paused = cluster.store.mustGet('Deployment', t.namespace, t.name).spec?.paused === true;
      if (pausing === paused) throw new ApiError('BadRequest', `deployments.apps "${t.name}" ${paused ? 'is already paused' : 'is not paused'}`);
      cluster.store.patch('Deployment', t.namespace, t.name, { spec: { paused: pausing ? true : null } });
      return undefined;
    },
    applicable: (cluster, step) => targetExists(cluster, step),
  };
}
