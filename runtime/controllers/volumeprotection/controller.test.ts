// Storage object in-use protection, end to end: the admission plugin adds
// the finalizers, the controllers remove them once nothing uses the object.
import { describe, expect, it } from 'vitest';
import { Cluster } from '../../cluster.js';
import { defaultNodes } from '../../nodes.js';
import { builtinControllers } from '../../../properties/controllers/index.js';
import type { KubeObject } from '../../../model/api/types.js';

const claim = (name: string): KubeObject => ({
  apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata: { name },
  spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } }, storageClassName: '' },
});
const podUsing = (name: string, claimName: string, extra: Record<string, unknown> = {}): KubeObject => ({
  apiVersion: 'v1', kind: 'Pod', metadata: { name },
  spec: { ...extra, containers: [{ name: 'c', image: 'nginx' }], volumes: [{ name: 'data', persistentVolumeClaim: { claimName } }] },
});

describe('pvc-protection-controller', () => {
  it('every new claim carries the finalizer; a claim no pod uses goes at once when deleted', () => {
    const c = new Cluster({ controllers: builtinControllers, nodes: defaultNodes(1) });
    c.store.create(claim('data'));
    expect(c.store.get('PersistentVolumeClaim', 'default', 'data')!.metadata.finalizers).toEqual(['kubernetes.io/pvc-protection']);
    c.store.delete('PersistentVolumeClaim', 'default', 'data');
    c.run(1_000);
    expect(c.store.get('PersistentVolumeClaim', 'default', 'data')).toBeUndefined();
  });

  it('a claim a scheduled pod uses stays Terminating until the pod is gone, even after the pod completes', () => {
    const c = new Cluster({ controllers: builtinControllers, nodes: defaultNodes(1), images: { 'done:1': { exitAfterMs: 5_000, exitCode: 0 } } });
    // The kubelet mounts only a bound claim, so give this one a volume to bind to.
    c.store.create({ apiVersion: 'v1', kind: 'PersistentVolume', metadata: { name: 'pv-1' },
      spec: { capacity: { storage: '1Gi' }, accessModes: ['ReadWriteOnce'], hostPath: { path: '/data' } } });
    c.store.create(claim('data'));
    const done = podUsing('p', 'data', { nodeName: 'node-1', restartPolicy: 'Never' });
    done.spec.containers[0].image = 'done:1';
    c.store.create(done);
    c.run(2_000);
    c.store.delete('PersistentVolumeClaim', 'default', 'data');
    c.run(30_000);
    expect(c.store.get('Pod', 'default', 'p')!.status.phase).toBe('Succeeded');
    const held = c.store.get('PersistentVolumeClaim', 'default', 'data')!;
    expect(held.metadata.deletionTimestamp).toBeDefined();
    expect(held.metadata.finalizers).toEqual(['kubernetes.io/pvc-protection']);
    c.store.delete('Pod', 'default', 'p');
    c.run(1_000);
    expect(c.store.get('PersistentVolumeClaim', 'default', 'data')).toBeUndefined();
  });

  it('a pod not yet scheduled does not hold the claim', () => {
    const c = new Cluster({ controllers: builtinControllers, nodes: defaultNodes(1) });
    c.store.create(claim('data'));
    c.store.create(podUsing('p', 'data', { nodeSelector: { nowhere: 'true' } }));
    c.run(1_000);
    c.store.delete('PersistentVolumeClaim', 'default', 'data');
    c.run(1_000);
    expect(c.store.get('PersistentVolumeClaim', 'default', 'data')).toBeUndefined();
  });

  it('a stale pod cache does not let go of a claim in use: the live list finds the pod', () => {
    // With the watch delayed, the claim's deletion may reach the controller before the pod does
    // (the two streams are not ordered with each other); over ten seeds some do.
    for (let seed = 1; seed <= 10; seed++) {
      const c = new Cluster({ seed, controllers: builtinControllers, nodes: defaultNodes(1) });
      c.store.create(claim('data'));
      c.run(1_000);
      c.watchDelay('pvc-protection-controller', 60_000);
      c.store.create(podUsing('p', 'data', { nodeName: 'node-1' }));
      c.store.delete('PersistentVolumeClaim', 'default', 'data');
      c.run(130_000);
      expect(c.store.get('PersistentVolumeClaim', 'default', 'data')?.metadata.finalizers, `seed ${seed}`).toEqual(['kubernetes.io/pvc-protection']);
    }
  });
});

describe('pv-protection-controller', () => {
  const pv = (phase?: string): KubeObject => ({
    apiVersion: 'v1', kind: 'PersistentVolume', metadata: { name: 'vol' },
    spec: { capacity: { storage: '1Gi' }, accessModes: ['ReadWriteOnce'], hostPath: { path: '/data' } },
    ...(phase ? { status: { phase } } : {}),
  });
  it('every new volume carries the finalizer; one that is not Bound goes when deleted', () => {
    const c = new Cluster({ controllers: builtinControllers, nodes: defaultNodes(1) });
    c.store.create(pv());
    expect(c.store.get('PersistentVolume', undefined, 'vol')!.metadata.finalizers).toEqual(['kubernetes.io/pv-protection']);
    c.store.delete('PersistentVolume', undefined, 'vol');
    c.run(1_000);
    expect(c.store.get('PersistentVolume', undefined, 'vol')).toBeUndefined();
  });

  it('a Bound volume stays until it is no longer Bound', () => {
    const c = new Cluster({ controllers: builtinControllers.filter((d) => d.name !== 'persistentvolume-binder-controller'), nodes: defaultNodes(1) });
    c.store.create(pv());
    const created = c.store.get('PersistentVolume', undefined, 'vol')!;
    c.store.update({ ...created, status: { phase: 'Bound' } } as KubeObject, { subresource: 'status' });
    c.store.delete('PersistentVolume', undefined, 'vol');
    c.run(1_000);
    expect(c.store.get('PersistentVolume', undefined, 'vol')?.metadata.deletionTimestamp).toBeDefined();
    const held = c.store.get('PersistentVolume', undefined, 'vol')!;
    c.store.update({ ...held, status: { phase: 'Released' } } as KubeObject, { subresource: 'status' });
    c.run(1_000);
    expect(c.store.get('PersistentVolume', undefined, 'vol')).toBeUndefined();
  });
});
