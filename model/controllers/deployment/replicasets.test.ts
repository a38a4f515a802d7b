import { describe, it, expect } from 'vitest';
import { byRevision, equalIgnoreHash, findActiveOrLatest, findNewReplicaSet, isSaturated } from './replicasets.js';
import { oldPodsRunning } from './recreate.js';
import { deploy, rs } from './fixtures.js';

describe('finding the new ReplicaSet', () => {
  it('matches the template ignoring the pod-template-hash label; the oldest match wins', () => {
    const d = deploy({ image: 'web:1' });
    const a = rs({ name: 'a', replicas: 1, image: 'web:1', createdS: 10 });
    const b = rs({ name: 'b', replicas: 1, image: 'web:1', createdS: 5 });
    const c = rs({ name: 'c', replicas: 1, image: 'web:2', createdS: 0 });
    expect(findNewReplicaSet(d, [a, b, c])?.metadata.name).toBe('b');
    expect(findNewReplicaSet(deploy({ image: 'web:3' }), [a, b, c])).toBeUndefined();
    expect(equalIgnoreHash(a.spec.template, d.spec.template)).toBe(true);
  });

  it('semantic equality: an empty labels map equals none', () => {
    expect(equalIgnoreHash({ metadata: { labels: { 'pod-template-hash': 'x' } }, spec: {} }, { metadata: {}, spec: {} })).toBe(true);
  });

  it('the catalogue bug only looks at the newest revision, so a rollback misses the old ReplicaSet', () => {
    const d = deploy({ image: 'web:1' });
    const v1 = rs({ name: 'v1', replicas: 0, image: 'web:1', revision: 1 });
    const v2 = rs({ name: 'v2', replicas: 3, image: 'web:2', revision: 2 });
    expect(findNewReplicaSet(d, [v1, v2])?.metadata.name).toBe('v1');
    expect(findNewReplicaSet(d, [v1, v2], { onlyNewest: true })).toBeUndefined();
    expect([v2, v1].sort(byRevision).map((r) => r.metadata.name)).toEqual(['v1', 'v2']);
  });
});

describe('FindActiveOrLatest and IsSaturated', () => {
  it('one active ReplicaSet, none (the new, else the newest old), or several', () => {
    const n = rs({ name: 'n', replicas: 0, createdS: 20 });
    const o1 = rs({ name: 'o1', replicas: 0, createdS: 0 });
    const o2 = rs({ name: 'o2', replicas: 0, createdS: 10 });
    expect(findActiveOrLatest(n, [o1, o2])?.metadata.name).toBe('n');
    expect(findActiveOrLatest(undefined, [o1, o2])?.metadata.name).toBe('o2');
    expect(findActiveOrLatest(n, [rs({ name: 'o1', replicas: 3 })])?.metadata.name).toBe('o1');
    expect(findActiveOrLatest(rs({ name: 'n', replicas: 1 }), [rs({ name: 'o1', replicas: 3 })])).toBeUndefined();
    expect(findActiveOrLatest(undefined, [])).toBeUndefined();
  });

  it('saturated: at replicas, sized for them, all available', () => {
    const d = deploy({ replicas: 3 });
    expect(isSaturated(d, rs({ name: 'n', replicas: 3, desired: 3 }))).toBe(true);
    expect(isSaturated(d, rs({ name: 'n', replicas: 3, desired: 3, available: 2 }))).toBe(false);
    expect(isSaturated(d, rs({ name: 'n', replicas: 3 }))).toBe(false);
    expect(isSaturated(d, undefined)).toBe(false);
  });
});

describe('Recreate: old pods running', () => {
  const pod = (phase: string, deleting = false) => ({ apiVersion: 'v1', kind: 'Pod', metadata: { name: phase, ...(deleting ? { deletionTimestamp: 'x' } : {}) }, status: { phase } });
  it('an old ReplicaSet reporting pods, or an old pod not yet finished (Terminating counts), blocks the new one', () => {
    const old = rs({ name: 'old', replicas: 0, actual: 0 });
    const nu = rs({ name: 'new', replicas: 0, actual: 0 });
    expect(oldPodsRunning(nu, [rs({ name: 'old', replicas: 0, actual: 1 })], new Map())).toBe(true);
    expect(oldPodsRunning(nu, [old], new Map([['uid-old', [pod('Running', true)]]]))).toBe(true);
    expect(oldPodsRunning(nu, [old], new Map([['uid-old', [pod('Unknown')]]]))).toBe(true);
    expect(oldPodsRunning(nu, [old], new Map([['uid-old', [pod('Succeeded'), pod('Failed')]]]))).toBe(false);
    expect(oldPodsRunning(nu, [old], new Map([['uid-new', [pod('Running')]]]))).toBe(false);
  });
});
