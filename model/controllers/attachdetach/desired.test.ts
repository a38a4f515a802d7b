import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../api/types.js';
import { MAX_WAIT_FOR_UNMOUNT_MS, desiredState, detachDecision, multiAttachMessage } from './desired.js';
import { isMultiAttachAllowed } from './volumes.js';

const pv = (name: string, source: Record<string, unknown>, accessModes = ['ReadWriteOnce']): KubeObject =>
  ({ apiVersion: 'v1', kind: 'PersistentVolume', metadata: { name }, spec: { accessModes, ...source } });
const pvc = (name: string, volumeName: string, phase = 'Bound'): KubeObject =>
  ({ apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata: { name, namespace: 'default' }, spec: { volumeName }, status: { phase } });
const pod = (name: string, nodeName: string | undefined, claims: string[], phase = 'Running'): KubeObject => ({
  apiVersion: 'v1', kind: 'Pod', metadata: { name, namespace: 'default' },
  spec: { nodeName, volumes: claims.map((c) => ({ name: c, persistentVolumeClaim: { claimName: c } })) }, status: { phase },
});

describe('desiredState', () => {
  const volumes = { v1: pv('v1', { csi: { driver: 'd', volumeHandle: 'h1' } }), v2: pv('v2', { hostPath: { path: '/x' } }),
    v3: pv('v3', { gcePersistentDisk: { pdName: 'disk' } }, ['ReadOnlyMany']) };
  const claims: Record<string, KubeObject> = { a: pvc('a', 'v1'), b: pvc('b', 'v2'), c: pvc('c', 'v3'), p: pvc('p', 'v1', 'Pending') };
  const look = { claim: (_: string, n: string) => claims[n], volume: (n: string) => (volumes as Record<string, KubeObject>)[n] };

  it('counts scheduled, unfinished pods with Bound claims on attachable volumes only', () => {
    const d = desiredState([pod('x', 'n1', ['a', 'b']), pod('y', 'n1', ['a']), pod('z', undefined, ['a']), pod('done', 'n2', ['a'], 'Succeeded'),
      pod('w', 'n2', ['p', 'c', 'missing'])], look, isMultiAttachAllowed);
    expect([...d.keys()]).toEqual(['n1', 'n2']);
    expect(d.get('n1')!.get('kubernetes.io/csi/d^h1')).toEqual({ unique: 'kubernetes.io/csi/d^h1', pvName: 'v1', multiAttach: false, pods: ['default/x', 'default/y'] });
    expect([...d.get('n2')!.values()].map((w) => [w.unique, w.multiAttach])).toEqual([['kubernetes.io/gce-pd/disk', true]]);
  });
});

describe('multiAttachMessage', () => {
  it('names same-namespace holders and counts the rest', () => {
    expect(multiAttachMessage('pv', 'ns', ['ns/a', 'ns/b'])).toBe('Multi-Attach error for volume "pv" Volume is already used by pod(s) a, b');
    expect(multiAttachMessage('pv', 'ns', ['ns/a', 'x/b', 'y/c'])).toBe('Multi-Attach error for volume "pv" Volume is already used by pod(s) a and 2 pod(s) in different namespaces');
    expect(multiAttachMessage('pv', 'ns', ['x/b'])).toBe('Multi-Attach error for volume "pv" Volume is already used by 1 pod(s) in different namespaces');
    expect(multiAttachMessage('pv', 'ns', [])).toBe('Multi-Attach error for volume "pv" Volume is already exclusively attached to one node and can\'t be attached to another');
  });
});

describe('detachDecision', () => {
  const base = { mounted: true, requestedAtMs: 1_000, nowMs: 1_000, healthy: false, outOfService: false };
  it('detaches an unmounted volume at once', () => expect(detachDecision({ ...base, mounted: false })).toEqual({ detach: true }));
  it('the out-of-service taint skips the wait', () => expect(detachDecision({ ...base, outOfService: true })).toEqual({ detach: true }));
  it('a mounted volume on an unhealthy node waits six minutes, then goes', () => {
    expect(detachDecision(base)).toEqual({ detach: false, retryAtMs: 1_000 + MAX_WAIT_FOR_UNMOUNT_MS });
    expect(detachDecision({ ...base, nowMs: 1_000 + MAX_WAIT_FOR_UNMOUNT_MS - 1 }).detach).toBe(false);
    expect(detachDecision({ ...base, nowMs: 1_000 + MAX_WAIT_FOR_UNMOUNT_MS })).toEqual({ detach: true });
  });
  it('a healthy node is waited for however long it takes', () => {
    expect(detachDecision({ ...base, healthy: true, nowMs: 1_000 + 10 * MAX_WAIT_FOR_UNMOUNT_MS })).toEqual({ detach: false });
  });
  it('--disable-force-detach-on-timeout never forces', () => {
    expect(detachDecision({ ...base, forceDetachDisabled: true, nowMs: 1e9 })).toEqual({ detach: false });
  });
});
