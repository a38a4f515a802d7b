import { describe, it, expect } from 'vitest';
import type { KubeObject } from '../../api/types.js';
import { manageReplicas, ownerSelector } from './manage.js';
import { podFromTemplate } from '../pod-template.js';
import { ownerOf } from '../claim.js';
import { ownerRefFor } from '../claim.js';
import { slowStartBatch, BURST_REPLICAS } from '../podutil.js';
import { pod } from './fixtures.js';

const parse = (s: string) => Date.parse(s) - Date.UTC(2017, 2, 11);

const pods = (k: number) => Array.from({ length: k }, () => pod());

describe('manageReplicas: how many to create, how many to delete', () => {
  // Given observed pods, expect N creates and M deletes.
  const table: Array<[string, number, number, number, number]> = [
    ['steady', 3, 3, 0, 0],
    ['from zero', 3, 0, 3, 0],
    ['one short', 3, 2, 1, 0],
    ['two over', 1, 3, 0, 2],
    ['scale to zero', 0, 4, 0, 4],
    ['burst caps creates', 1200, 0, BURST_REPLICAS, 0],
    ['burst caps creates after some exist', 1200, 900, 300, 0],
    ['burst caps deletes', 0, 700, 0, BURST_REPLICAS],
  ];
  it.each(table)('%s: replicas %i with %i active → %i creates, %i deletes', (_name, replicas, active, creates, deletes) => {
    const plan = manageReplicas({ replicas, active: pods(active), parse });
    expect(plan.create).toBe(creates);
    expect(plan.delete).toHaveLength(deletes);
  });

  it('a smaller burst (the model\'s own option) caps both directions', () => {
    expect(manageReplicas({ replicas: 10, active: [], burst: 4, parse }).create).toBe(4);
    expect(manageReplicas({ replicas: 0, active: pods(10), burst: 4, parse }).delete).toHaveLength(4);
  });
});

describe('slow-start creates, with a fake that counts', () => {
  it('batches 1, 2, 4, 8 … and stops after the first batch with a failure', () => {
    let calls = 0;
    const ok = slowStartBatch(100, 1, () => ++calls <= 5);
    // Batches 1 and 2 succeed (3 calls), batch 4 has calls 4..7: 4 and 5 succeed, 6 and 7 fail; no batch 8.
    expect(calls).toBe(7);
    expect(ok).toBe(5);
  });
  it('all succeed: every create is made, the last batch trimmed to what remains', () => {
    let calls = 0;
    expect(slowStartBatch(10, 1, () => { calls++; return true; })).toBe(10);
    expect(calls).toBe(10);
  });
  it('the first call fails: one call, not five hundred (a quota hit costs one request)', () => {
    let calls = 0;
    expect(slowStartBatch(500, 1, () => { calls++; return false; })).toBe(0);
    expect(calls).toBe(1);
  });
});

describe('pods from the template', () => {
  const rs: KubeObject = {
    apiVersion: 'apps/v1', kind: 'ReplicaSet', metadata: { name: 'web', namespace: 'ns1', uid: 'rs-uid' },
    spec: { replicas: 2, selector: { matchLabels: { app: 'web' } }, template: { metadata: { labels: { app: 'web', tier: 'fe' }, annotations: { a: 'b' } }, spec: { containers: [{ name: 'c', image: 'nginx' }] } } },
  };
  it('generateName <owner>-, template labels and annotations, a blocking ControllerRef', () => {
    const p = podFromTemplate(rs, ownerRefFor(ownerOf(rs)));
    expect(p.metadata).toEqual({
      generateName: 'web-', namespace: 'ns1', labels: { app: 'web', tier: 'fe' }, annotations: { a: 'b' },
      ownerReferences: [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'web', uid: 'rs-uid', controller: true, blockOwnerDeletion: true }],
    });
    expect(p.spec).toEqual({ containers: [{ name: 'c', image: 'nginx' }] });
  });
  it('selectors: a LabelSelector for ReplicaSets, a plain map for ReplicationControllers', () => {
    expect(ownerSelector(rs).matches({ app: 'web', x: 'y' })).toBe(true);
    const rc: KubeObject = { apiVersion: 'v1', kind: 'ReplicationController', metadata: { name: 'rc' }, spec: { selector: { app: 'web' } } };
    expect(ownerSelector(rc).matches({ app: 'web' })).toBe(true);
    expect(ownerSelector(rc).matches({ app: 'db' })).toBe(false);
    // A nil LabelSelector selects nothing; an empty one everything (the controller refuses it).
    expect(ownerSelector({ ...rs, spec: {} }).matches({ app: 'web' })).toBe(false);
    expect(ownerSelector({ ...rs, spec: { selector: {} } }).empty()).toBe(true);
  });
});
