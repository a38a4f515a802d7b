// The scheduler and claims: a pod whose Immediate claim is unbound is not
// placed (FailedScheduling, PodScheduled=False) until the binder binds it.
import { describe, expect, it } from 'vitest';
import { Cluster } from '../../cluster.js';
import { defaultNodes } from '../../nodes.js';
import { builtinControllers } from '../../../properties/controllers/index.js';

describe('kube-scheduler with claims', () => {
  it('waits for an Immediate claim to be bound, then schedules', () => {
    const c = new Cluster({ controllers: builtinControllers, nodes: defaultNodes(2) });
    c.store.create({ apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata: { name: 'data' },
      spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } }, storageClassName: '' } });
    c.store.create({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' },
      spec: { containers: [{ name: 'c', image: 'nginx' }], volumes: [{ name: 'd', persistentVolumeClaim: { claimName: 'data' } }] } });
    c.run(30_000);
    const pod = c.store.get('Pod', 'default', 'p')!;
    expect(pod.spec.nodeName).toBeUndefined();
    const cond = pod.status.conditions.find((x: any) => x.type === 'PodScheduled');
    expect(cond.status).toBe('False');
    expect(cond.message).toMatch(/^0\/2 nodes are available: pod has unbound immediate PersistentVolumeClaims\. /);
    c.store.create({ apiVersion: 'v1', kind: 'PersistentVolume', metadata: { name: 'pv-1' },
      spec: { capacity: { storage: '1Gi' }, accessModes: ['ReadWriteOnce'], hostPath: { path: '/d' } } });
    c.run(20_000);
    expect(c.store.get('Pod', 'default', 'p')!.status.phase).toBe('Running');
  });

  it('a pod naming a claim that does not exist is told so', () => {
    const c = new Cluster({ controllers: builtinControllers, nodes: defaultNodes(1) });
    c.store.create({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' },
      spec: { containers: [{ name: 'c', image: 'nginx' }], volumes: [{ name: 'd', persistentVolumeClaim: { claimName: 'nope' } }] } });
    c.run(5_000);
    const ev = c.store.list('Event').find((e: any) => e.reason === 'FailedScheduling') as any;
    expect(ev.message).toMatch(/^0\/1 nodes are available: persistentvolumeclaim "nope" not found\. /);
  });
});

