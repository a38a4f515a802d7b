// The API server's plugins that need cluster state: DefaultStorageClass,
// StorageObjectInUseProtection and PersistentVolumeClaimResize, through a real store.
import { describe, expect, it } from 'vitest';
import { Cluster } from './cluster.js';
import type { KubeObject } from '../model/api/types.js';
import { builtinControllers } from '../properties/controllers/index.js';

const sc = (name: string, isDefault: boolean): KubeObject => ({
  apiVersion: 'storage.k8s.io/v1', kind: 'StorageClass', provisioner: 'example.com/disk',
  metadata: { name, ...(isDefault ? { annotations: { 'storageclass.kubernetes.io/is-default-class': 'true' } } : {}) },
} as unknown as KubeObject);
const pvc = (name: string, spec: Record<string, unknown> = {}, annotations?: Record<string, string>): KubeObject => ({
  apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata: { name, ...(annotations ? { annotations } : {}) },
  spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } }, ...spec },
});

describe('DefaultStorageClass', () => {
  it('gives a claim without a class the default one, the newest when several are marked', () => {
    const c = new Cluster({ controllers: [], nodes: [] });
    c.store.create(sc('slow', false));
    c.store.create(pvc('before'));
    expect(c.store.get('PersistentVolumeClaim', 'default', 'before')!.spec.storageClassName).toBeUndefined();
    c.store.create(sc('standard', true));
    c.run(1_000);
    c.store.create(sc('fast', true));
    c.store.create(pvc('after'));
    expect(c.store.get('PersistentVolumeClaim', 'default', 'after')!.spec.storageClassName).toBe('fast');
  });

  it('leaves an explicit class, an explicit "" and the beta class annotation alone', () => {
    const c = new Cluster({ controllers: [], nodes: [] });
    c.store.create(sc('standard', true));
    c.store.create(pvc('named', { storageClassName: 'slow' }));
    c.store.create(pvc('none', { storageClassName: '' }));
    c.store.create(pvc('beta', {}, { 'volume.beta.kubernetes.io/storage-class': 'slow' }));
    const cls = (n: string) => c.store.get('PersistentVolumeClaim', 'default', n)!.spec.storageClassName;
    expect([cls('named'), cls('none'), cls('beta')]).toEqual(['slow', '', undefined]);
  });
});

describe('StorageObjectInUseProtection', () => {
  it('adds the protection finalizer to new claims and volumes once, on create only', () => {
    const c = new Cluster({ controllers: [], nodes: [] });
    c.store.create({ ...pvc('a'), metadata: { name: 'a', finalizers: ['kubernetes.io/pvc-protection', 'example.com/keep'] } });
    expect(c.store.get('PersistentVolumeClaim', 'default', 'a')!.metadata.finalizers).toEqual(['kubernetes.io/pvc-protection', 'example.com/keep']);
    c.store.create({ apiVersion: 'v1', kind: 'PersistentVolume', metadata: { name: 'v' }, spec: { capacity: { storage: '1Gi' }, accessModes: ['ReadWriteOnce'], hostPath: { path: '/d' } } });
    const v = c.store.get('PersistentVolume', undefined, 'v')!;
    expect(v.metadata.finalizers).toEqual(['kubernetes.io/pv-protection']);
    c.store.update({ ...v, metadata: { ...v.metadata, finalizers: [] } } as KubeObject);
    expect(c.store.get('PersistentVolume', undefined, 'v')!.metadata.finalizers ?? []).toEqual([]);
  });
});

describe('PersistentVolumeClaimResize', () => {
  const setup = (allowVolumeExpansion?: boolean) => {
    const c = new Cluster({ controllers: builtinControllers, nodes: [] });
    c.store.create({ apiVersion: 'storage.k8s.io/v1', kind: 'StorageClass', metadata: { name: 'csi' }, provisioner: 'pd.csi.storage.gke.io',
      ...(allowVolumeExpansion === undefined ? {} : { allowVolumeExpansion }) } as KubeObject);
    c.store.create({ apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata: { name: 'data' },
      spec: { storageClassName: 'csi', accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } } } as KubeObject);
    return c;
  };
  const grow = (c: Cluster, size: string) => c.store.patch('PersistentVolumeClaim', 'default', 'data', { spec: { resources: { requests: { storage: size } } } });

  it('refuses growing a claim that is not Bound yet (validation says so before the plugin)', () => {
    const c = setup(true);
    expect(() => grow(c, '2Gi')).toThrow('PersistentVolumeClaim "data" is invalid: spec: Forbidden: spec is immutable after creation except resources.requests and volumeAttributesClassName for bound claims');
  });

  it('refuses growing a Bound claim whose class does not allow expansion, and allows it when the class does', () => {
    for (const allow of [undefined, false]) {
      const c = setup(allow);
      c.run(10_000);
      expect(c.store.get('PersistentVolumeClaim', 'default', 'data')!.status.phase).toBe('Bound');
      expect(() => grow(c, '2Gi')).toThrow('persistentvolumeclaims "data" is forbidden: only dynamically provisioned pvc can be resized and the storageclass that provisions the pvc must support resize');
      expect(c.store.get('PersistentVolumeClaim', 'default', 'data')!.spec.resources.requests.storage).toBe('1Gi');
    }
    const c = setup(true);
    c.run(10_000);
    grow(c, '2Gi');
    expect(c.store.get('PersistentVolumeClaim', 'default', 'data')!.spec.resources.requests.storage).toBe('2Gi');
  });
});
