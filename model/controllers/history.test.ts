import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../api/types.js';
import {
  equalRevision, findEqualRevisions, hashRevision, newRevision, nextRevision, REVISION_HASH_LABEL, revisionName, revisionsToTrim, sortRevisions, templateOf,
} from './history.js';

const owner = { apiVersion: 'apps/v1', kind: 'StatefulSet', metadata: { name: 'web', namespace: 'default', uid: 'u1' } } as KubeObject;
const template = (image: string) => ({ metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'c', image }] } });

describe('ControllerRevisions', () => {
  it('names a revision <owner>-<hash>, labels it with the hash and the template labels, owned as controller', () => {
    const r = newRevision(owner, template('nginx:1.27'), 1);
    const hash = r.metadata.labels![REVISION_HASH_LABEL]!;
    expect(r.metadata.name).toBe(`web-${hash}`);
    expect(hash).toMatch(/^[bcdfghjklmnpqrstvwxz2456789]{1,10}$/);
    expect(r.metadata.labels!.app).toBe('web');
    expect(r.metadata.ownerReferences).toEqual([{ apiVersion: 'apps/v1', kind: 'StatefulSet', name: 'web', uid: 'u1', controller: true, blockOwnerDeletion: true }]);
    expect((r.data as any).spec.template.$patch).toBe('replace');
    expect(templateOf(r)).toEqual(template('nginx:1.27'));
  });
  it('hashes the same data the same, other data or another collision count differently', () => {
    const a = newRevision(owner, template('nginx:1.27'), 1).metadata.name;
    expect(newRevision(owner, template('nginx:1.27'), 7).metadata.name).toBe(a);
    expect(newRevision(owner, template('nginx:1.28'), 1).metadata.name).not.toBe(a);
    expect(hashRevision({ x: 1 }, 1)).not.toBe(hashRevision({ x: 1 }, 0));
    expect(hashRevision({ x: 1 }, 0)).not.toBe(hashRevision({ x: 1 }));
  });
  it('cuts a long owner name to 223 characters', () => {
    expect(revisionName('a'.repeat(300), 'h')).toBe(`${'a'.repeat(223)}-h`);
  });
  it('finds equal revisions by data, sorts by number and numbers the next one', () => {
    const r1 = { ...newRevision(owner, template('a'), 1), metadata: { ...newRevision(owner, template('a'), 1).metadata, creationTimestamp: '2017-01-01T00:00:00Z' } } as KubeObject;
    const r2 = newRevision(owner, template('b'), 2);
    const r3 = newRevision(owner, template('c'), 3);
    expect(sortRevisions([r3, r1, r2]).map((r) => r.revision)).toEqual([1, 2, 3]);
    expect(nextRevision(sortRevisions([r3, r1, r2]))).toBe(4);
    expect(nextRevision([])).toBe(1);
    expect(findEqualRevisions([r1, r2, r3], newRevision(owner, template('b'), 9))).toEqual([r2]);
    expect(equalRevision(r1, r2)).toBe(false);
  });
  it('trims the oldest non-live revisions beyond the limit', () => {
    const rs = [1, 2, 3, 4, 5].map((n) => newRevision(owner, template(`i${n}`), n));
    const live = new Set([rs[1]!.metadata.name!, rs[4]!.metadata.name!]);
    expect(revisionsToTrim(rs, live, 2).map((r) => r.revision)).toEqual([1]);
    expect(revisionsToTrim(rs, live, 0).map((r) => r.revision)).toEqual([1, 3, 4]);
    expect(revisionsToTrim(rs, live, 10)).toEqual([]);
  });
});