describe('kube-scheduler with WaitForFirstConsumer claims', () => {
  const zoned = [{ name: 'node-1', labels: { 'topology.kubernetes.io/zone': 'a' } }, { name: 'node-2', labels: { 'topology.kubernetes.io/zone': 'b' } }];
  const podWith = (name: string, claim: string, extra: Record<string, unknown> = {}) => ({ apiVersion: 'v1', kind: 'Pod', metadata: { name },
    spec: { containers: [{ name: 'c', image: 'nginx' }], volumes: [{ name: 'd', persistentVolumeClaim: { claimName: claim } }], ...extra } });

  it('provisions in the zone of the node it picks, binds the pod after the claim, and keeps later pods in that zone', () => {
    const c = new Cluster({ controllers: builtinControllers, nodes: zoned });
    c.store.create({ apiVersion: 'storage.k8s.io/v1', kind: 'StorageClass', metadata: { name: 'late' }, provisioner: 'pd.csi.storage.gke.io', volumeBindingMode: 'WaitForFirstConsumer' });
    c.store.create({ apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata: { name: 'data' },
      spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } }, storageClassName: 'late' } });
    c.run(20_000);
    expect(c.store.get('PersistentVolumeClaim', 'default', 'data')!.status.phase).toBe('Pending');
    const waits = c.store.list('Event').filter((e: any) => e.reason === 'WaitForFirstConsumer');
    expect(waits[0]!.message).toBe('waiting for first consumer to be created before binding');
    expect(c.store.count('PersistentVolume')).toBe(0);
    c.store.create(podWith('p', 'data', { nodeSelector: { 'topology.kubernetes.io/zone': 'b' } }));
    c.run(1_500);
    // PreBind: the claim names the node, the pod is not bound yet.
    expect(c.store.get('PersistentVolumeClaim', 'default', 'data')!.metadata.annotations!['volume.kubernetes.io/selected-node']).toBe('node-2');
    expect(c.store.get('Pod', 'default', 'p')!.spec.nodeName).toBeUndefined();
    c.run(20_000);
    const pv = c.store.list('PersistentVolume')[0]!;
    expect(pv.spec.nodeAffinity.required.nodeSelectorTerms[0].matchExpressions[0]).toEqual({ key: 'topology.kubernetes.io/zone', operator: 'In', values: ['b'] });
    expect(c.store.get('Pod', 'default', 'p')!.spec.nodeName).toBe('node-2');
    expect(c.store.get('Pod', 'default', 'p')!.status.phase).toBe('Running');
    // A later pod on the claim can only go where the volume is, whatever else it would prefer.
    c.store.delete('Pod', 'default', 'p');
    c.run(60_000);
    c.store.create(podWith('q', 'data', { nodeSelector: { 'topology.kubernetes.io/zone': 'a' } }));
    c.run(5_000);
    const q = c.store.get('Pod', 'default', 'q')!;
    expect(q.spec.nodeName).toBeUndefined();
    expect(q.status.conditions.find((x: any) => x.type === 'PodScheduled').message).toBe(
      "0/2 nodes are available: 1 node(s) didn't match Pod's node affinity/selector, 1 node(s) had volume node affinity conflict. preemption: 0/2 nodes are available: 2 Preemption is not helpful for scheduling.");
  });

  it('binds a local volume itself: the smallest that fits, on the node that has it', () => {
    const c = new Cluster({ controllers: builtinControllers, nodes: zoned });
    c.store.create({ apiVersion: 'storage.k8s.io/v1', kind: 'StorageClass', metadata: { name: 'local' }, provisioner: 'kubernetes.io/no-provisioner', volumeBindingMode: 'WaitForFirstConsumer' });
    const local = (name: string, node: string, size: string) => ({ apiVersion: 'v1', kind: 'PersistentVolume', metadata: { name },
      spec: { capacity: { storage: size }, accessModes: ['ReadWriteOnce'], storageClassName: 'local', local: { path: `/mnt/${name}` },
        nodeAffinity: { required: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'kubernetes.io/hostname', operator: 'In', values: [node] }] }] } } } });
    c.store.create(local('n1-big', 'node-1', '100Gi'));
    c.store.create(local('n2-small', 'node-2', '10Gi'));
    c.store.create(local('n2-big', 'node-2', '50Gi'));
    c.store.create({ apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata: { name: 'data' },
      spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '5Gi' } }, storageClassName: 'local' } });
    c.run(5_000);
    c.store.create(podWith('p', 'data', { nodeName: undefined, affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'kubernetes.io/hostname', operator: 'In', values: ['node-2'] }] }] } } } }));
    c.run(30_000);
    const claim = c.store.get('PersistentVolumeClaim', 'default', 'data')!;
    expect(claim.spec.volumeName).toBe('n2-small');
    expect(claim.status.phase).toBe('Bound');
    expect(c.store.get('PersistentVolume', undefined, 'n2-small')!.metadata.annotations!['pv.kubernetes.io/bound-by-controller']).toBe('yes');
    expect(c.store.get('Pod', 'default', 'p')!.spec.nodeName).toBe('node-2');
    // A second claim too big for any volume on node-2 cannot follow the pod there.
    c.store.create({ apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata: { name: 'huge' },
      spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '60Gi' } }, storageClassName: 'local' } });
    c.store.create(podWith('r', 'huge', { nodeSelector: { 'kubernetes.io/hostname': 'node-2' } }));
    c.run(5_000);
    expect(c.store.get('Pod', 'default', 'r')!.status.conditions.find((x: any) => x.type === 'PodScheduled').message).toMatch(
      /^0\/2 nodes are available: 1 node\(s\) didn't find available persistent volumes to bind, 1 node\(s\) didn't match Pod's node affinity\/selector\. /);
  });

  it('a second pod on a ReadWriteOncePod claim waits for the first to go', () => {
    const c = new Cluster({ controllers: builtinControllers, nodes: defaultNodes(2) });
    c.store.create({ apiVersion: 'v1', kind: 'PersistentVolume', metadata: { name: 'pv-1' },
      spec: { capacity: { storage: '1Gi' }, accessModes: ['ReadWriteOncePod'], hostPath: { path: '/d' } } });
    c.store.create({ apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata: { name: 'solo' },
      spec: { accessModes: ['ReadWriteOncePod'], resources: { requests: { storage: '1Gi' } }, storageClassName: '' } });
    c.run(20_000);
    c.store.create(podWith('a', 'solo'));
    c.run(10_000);
    c.store.create(podWith('b', 'solo'));
    c.run(10_000);
    expect(c.store.get('Pod', 'default', 'a')!.status.phase).toBe('Running');
    const b = c.store.get('Pod', 'default', 'b')!;
    expect(b.spec.nodeName).toBeUndefined();
    expect(b.status.conditions.find((x: any) => x.type === 'PodScheduled').message).toBe(
      '0/2 nodes are available: 2 node has pod using PersistentVolumeClaim with the same name and ReadWriteOncePod access mode. preemption: 0/2 nodes are available: 2 No preemption victims found for incoming pod.');
    c.store.delete('Pod', 'default', 'a');
    c.run(60_000);
    expect(c.store.get('Pod', 'default', 'b')!.status.phase).toBe('Running');
  });
});
