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
