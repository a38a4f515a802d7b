import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../api/types.js';
import { REASON_UNBOUND_IMMEDIATE, volumePreFilter } from './volumes.js';
import { schedulePod } from './schedule.js';
import { newNodeInfo } from './node-info.js';
import { pv, pvc } from '../persistentvolume/fixtures.js';

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
    expect(volumePreFilter(pod('b', 'wffc'), look)).toEqual({ claims: { bound: [bound], toBind: [claims['wffc']], rwopConflict: false } });
    expect(volumePreFilter(pod(), look)).toEqual({ claims: { bound: [], toBind: [], rwopConflict: false } });
  });
  it('a missing claim, then one being deleted, are named', () => {
    expect(volumePreFilter(pod('b', 'nope', 'gone'), look)).toEqual({ reject: 'persistentvolumeclaim "nope" not found' });
    expect(volumePreFilter(pod('gone'), look)).toEqual({ reject: 'persistentvolumeclaim "gone" is being deleted' });
  });
  it('an unbound Immediate claim (or a missing class), or one the binder has not finished, holds the pod back', () => {
    expect(volumePreFilter(pod('imm'), look)).toEqual({ reject: REASON_UNBOUND_IMMEDIATE });
    expect(volumePreFilter(pod('half'), look)).toEqual({ reject: REASON_UNBOUND_IMMEDIATE });
  });
  it('schedulePod reports it as a PreFilter failure on every node', () => {
    const nodes = ['n1', 'n2'].map((name) => newNodeInfo({ apiVersion: 'v1', kind: 'Node', metadata: { name },
      status: { allocatable: { cpu: '4', memory: '8Gi', pods: '110' } } } as any));
    const r = schedulePod(pod('imm') as any, nodes, () => 0, { volumes: look });
    expect(r).toEqual({ unschedulable: expect.stringMatching(/^0\/2 nodes are available: pod has unbound immediate PersistentVolumeClaims\. .*preemption: 0\/2 nodes are available: 2 Preemption is not helpful for scheduling\.$/) });
    expect('node' in schedulePod(pod('b') as any, nodes, () => 0, { volumes: look })).toBe(true);
  });
});

