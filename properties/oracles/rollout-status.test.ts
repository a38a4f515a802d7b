// upstream: pkg/controller/deployment/util/deployment_util.go (DeploymentComplete), kubectl rollout_status.go
// Expected verdicts worked out by hand from those rules.
import { describe, it, expect } from 'vitest';
import type { KubeObject } from '../../model/api/types.js';
import { reportsRolloutComplete } from './rollout-status.js';

const progressing = (status: string, reason: string) => ({ type: 'Progressing', status, reason });
const deployment = (o: { replicas?: number; generation?: number; status?: Record<string, unknown> }): KubeObject => ({
  apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'd', generation: o.generation ?? 2 },
  spec: o.replicas === undefined ? {} : { replicas: o.replicas },
  status: o.status,
});
const done = { observedGeneration: 2, replicas: 3, updatedReplicas: 3, availableReplicas: 3, conditions: [progressing('True', 'NewReplicaSetAvailable')] };

describe('reportsRolloutComplete', () => {
  it.each<[string, KubeObject | undefined, boolean]>([
    ['all replicas updated and available, generation seen, NewReplicaSetAvailable', deployment({ replicas: 3, status: done }), true],
    ['an older generation observed', deployment({ replicas: 3, status: { ...done, observedGeneration: 1 } }), false],
    ['a newer generation observed', deployment({ replicas: 3, status: { ...done, observedGeneration: 3 } }), true],
    ['one not updated yet', deployment({ replicas: 3, status: { ...done, updatedReplicas: 2 } }), false],
    ['an old replica still counted', deployment({ replicas: 3, status: { ...done, replicas: 4 } }), false],
    ['one not available', deployment({ replicas: 3, status: { ...done, availableReplicas: 2 } }), false],
    ['still progressing', deployment({ replicas: 3, status: { ...done, conditions: [progressing('True', 'ReplicaSetUpdated')] } }), false],
    ['deadline exceeded', deployment({ replicas: 3, status: { ...done, conditions: [progressing('False', 'ProgressDeadlineExceeded')] } }), false],
    ['no conditions', deployment({ replicas: 3, status: { ...done, conditions: [] } }), false],
    ['no status', deployment({ replicas: 3 }), false],
    ['replicas absent means 1', deployment({ status: { ...done, replicas: 1, updatedReplicas: 1, availableReplicas: 1 } }), true],
    ['0 replicas, status with none', deployment({ replicas: 0, status: { observedGeneration: 2, conditions: [progressing('True', 'NewReplicaSetAvailable')] } }), true],
    ['not a Deployment', { ...deployment({ replicas: 3, status: done }), kind: 'ReplicaSet' }, false],
    ['no object', undefined, false],
  ])('%s', (_what, d, want) => {
    expect(reportsRolloutComplete(d)).toBe(want);
  });
});
