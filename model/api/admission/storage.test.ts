import { describe, expect, test } from 'vitest';
import type { KubeObject } from '../types.js';
import { errorOf, bodyOf, joined } from './testing.js';
import { admitCreate, admitUpdate } from './index.js';


function pv(mutate: (spec: any) => void = () => {}): KubeObject {
  const obj: KubeObject = {
    apiVersion: 'v1', kind: 'PersistentVolume', metadata: { name: 'pv1' },
    spec: { capacity: { storage: '1Gi' }, accessModes: ['ReadWriteOnce'], hostPath: { path: '/data/pv1' } },
  };
  mutate(obj.spec);
  return obj;
}

function pvc(mutate: (spec: any) => void = () => {}): KubeObject {
  const obj: KubeObject = {
    apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata: { name: 'data' },
    spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } },
  };
  mutate(obj.spec);
  return obj;
}

describe('PersistentVolume', () => {
  test('defaults: reclaim Retain, Filesystem, phase Pending', () => {
    const out = admitCreate(pv());
    expect(out.spec.persistentVolumeReclaimPolicy).toBe('Retain');
    expect(out.spec.volumeMode).toBe('Filesystem');
    expect(out.status).toEqual({ phase: 'Pending' });
    expect(out.metadata.namespace).toBeUndefined();
  });

  const cases: Array<[string, (s: any) => void, string[]]> = [
    ['valid', () => {}, []],
    ['nfs', (s) => { delete s.hostPath; s.nfs = { server: 'nfs.example.com', path: '/exports/a' }; }, []],
    ['csi', (s) => { delete s.hostPath; s.csi = { driver: 'hostpath.csi.k8s.io', volumeHandle: 'v1' }; }, []],
    ['accessModes required', (s) => { delete s.accessModes; }, ['spec.accessModes: Required value']],
    ['unknown access mode', (s) => { s.accessModes = ['ReadWriteSometimes']; },
      ['spec.accessModes: Unsupported value: "ReadWriteSometimes": supported values: "ReadOnlyMany", "ReadWriteMany", "ReadWriteOnce", "ReadWriteOncePod"']],
    ['ReadWriteOncePod is exclusive', (s) => { s.accessModes = ['ReadWriteOncePod', 'ReadOnlyMany']; },
      ['spec.accessModes: Forbidden: may not use ReadWriteOncePod with other access modes']],
    ['capacity required', (s) => { delete s.capacity; }, ['spec.capacity: Required value', 'spec.capacity: Unsupported value: map[string]string{}: supported values: "storage"']],
    ['capacity must be positive', (s) => { s.capacity.storage = '0'; }, ['spec.capacity[storage]: Invalid value: "0": must be greater than zero']],
    ['no volume source', (s) => { delete s.hostPath; }, ['spec: Required value: must specify a volume type']],
    ['two volume sources', (s) => { s.nfs = { server: 'a', path: '/b' }; }, ['spec.nfs: Forbidden: may not specify more than 1 volume type']],
    ['hostPath needs a path', (s) => { s.hostPath = {}; }, ['spec.hostPath.path: Required value']],
    ['local needs node affinity', (s) => { delete s.hostPath; s.local = { path: '/mnt/disk' }; },
      ['spec.nodeAffinity: Required value: Local volume requires node affinity']],
    ['local with node affinity', (s) => {
      delete s.hostPath;
      s.local = { path: '/mnt/disk' };
      s.nodeAffinity = { required: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'kubernetes.io/hostname', operator: 'In', values: ['n1'] }] }] } };
    }, []],
    ['reclaim policy', (s) => { s.persistentVolumeReclaimPolicy = 'Keep'; },
      ['spec.persistentVolumeReclaimPolicy: Unsupported value: "Keep": supported values: "Delete", "Recycle", "Retain"']],
  ];
  test.each(cases)('%s', (_, mutate, expected) => {
    if (expected.length === 0) {
      expect(() => admitCreate(pv(mutate))).not.toThrow();
      return;
    }
    expect(bodyOf(errorOf(() => admitCreate(pv(mutate))))).toBe(joined(expected));
  });

  test('the volume source is immutable; reclaim policy and claimRef are not', () => {
    const stored = admitCreate(pv());
    const changed = structuredClone(stored);
    changed.spec.hostPath.path = '/elsewhere';
    expect(bodyOf(errorOf(() => admitUpdate(changed, stored)))).toMatch(/^spec\.persistentvolumesource: Forbidden: spec\.persistentvolumesource is immutable after creation\n/);
    const ok = structuredClone(stored);
    ok.spec.persistentVolumeReclaimPolicy = 'Delete';
    ok.spec.claimRef = { namespace: 'default', name: 'data', uid: 'u1' };
    expect(() => admitUpdate(ok, stored)).not.toThrow();
  });
});