describe('the volume filters (VolumeRestrictions, VolumeBinding)', () => {
  const zone = (z: string) => ({ required: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'topology.kubernetes.io/zone', operator: 'In', values: [z] }] }] } });
  const nodes = [['n1', 'a'], ['n2', 'b'], ['n3', 'b']].map(([name, z]) => newNodeInfo({ apiVersion: 'v1', kind: 'Node',
    metadata: { name, labels: { 'kubernetes.io/hostname': name!, 'topology.kubernetes.io/zone': z! } },
    status: { allocatable: { cpu: '4', memory: '8Gi', pods: '110' } } } as any));
  const sc = (name: string, provisioner: string, extra: Record<string, unknown> = {}): KubeObject =>
    ({ apiVersion: 'storage.k8s.io/v1', kind: 'StorageClass', metadata: { name }, provisioner, volumeBindingMode: 'WaitForFirstConsumer', ...extra });
  const classes: Record<string, KubeObject> = {
    local: sc('local', 'kubernetes.io/no-provisioner'),
    csi: sc('csi', 'pd.csi.storage.gke.io'),
    onlyB: sc('onlyB', 'pd.csi.storage.gke.io', { allowedTopologies: [{ matchLabelExpressions: [{ key: 'topology.kubernetes.io/zone', values: ['b'] }] }] }),
  };
  const setup = (cs: KubeObject[], vs: KubeObject[], inUse: string[] = []) => ({
    claim: (_: string, n: string) => cs.find((c) => c.metadata.name === n),
    storageClass: (n: string) => classes[n],
    volume: (n: string) => vs.find((v) => v.metadata.name === n),
    volumes: () => vs,
    claimInUse: (k: string) => inUse.includes(k),
  });

  it('a bound volume in zone a keeps the pod in zone a', () => {
    const look = setup([pvc('data', { volumeName: 'pv-a', annotations: { 'pv.kubernetes.io/bind-completed': 'yes' } })],
      [pv('pv-a', { affinity: zone('a'), phase: 'Bound' })]);
    const r = schedulePod(pod('data') as any, nodes, () => 0, { volumes: look });
    expect(r).toMatchObject({ node: 'n1' });
    const look2 = setup([pvc('data', { volumeName: 'pv-a', annotations: { 'pv.kubernetes.io/bind-completed': 'yes' } })],
      [pv('pv-a', { affinity: zone('c'), phase: 'Bound' })]);
    expect(schedulePod(pod('data') as any, nodes, () => 0, { volumes: look2 })).toEqual({ unschedulable:
      '0/3 nodes are available: 3 node(s) had volume node affinity conflict. preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling.' });
    const look3 = setup([pvc('data', { volumeName: 'gone', annotations: { 'pv.kubernetes.io/bind-completed': 'yes' } })], []);
    expect(schedulePod(pod('data') as any, nodes, () => 0, { volumes: look3 })).toEqual({ unschedulable: expect.stringContaining(
      '3 node(s) unavailable due to one or more pvc(s) bound to non-existent pv(s).') });
  });

  it('a WaitForFirstConsumer claim of a local class gets the smallest volume on a node that has one, sorted claims first', () => {
    const host = (n: string) => ({ required: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'kubernetes.io/hostname', operator: 'In', values: [n] }] }] } });
    const cs = [pvc('big', { cls: 'local', request: '50Gi' }), pvc('small', { cls: 'local', request: '5Gi' })];
    const vs = [pv('n2-100', { cls: 'local', capacity: '100Gi', affinity: host('n2') }), pv('n2-10', { cls: 'local', capacity: '10Gi', affinity: host('n2') }),
      pv('n3-60', { cls: 'local', capacity: '60Gi', affinity: host('n3') })];
    const r = schedulePod(pod('big', 'small') as any, nodes, () => 0, { volumes: setup(cs, vs) }) as any;
    expect(r.node).toBe('n2');
    expect(r.volumes.bindings.map((b: any) => [b.claim.metadata.name, b.volume.metadata.name])).toEqual([['small', 'n2-10'], ['big', 'n2-100']]);
    expect(r.volumes.provisions).toEqual([]);
    const none = schedulePod(pod('big') as any, nodes, () => 0, { volumes: setup([pvc('big', { cls: 'local', request: '500Gi' })], vs) });
    expect(none).toEqual({ unschedulable: expect.stringMatching(/^0\/3 nodes are available: 3 node\(s\) didn't find available persistent volumes to bind\. /) });
  });

  it('a claim to provision goes where the class allows, and a selected node pins it', () => {
    const r = schedulePod(pod('d') as any, nodes, () => 0, { volumes: setup([pvc('d', { cls: 'onlyB' })], []) }) as any;
    expect(['n2', 'n3']).toContain(r.node);
    expect(r.volumes.provisions.map((c: KubeObject) => c.metadata.name)).toEqual(['d']);
    const pinned = setup([pvc('d', { cls: 'csi', annotations: { 'volume.kubernetes.io/selected-node': 'n3' } })], []);
    expect(schedulePod(pod('d') as any, nodes, () => 0, { volumes: pinned })).toMatchObject({ node: 'n3' });
    const gone = setup([pvc('d', { cls: 'csi', annotations: { 'volume.kubernetes.io/selected-node': 'n9' } })], []);
    expect(schedulePod(pod('d') as any, nodes, () => 0, { volumes: gone })).toEqual({ unschedulable: expect.stringContaining("3 node(s) didn't find available persistent volumes to bind") });
  });

  it('a ReadWriteOncePod claim in use fails every node, and preemption might help', () => {
    const look = setup([pvc('solo', { modes: ['ReadWriteOncePod'], volumeName: 'pv', annotations: { 'pv.kubernetes.io/bind-completed': 'yes' } })],
      [pv('pv', { modes: ['ReadWriteOncePod'], phase: 'Bound' })], ['default/solo']);
    expect(schedulePod(pod('solo') as any, nodes, () => 0, { volumes: look })).toEqual({ unschedulable:
      '0/3 nodes are available: 3 node has pod using PersistentVolumeClaim with the same name and ReadWriteOncePod access mode. preemption: 0/3 nodes are available: 3 No preemption victims found for incoming pod.' });
    const free = setup([pvc('solo', { modes: ['ReadWriteOncePod'], volumeName: 'pv', annotations: { 'pv.kubernetes.io/bind-completed': 'yes' } })],
      [pv('pv', { modes: ['ReadWriteOncePod'], phase: 'Bound' })]);
    expect('node' in schedulePod(pod('solo') as any, nodes, () => 0, { volumes: free })).toBe(true);
  });

  it('a bound volume pinned to a hostname narrows the nodes in PreFilter, and the rest are VolumeBinding\'s', () => {
    const host = (n: string) => ({ required: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'kubernetes.io/hostname', operator: 'In', values: [n] }] }] } });
    const look = setup([pvc('data', { volumeName: 'local-2', annotations: { 'pv.kubernetes.io/bind-completed': 'yes' } })],
      [pv('local-2', { affinity: host('n2'), phase: 'Bound' })]);
    expect(schedulePod(pod('data') as any, nodes, () => 0, { volumes: look })).toMatchObject({ node: 'n2', evaluatedNodes: 1 });
    const big = { ...pod('data'), spec: { ...pod('data').spec, containers: [{ name: 'c', image: 'i', resources: { requests: { cpu: '5' } } }] } };
    expect(schedulePod(big as any, nodes, () => 0, { volumes: look })).toEqual({ unschedulable:
      "0/3 nodes are available: 1 Insufficient cpu, 2 node(s) didn't satisfy plugin(s) [VolumeBinding]. preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling." });
    const elsewhere = { ...pod('data'), spec: { ...pod('data').spec, nodeName: undefined, affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: {
      nodeSelectorTerms: [{ matchFields: [{ key: 'metadata.name', operator: 'In', values: ['n1'] }] }] } } } } };
    expect(schedulePod(elsewhere as any, nodes, () => 0, { volumes: look })).toEqual({ unschedulable: expect.stringMatching(
      /^0\/3 nodes are available: node\(s\) didn't satisfy plugin\(s\) \[NodeAffinity VolumeBinding\] simultaneously\. /) });
  });
});
