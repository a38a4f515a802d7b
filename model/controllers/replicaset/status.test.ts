import { describe, it, expect } from 'vitest';
import type { KubeObject } from '../../api/types.js';
import { calculateStatus, statusUnchanged, REPLICA_FAILURE } from './status.js';
import { pod } from './fixtures.js';

const EPOCH = Date.UTC(2017, 2, 11);
const iso = (ms: number) => new Date(EPOCH + ms).toISOString().replace('.000Z', 'Z');
const parse = (s: string) => Date.parse(s) - EPOCH;

function rs(over: { replicas?: number; minReadySeconds?: number; conditions?: unknown[]; generation?: number } = {}): KubeObject {
  return {
    apiVersion: 'apps/v1', kind: 'ReplicaSet', metadata: { name: 'web', namespace: 'default', uid: 'u', generation: over.generation ?? 3 },
    spec: { replicas: over.replicas ?? 3, minReadySeconds: over.minReadySeconds ?? 0, selector: { matchLabels: { app: 'web' } },
      template: { metadata: { labels: { app: 'web', tier: 'fe' } } } },
    status: over.conditions ? { replicas: 0, conditions: over.conditions } : undefined,
  };
}
const labelled = (p: KubeObject, labels: Record<string, string>) => ({ ...p, metadata: { ...p.metadata, labels } });

describe('ReplicaSet status', () => {
  it('counts replicas, fully labelled, ready, available (minReadySeconds), and stamps observedGeneration', () => {
    const now = 100_000;
    const pods = [
      labelled(pod({ readyS: 10 }), { app: 'web', tier: 'fe' }), // ready 90s: available
      labelled(pod({ readyS: 95 }), { app: 'web', tier: 'fe' }), // ready 5s: not yet available
      labelled(pod({ ready: false }), { app: 'web' }), // not ready, missing a template label
    ];
    const s = calculateStatus({ owner: rs({ minReadySeconds: 30 }), pods, terminating: 1, nowMs: now, iso, parse });
    expect(s).toEqual({ replicas: 3, fullyLabeledReplicas: 2, readyReplicas: 2, availableReplicas: 1, terminatingReplicas: 1, observedGeneration: 3 });
  });

  it('omits zero counts as Go\'s omitempty does, but always shows replicas', () => {
    expect(calculateStatus({ owner: rs(), pods: [], nowMs: 0, iso, parse })).toEqual({ replicas: 0, observedGeneration: 3 });
  });

  it('ReplicaFailure: set with FailedCreate on a create error, kept while it persists, removed after a clean sync', () => {
    const s1 = calculateStatus({ owner: rs(), pods: [pod()], manageError: 'pods "web-x" is forbidden: exceeded quota', nowMs: 5000, iso, parse });
    expect(s1.conditions).toEqual([{ type: REPLICA_FAILURE, status: 'True', lastTransitionTime: iso(5000), reason: 'FailedCreate', message: 'pods "web-x" is forbidden: exceeded quota' }]);
    const again = calculateStatus({ owner: rs({ conditions: s1.conditions }), pods: [pod()], manageError: 'another', nowMs: 9000, iso, parse });
    expect(again.conditions).toEqual(s1.conditions);
    const cleared = calculateStatus({ owner: rs({ conditions: s1.conditions }), pods: [pod()], nowMs: 9000, iso, parse });
    expect(cleared.conditions).toBeUndefined();
  });

  it('ReplicaFailure: FailedDelete when there were too many', () => {
    const s = calculateStatus({ owner: rs({ replicas: 0 }), pods: [pod()], manageError: 'boom', nowMs: 0, iso, parse });
    expect(s.conditions![0]!.reason).toBe('FailedDelete');
  });

  it('statusUnchanged: the steady state writes nothing; any count, the generation or a condition is a change', () => {
    const s = calculateStatus({ owner: rs(), pods: [pod()], nowMs: 0, iso, parse });
    expect(statusUnchanged(s, { ...s })).toBe(true);
    expect(statusUnchanged(s, { ...s, readyReplicas: 0 })).toBe(false);
    expect(statusUnchanged(s, { ...s, observedGeneration: 4 })).toBe(false);
    expect(statusUnchanged(undefined, { replicas: 0 })).toBe(true);
    expect(statusUnchanged({ replicas: 0 }, { replicas: 0, terminatingReplicas: 0 })).toBe(false);
    expect(statusUnchanged(s, { ...s, conditions: [{ type: 'ReplicaFailure', status: 'True', reason: 'r', message: 'm', lastTransitionTime: 'x' }] })).toBe(false);
  });
});
