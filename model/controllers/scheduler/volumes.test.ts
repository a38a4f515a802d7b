import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../api/types.js';
import { REASON_UNBOUND_IMMEDIATE, volumePreFilter } from './volumes.js';
import { schedulePod } from './schedule.js';
import { newNodeInfo } from './node-info.js';

const pod = (...claims: string[]): KubeObject => ({
  apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p', namespace: 'default', uid: 'u' },
  spec: { containers: [{ name: 'c', image: 'i' }], volumes: claims.map((c) => ({ name: c, persistentVolumeClaim: { claimName: c } })) },
});
const claim = (name: string, extra: Partial<KubeObject['metadata']> = {}, spec: Record<string, unknown> = {}): KubeObject =>
  ({ apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata: { name, namespace: 'default', ...extra }, spec });
const bound = claim('b', { annotations: { 'pv.kubernetes.io/bind-completed': 'yes' } }, { volumeName: 'pv-1' });
const claims: Record<string, KubeObject> = {
  b: bound,
  gone: claim('gone', { deletionTimestamp: '2017-03-11T00:00:00Z' }),
  imm: claim('imm', {}, { storageClassName: 'fast' }),
  wffc: claim('wffc', {}, { storageClassName: 'late' }),
  half: claim('half', {}, { volumeName: 'pv-2' }),
};
const look = {
  claim: (_: string, n: string) => claims[n],
  storageClass: (n: string) => (n === 'late' ? { apiVersion: 'storage.k8s.io/v1', kind: 'StorageClass', metadata: { name: n }, volumeBindingMode: 'WaitForFirstConsumer' } as KubeObject : undefined),
};

describe('volumePreFilter', () => {
  it('passes bound claims and unbound WaitForFirstConsumer claims', () => {
    expect(volumePreFilter(pod('b', 'wffc'), look)).toBeUndefined();
    expect(volumePreFilter(pod(), look)).toBeUndefined();
  });
  it('a missing claim, then one being deleted, are named', () => {
    expect(volumePreFilter(pod('b', 'nope', 'gone'), look)).toBe('persistentvolumeclaim "nope" not found');
    expect(volumePreFilter(pod('gone'), look)).toBe('persistentvolumeclaim "gone" is being deleted');
  });
  it('an unbound Immediate claim (or a missing class), or one the binder has not finished, holds the pod back', () => {
    expect(volumePreFilter(pod('imm'), look)).toBe(REASON_UNBOUND_IMMEDIATE);
    expect(volumePreFilter(pod('half'), look)).toBe(REASON_UNBOUND_IMMEDIATE);
  });
  it('schedulePod reports it as a PreFilter failure on every node', () => {
    const nodes = ['n1', 'n2'].map((name) => newNodeInfo({ apiVersion: 'v1', kind: 'Node', metadata: { name },
      status: { allocatable: { cpu: '4', memory: '8Gi', pods: '110' } } } as any));
    const r = schedulePod(pod('imm') as any, nodes, () => 0, { volumes: look });
    expect(r).toEqual({ unschedulable: expect.stringMatching(/^0\/2 nodes are available: pod has unbound immediate PersistentVolumeClaims\. .*preemption: 0\/2 nodes are available: 2 Preemption is not helpful for scheduling\.$/) });
    expect('node' in schedulePod(pod('b') as any, nodes, () => 0, { volumes: look })).toBe(true);
  });
});
