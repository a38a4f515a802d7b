// Dynamic provisioning end to end: admission gives the claim the default
// class, the binder hands it to the provisioner, the provisioner makes
// pvc-<uid>, the binder binds, a pod writes data; deleting the claim with
// reclaim Delete destroys the volume and its data, Retain keeps both.
import { describe, expect, it } from 'vitest';
import { Cluster } from '../../cluster.js';
import { defaultNodes } from '../../nodes.js';
import { builtinControllers } from '../../../properties/controllers/index.js';
import type { KubeObject } from '../../../model/api/types.js';

const sc = (name: string, extra: Record<string, unknown> = {}): KubeObject => ({
  apiVersion: 'storage.k8s.io/v1', kind: 'StorageClass',
  metadata: { name, annotations: { 'storageclass.kubernetes.io/is-default-class': 'true' } }, provisioner: 'ebs.csi.aws.com', ...extra,
} as KubeObject);
const claim = (name: string): KubeObject => ({
  apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata: { name },
  spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '5Gi' } } },
});
const events = (c: Cluster, reason: string) => c.store.list('Event').filter((e: any) => e.reason === reason) as any[];

describe('csi-provisioner', () => {
  it('provisions pvc-<uid> for a claim of the default class; the binder binds it; a pod mounts it', () => {
    const c = new Cluster({ controllers: builtinControllers, nodes: defaultNodes(1) });
    c.store.create(sc('gp3', { reclaimPolicy: 'Delete', parameters: { 'csi.storage.k8s.io/fstype': 'ext4' } }));
    c.store.create(claim('data'));
    const uid = c.store.get('PersistentVolumeClaim', 'default', 'data')!.metadata.uid;
    expect(c.store.get('PersistentVolumeClaim', 'default', 'data')!.spec.storageClassName).toBe('gp3');
    c.run(20_000);
    const pvc = c.store.get('PersistentVolumeClaim', 'default', 'data')!;
    expect(pvc.status.phase).toBe('Bound');
    expect(pvc.spec.volumeName).toBe(`pvc-${uid}`);
    expect(pvc.metadata.annotations!['volume.kubernetes.io/storage-provisioner']).toBe('ebs.csi.aws.com');
    const pv = c.store.get('PersistentVolume', undefined, `pvc-${uid}`)!;
    expect(pv.metadata.annotations!['pv.kubernetes.io/provisioned-by']).toBe('ebs.csi.aws.com');
    expect(pv.metadata.finalizers).toEqual(expect.arrayContaining(['external-provisioner.volume.kubernetes.io/finalizer', 'kubernetes.io/pv-protection']));
    expect(pv.spec).toMatchObject({ capacity: { storage: '5Gi' }, accessModes: ['ReadWriteOnce'], persistentVolumeReclaimPolicy: 'Delete',
      storageClassName: 'gp3', volumeMode: 'Filesystem', csi: { driver: 'ebs.csi.aws.com', fsType: 'ext4' }, claimRef: { name: 'data', uid } });
    expect(pv.status.phase).toBe('Bound');
    expect(events(c, 'Provisioning').map((e) => e.message)).toEqual(['External provisioner is provisioning volume for claim "default/data"']);
    expect(events(c, 'ProvisioningSucceeded').map((e) => [e.message, e.source.component]))
      .toEqual([[`Successfully provisioned volume pvc-${uid}`, 'ebs.csi.aws.com_csi-provisioner']]);
    expect(events(c, 'ExternalProvisioning')[0].message).toMatch(/^Waiting for a volume to be created either by the external provisioner 'ebs.csi.aws.com'/);

    c.store.create({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' },
      spec: { containers: [{ name: 'c', image: 'nginx' }], volumes: [{ name: 'd', persistentVolumeClaim: { claimName: 'data' } }] } });
    c.run(20_000);
    expect(c.store.get('Pod', 'default', 'p')!.status.phase).toBe('Running');
    expect(c.storage.find(pv)!.log.map((e: { pod: string }) => e.pod)).toEqual(['default/p']);
  });

  it('Delete: deleting the claim releases the volume, and the provisioner deletes it and its disk', () => {
    const c = new Cluster({ controllers: builtinControllers, nodes: defaultNodes(1) });
    c.store.create(sc('gp3'));
    c.store.create(claim('data'));
    c.run(20_000);
    const name = c.store.get('PersistentVolumeClaim', 'default', 'data')!.spec.volumeName;
    const pv = c.store.get('PersistentVolume', undefined, name)!;
    expect(c.storage.find(pv)).toBeDefined();
    c.store.delete('PersistentVolumeClaim', 'default', 'data');
    c.run(30_000);
    expect(c.store.get('PersistentVolume', undefined, name)).toBeUndefined();
    expect(c.storage.find(pv)).toBeUndefined();
  });

  it('Retain: the released volume and its data stay', () => {
    const c = new Cluster({ controllers: builtinControllers, nodes: defaultNodes(1) });
    c.store.create(sc('keep', { reclaimPolicy: 'Retain' }));
    c.store.create(claim('data'));
    c.run(20_000);
    const name = c.store.get('PersistentVolumeClaim', 'default', 'data')!.spec.volumeName;
    c.store.delete('PersistentVolumeClaim', 'default', 'data');
    c.run(30_000);
    const pv = c.store.get('PersistentVolume', undefined, name)!;
    expect(pv.status.phase).toBe('Released');
    expect(pv.metadata.finalizers).toEqual(['kubernetes.io/pv-protection']);
    expect(c.storage.find(pv)).toBeDefined();
  });

  it('a claim deleted while its volume is being made: the volume is made, released and deleted', () => {
    const c = new Cluster({ controllers: builtinControllers, nodes: defaultNodes(1), config: { provisionLatencyMs: 10_000 } });
    c.store.create(sc('gp3'));
    c.store.create(claim('data'));
    const uid = c.store.get('PersistentVolumeClaim', 'default', 'data')!.metadata.uid;
    c.run(3_000);
    c.store.delete('PersistentVolumeClaim', 'default', 'data');
    let made = false;
    c.store.watch({ kind: 'PersistentVolume', component: 'test' }, (ev) => { if (ev.object.metadata.name === `pvc-${uid}`) made = true; });
    c.run(30_000);
    expect(made).toBe(true);
    // Released at once, deleted with its disk: nothing leaks.
    expect(c.store.get('PersistentVolume', undefined, `pvc-${uid}`)).toBeUndefined();
    expect(c.storage.all()).toEqual([]);
  });

  it('a class with an in-tree provisioner is not served: ProvisioningFailed, no volume', () => {
    const c = new Cluster({ controllers: builtinControllers, nodes: defaultNodes(1) });
    c.store.create({ ...sc('local'), provisioner: 'kubernetes.io/no-provisioner' } as KubeObject);
    c.store.create(claim('data'));
    c.run(20_000);
    expect(c.store.list('PersistentVolume')).toHaveLength(0);
    expect(events(c, 'ProvisioningFailed')[0].message).toBe('no volume plugin matched name: kubernetes.io/no-provisioner');
  });
});
