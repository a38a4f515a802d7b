// The attach/detach controller end to end, with the kubelet and the binder:
// attach before mount, Multi-Attach for a ReadWriteOnce volume across nodes,
// detach after the unmount, the six-minute force detach on a dead node, and
// the out-of-service taint.
import { describe, expect, it } from 'vitest';
import { Cluster } from '../../cluster.js';
import { defaultNodes } from '../../nodes.js';
import { builtinControllers } from '../../../properties/controllers/index.js';
import type { KubeObject } from '../../../model/api/types.js';

const UNIQUE = 'kubernetes.io/csi/ebs.csi.aws.com^vol-1';

function cluster(): Cluster {
  const c = new Cluster({ controllers: builtinControllers, nodes: defaultNodes(2) });
  c.store.create({ apiVersion: 'v1', kind: 'PersistentVolume', metadata: { name: 'pv-1' },
    spec: { capacity: { storage: '1Gi' }, accessModes: ['ReadWriteOnce'], csi: { driver: 'ebs.csi.aws.com', volumeHandle: 'vol-1' } } });
  c.store.create({ apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata: { name: 'data' },
    spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } }, storageClassName: '' } });
  return c;
}
const pod = (name: string, nodeName: string): KubeObject => ({
  apiVersion: 'v1', kind: 'Pod', metadata: { name },
  spec: { nodeName, containers: [{ name: 'c', image: 'nginx' }], volumes: [{ name: 'data', persistentVolumeClaim: { claimName: 'data' } }] },
});
const attachedTo = (c: Cluster, node: string) => (c.store.get('Node', undefined, node)!.status?.volumesAttached ?? []).map((a: any) => a.name);
const phase = (c: Cluster, name: string) => c.store.get('Pod', 'default', name)?.status?.phase;
const events = (c: Cluster, reason: string, pod: string) =>
  c.store.list('Event').filter((e: any) => e.reason === reason && e.involvedObject?.name === pod) as any[];

describe('attachdetach-controller', () => {
  it('attaches a CSI volume before the kubelet mounts it, and says so on the pod', () => {
    const c = cluster();
    c.store.create(pod('a', 'node-1'));
    c.run(500);
    expect(phase(c, 'a')).toBe('Pending');
    c.run(15_000);
    expect(attachedTo(c, 'node-1')).toEqual([UNIQUE]);
    expect(c.store.get('Node', undefined, 'node-1')!.status.volumesAttached[0]).toEqual({ name: UNIQUE, devicePath: '' });
    expect(phase(c, 'a')).toBe('Running');
    const ok = events(c, 'SuccessfulAttachVolume', 'a');
    expect(ok).toHaveLength(1);
    expect(ok[0]!.message).toBe('AttachVolume.Attach succeeded for volume "pv-1" ');
    expect(ok[0]!.source?.component).toBe('attachdetach-controller');
    // The kubelet reports the mount with its next status update.
    expect(c.store.get('Node', undefined, 'node-1')!.status.volumesInUse).toEqual([UNIQUE]);
  });

  it('refuses a ReadWriteOnce volume to a second node until the first pod is gone and the volume detached', () => {
    const c = cluster();
    c.store.create(pod('a', 'node-1'));
    c.run(15_000);
    c.store.create(pod('b', 'node-2'));
    c.run(5_000);
    const refused = events(c, 'FailedAttachVolume', 'b');
    expect(refused).toHaveLength(1);
    expect(refused[0]!.type).toBe('Warning');
    expect(refused[0]!.message).toBe('Multi-Attach error for volume "pv-1" Volume is already used by pod(s) a');
    expect(attachedTo(c, 'node-2')).toEqual([]);
    expect(phase(c, 'b')).toBe('Pending');
    c.store.delete('Pod', 'default', 'a');
    c.run(60_000);
    expect(c.store.get('Pod', 'default', 'a')).toBeUndefined();
    expect(attachedTo(c, 'node-1')).toEqual([]);
    expect(attachedTo(c, 'node-2')).toEqual([UNIQUE]);
    expect(phase(c, 'b')).toBe('Running');
    // Reported once, not on every loop.
    expect(events(c, 'FailedAttachVolume', 'b')[0]!.count ?? 1).toBe(1);
  });

  it('a dead node keeps the volume six minutes after its pod is gone, then it is force-detached', () => {
    const c = cluster();
    c.store.create(pod('a', 'node-1'));
    c.run(15_000);
    c.nodeCrash('node-1');
    c.run(60_000);
    // The pod cannot confirm its end: force-delete it as an admin would, then the wait starts.
    c.store.delete('Pod', 'default', 'a', { gracePeriodSeconds: 0 });
    c.store.create(pod('b', 'node-2'));
    c.run(5 * 60_000);
    expect(attachedTo(c, 'node-1')).toEqual([UNIQUE]);
    expect(events(c, 'FailedAttachVolume', 'b')[0]!.message)
      .toBe("Multi-Attach error for volume \"pv-1\" Volume is already exclusively attached to one node and can't be attached to another");
    c.run(70_000);
    expect(attachedTo(c, 'node-1')).toEqual([]);
    expect(attachedTo(c, 'node-2')).toEqual([UNIQUE]);
    expect(phase(c, 'b')).toBe('Running');
  });

  it('the out-of-service taint: PodGC removes the terminating pod and the volume is detached at once', () => {
    const c = cluster();
    c.store.create(pod('a', 'node-1'));
    c.run(15_000);
    c.nodeCrash('node-1');
    c.run(60_000);
    expect(c.store.get('Node', undefined, 'node-1')!.status.conditions.find((x: any) => x.type === 'Ready').status).toBe('Unknown');
    c.store.delete('Pod', 'default', 'a');
    c.run(30_000);
    expect(c.store.get('Pod', 'default', 'a')?.metadata.deletionTimestamp).toBeDefined();
    const node = c.store.get('Node', undefined, 'node-1')!;
    c.store.update({ ...node, spec: { ...node.spec, taints: [...(node.spec.taints ?? []), { key: 'node.kubernetes.io/out-of-service', value: 'nodeshutdown', effect: 'NoExecute' }] } });
    c.store.create(pod('b', 'node-2'));
    c.run(25_000);
    expect(c.store.get('Pod', 'default', 'a')).toBeUndefined();
    expect(attachedTo(c, 'node-1')).toEqual([]);
    expect(attachedTo(c, 'node-2')).toEqual([UNIQUE]);
    expect(phase(c, 'b')).toBe('Running');
  });

  it('hostPath volumes are not attached', () => {
    const c = new Cluster({ controllers: builtinControllers, nodes: defaultNodes(1) });
    c.store.create({ apiVersion: 'v1', kind: 'PersistentVolume', metadata: { name: 'pv-h' },
      spec: { capacity: { storage: '1Gi' }, accessModes: ['ReadWriteOnce'], hostPath: { path: '/d' } } });
    c.store.create({ apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata: { name: 'data' },
      spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } }, storageClassName: '' } });
    c.store.create(pod('a', 'node-1'));
    c.run(15_000);
    expect(phase(c, 'a')).toBe('Running');
    expect(attachedTo(c, 'node-1')).toEqual([]);
    expect(events(c, 'SuccessfulAttachVolume', 'a')).toHaveLength(0);
  });
});