describe('PersistentVolumeClaim', () => {
  test('defaults: Filesystem, phase Pending', () => {
    const out = admitCreate(pvc());
    expect(out.spec.volumeMode).toBe('Filesystem');
    expect(out.status).toEqual({ phase: 'Pending' });
  });

  const cases: Array<[string, (s: any) => void, string[]]> = [
    ['valid', () => {}, []],
    ['accessModes required', (s) => { s.accessModes = []; }, ['spec.accessModes: Required value: at least 1 access mode is required']],
    // upstream reports the request at spec.resources[storage], not spec.resources.requests[storage].
    ['storage request required', (s) => { s.resources = {}; }, ['spec.resources[storage]: Required value']],
    ['storage request positive', (s) => { s.resources.requests.storage = '0'; }, ['spec.resources[storage]: Invalid value: "0": must be greater than zero']],
    ['selector operator', (s) => { s.selector = { matchExpressions: [{ key: 'tier', operator: 'Near' }] }; },
      ['spec.selector.matchExpressions[0].operator: Invalid value: "Near": not a valid selector operator']],
    ['volumeMode', (s) => { s.volumeMode = 'Raw'; }, ['spec.volumeMode: Unsupported value: "Raw": supported values: "Block", "Filesystem"']],
  ];
  test.each(cases)('%s', (_, mutate, expected) => {
    if (expected.length === 0) {
      expect(() => admitCreate(pvc(mutate))).not.toThrow();
      return;
    }
    expect(bodyOf(errorOf(() => admitCreate(pvc(mutate))))).toBe(joined(expected));
  });

  describe('update', () => {
    const stored = admitCreate(pvc());
    const bound = structuredClone(stored);
    bound.spec.volumeName = 'pv1';
    bound.status = { phase: 'Bound', capacity: { storage: '1Gi' } };

    test('the binder may set volumeName once', () => {
      expect(() => admitUpdate(bound, stored)).not.toThrow();
      const rebind = structuredClone(bound);
      rebind.spec.volumeName = 'pv2';
      expect(bodyOf(errorOf(() => admitUpdate(rebind, bound)))).toMatch(
        /^spec: Forbidden: spec is immutable after creation except resources\.requests and volumeAttributesClassName for bound claims\n/);
    });

    test('a bound claim may grow', () => {
      const grow = structuredClone(bound);
      grow.spec.resources.requests.storage = '2Gi';
      expect(admitUpdate(grow, bound).spec.resources.requests.storage).toBe('2Gi');
    });

    test('an unbound claim may not change its request', () => {
      const grow = structuredClone(stored);
      grow.spec.resources.requests.storage = '2Gi';
      expect(bodyOf(errorOf(() => admitUpdate(grow, stored)))).toMatch(/^spec: Forbidden: spec is immutable after creation/);
    });

    test('a bound claim may not shrink below its capacity', () => {
      const big = structuredClone(bound);
      big.spec.resources.requests.storage = '2Gi';
      const shrink = structuredClone(big);
      shrink.spec.resources.requests.storage = '512Mi';
      expect(bodyOf(errorOf(() => admitUpdate(shrink, big)))).toBe('spec.resources.requests.storage: Forbidden: field can not be less than status.capacity');
    });
  });
});

describe('StorageClass', () => {
  const sc = (extra: Record<string, unknown> = {}): KubeObject =>
    ({ apiVersion: 'storage.k8s.io/v1', kind: 'StorageClass', metadata: { name: 'fast' }, provisioner: 'example.com/disk', ...extra });

  test('defaults: reclaim Delete, binding Immediate', () => {
    const out = admitCreate(sc());
    expect(out.reclaimPolicy).toBe('Delete');
    expect(out.volumeBindingMode).toBe('Immediate');
  });

  test.each<[string, Record<string, unknown>, string]>([
    ['provisioner required', { provisioner: '' }, 'provisioner: Required value'],
    ['reclaim policy', { reclaimPolicy: 'Recycle' }, 'reclaimPolicy: Unsupported value: "Recycle": supported values: "Delete", "Retain"'],
    ['binding mode', { volumeBindingMode: 'Later' }, 'volumeBindingMode: Unsupported value: "Later": supported values: "Immediate", "WaitForFirstConsumer"'],
  ])('%s', (_, extra, message) => {
    expect(errorOf(() => admitCreate(sc(extra))).message).toBe(`StorageClass.storage.k8s.io "fast" is invalid: ${message}`);
  });

  test.each<[string, Record<string, unknown>, string]>([
    ['parameters', { parameters: { type: 'ssd' } }, 'parameters: Forbidden: updates to parameters are forbidden.'],
    ['provisioner', { provisioner: 'example.com/other' }, 'provisioner: Forbidden: updates to provisioner are forbidden.'],
    ['reclaimPolicy', { reclaimPolicy: 'Retain' }, 'reclaimPolicy: Forbidden: updates to reclaimPolicy are forbidden.'],
    ['volumeBindingMode', { volumeBindingMode: 'WaitForFirstConsumer' }, 'volumeBindingMode: Invalid value: "WaitForFirstConsumer": field is immutable'],
  ])('%s is immutable', (_, extra, message) => {
    const stored = admitCreate(sc());
    expect(bodyOf(errorOf(() => admitUpdate({ ...structuredClone(stored), ...extra }, stored)))).toBe(message);
  });

  test('allowVolumeExpansion may change', () => {
    const stored = admitCreate(sc());
    expect(() => admitUpdate({ ...structuredClone(stored), allowVolumeExpansion: true }, stored)).not.toThrow();
  });
});
