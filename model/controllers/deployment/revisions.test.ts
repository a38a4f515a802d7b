import { describe, it, expect } from 'vitest';
import {
  MAX_REV_HISTORY_CHARS, REVISION, REVISION_HISTORY, DESIRED_REPLICAS, MAX_REPLICAS,
  maxRevision, revisionOf, setNewReplicaSetAnnotations, setDeploymentRevision,
} from './annotations.js';
import { historyToDelete } from './cleanup.js';
import { buildNewReplicaSet, syncExistingNewReplicaSet } from './newrs.js';
import { deploy, rs } from './fixtures.js';

describe('revisions', () => {
  it('e2e RollingUpdateDeployment: an adopted revision 3546343826724305832 is followed by ...833 (past 2^53)', () => {
    const adopted = rs({ name: 'adopted', replicas: 1, revision: '3546343826724305832' });
    expect(maxRevision([adopted, rs({ name: 'x', replicas: 0 })]) + 1n).toBe(3546343826724305833n);
  });

  it('an absent revision is 0, a malformed one is skipped', () => {
    expect(revisionOf(rs({ name: 'a', replicas: 1 }))).toBe(0n);
    expect(revisionOf(rs({ name: 'a', replicas: 1, revision: 'x' }))).toBeUndefined();
    expect(maxRevision([rs({ name: 'a', replicas: 1, revision: 'x' }), rs({ name: 'b', replicas: 1, revision: 4 })])).toBe(4n);
  });

  it('a rollback raises the old ReplicaSet\'s revision and keeps the old number in revision-history', () => {
    const ann: Record<string, string> = { [REVISION]: '1' };
    expect(setNewReplicaSetAnnotations(deploy(), ann, 3n, true, 3)).toBe(true);
    expect(ann[REVISION]).toBe('3');
    expect(ann[REVISION_HISTORY]).toBe('1');
    setNewReplicaSetAnnotations(deploy(), ann, 5n, true, 3);
    expect(ann[REVISION_HISTORY]).toBe('1,3');
    // An existing ReplicaSet keeps its replicas annotations; a lower revision is never written.
    expect(ann[DESIRED_REPLICAS]).toBeUndefined();
    expect(setNewReplicaSetAnnotations(deploy(), ann, 4n, true, 3)).toBe(false);
  });

  it('revision-history drops the oldest numbers past 2000 characters', () => {
    const long = Array.from({ length: 400 }, (_, i) => String(1000 + i)).join(','); // 1999 chars
    const ann: Record<string, string> = { [REVISION]: '77777', [REVISION_HISTORY]: long };
    setNewReplicaSetAnnotations(deploy(), ann, 77778n, true, 3);
    const h = ann[REVISION_HISTORY]!;
    expect(h.length).toBeLessThanOrEqual(MAX_REV_HISTORY_CHARS);
    expect(h.endsWith(',77777')).toBe(true);
    expect(h.startsWith('1001,')).toBe(true); // 1999 + 6 = 2005: dropping "1000," is enough
  });

  it('the Deployment\'s annotations are copied, except kubectl\'s last-applied and the revision bookkeeping', () => {
    const d = deploy();
    d.metadata.annotations = { team: 'a', 'kubectl.kubernetes.io/last-applied-configuration': '{}', [REVISION]: '9' };
    const ann: Record<string, string> = {};
    setNewReplicaSetAnnotations(d, ann, 1n, false, 3);
    expect(ann).toEqual({ team: 'a', [REVISION]: '1', [DESIRED_REPLICAS]: '10', [MAX_REPLICAS]: '13' });
    expect(setDeploymentRevision(ann, '1')).toBe(false);
  });
});

describe('the new ReplicaSet', () => {
  it('is named <deployment>-<hash>, with the hash in its labels, selector and template, owned by the Deployment', () => {
    const d = deploy({ replicas: 10 });
    const r = buildNewReplicaSet(d, [rs({ name: 'old', replicas: 10 })], 2n);
    const hash = r.metadata.labels!['pod-template-hash']!;
    expect(r.metadata.name).toBe(`web-${hash}`);
    expect(r.spec.selector.matchLabels).toEqual({ app: 'web', 'pod-template-hash': hash });
    expect(r.spec.template.metadata.labels).toEqual({ app: 'web', 'pod-template-hash': hash });
    expect(r.metadata.ownerReferences).toEqual([{ apiVersion: 'apps/v1', kind: 'Deployment', name: 'web', uid: 'd-uid', controller: true, blockOwnerDeletion: true }]);
    expect(r.spec.replicas).toBe(3);
    expect(r.metadata.annotations).toEqual({ [REVISION]: '2', [DESIRED_REPLICAS]: '10', [MAX_REPLICAS]: '13' });
    // The Deployment's own template is untouched.
    expect(d.spec.template.metadata.labels).toEqual({ app: 'web' });
  });

  it('a collision count changes the hash', () => {
    const d = deploy();
    const a = buildNewReplicaSet(d, [], 1n).metadata.name;
    d.status = { collisionCount: 1 };
    expect(buildNewReplicaSet(d, [], 1n).metadata.name).not.toBe(a);
  });

  it('an existing new ReplicaSet is updated only when its annotations or minReadySeconds are behind', () => {
    const d = deploy();
    const cur = rs({ name: 'cur', replicas: 10, revision: 2 });
    cur.spec.minReadySeconds = 0;
    expect(syncExistingNewReplicaSet(d, cur, 2n)).toBeUndefined();
    expect(syncExistingNewReplicaSet(d, cur, 3n)?.metadata.annotations?.[REVISION]).toBe('3');
    d.spec.minReadySeconds = 5;
    expect(syncExistingNewReplicaSet(d, cur, 2n)?.spec.minReadySeconds).toBe(5);
  });
});

describe('revisionHistoryLimit', () => {
  it('deletes the lowest revisions past the limit, only when fully scaled down and observed', () => {
    const d = deploy({ revisionHistoryLimit: 1 });
    const olds = [
      rs({ name: 'r1', replicas: 0, revision: 1 }),
      rs({ name: 'r2', replicas: 0, revision: 2, actual: 1 }), // a pod still counted
      rs({ name: 'r3', replicas: 0, revision: 3 }),
    ];
    expect(historyToDelete(d, olds).map((r) => r.metadata.name)).toEqual(['r1']);
    expect(historyToDelete(deploy({ revisionHistoryLimit: 0 }), olds).map((r) => r.metadata.name)).toEqual(['r1', 'r3']);
    expect(historyToDelete(deploy({ revisionHistoryLimit: 3 }), olds)).toEqual([]);
    const unobserved = rs({ name: 'r0', replicas: 0, revision: 0, generation: 2, observedGeneration: 1 });
    expect(historyToDelete(deploy({ revisionHistoryLimit: 0 }), [unobserved])).toEqual([]);
  });
});
