// Test fixtures for the binder: volumes and claims described by the facts the
// matching looks at. Defaults: an Available, class-less, RWO 10Gi volume and
// an RWO 1Gi claim named default/data with uid "uid-data".
import type { KubeObject } from '../../api/types.js';

export interface PVShape {
  capacity?: string | number | null;
  modes?: string[] | null;
  phase?: string | null;
  cls?: string;
  betaCls?: string;
  mode?: string;
  labels?: Record<string, string>;
  claimRef?: Record<string, string>;
  deleting?: boolean;
  vac?: string;
  affinity?: unknown;
  annotations?: Record<string, string>;
}

export function pv(name: string, s: PVShape = {}): KubeObject {
  const annotations = { ...(s.betaCls !== undefined ? { 'volume.beta.kubernetes.io/storage-class': s.betaCls } : {}), ...(s.annotations ?? {}) };
  return {
    apiVersion: 'v1', kind: 'PersistentVolume',
    metadata: {
      name, uid: `uid-${name}`, resourceVersion: '7',
      ...(s.labels ? { labels: s.labels } : {}),
      ...(Object.keys(annotations).length ? { annotations } : {}),
      ...(s.deleting ? { deletionTimestamp: '2024-01-01T00:00:00Z', finalizers: ['kubernetes.io/pv-protection'] } : {}),
    },
    spec: {
      ...(s.capacity === null ? {} : { capacity: { storage: s.capacity ?? '10Gi' } }),
      ...(s.modes === null ? {} : { accessModes: s.modes ?? ['ReadWriteOnce'] }),
      ...(s.cls !== undefined ? { storageClassName: s.cls } : {}),
      ...(s.mode !== undefined ? { volumeMode: s.mode } : {}),
      ...(s.claimRef ? { claimRef: s.claimRef } : {}),
      ...(s.vac !== undefined ? { volumeAttributesClassName: s.vac } : {}),
      ...(s.affinity !== undefined ? { nodeAffinity: s.affinity } : {}),
      hostPath: { path: `/data/${name}` },
    },
    ...(s.phase === null ? {} : { status: { phase: s.phase ?? 'Available' } }),
  };
}

export interface PVCShape {
  request?: string | number | null;
  modes?: string[];
  cls?: string | null;
  betaCls?: string;
  mode?: string;
  selector?: unknown;
  volumeName?: string;
  uid?: string;
  namespace?: string;
  vac?: string;
  annotations?: Record<string, string>;
  status?: Record<string, unknown>;
}

export function pvc(name = 'data', s: PVCShape = {}): KubeObject {
  const annotations = { ...(s.betaCls !== undefined ? { 'volume.beta.kubernetes.io/storage-class': s.betaCls } : {}), ...(s.annotations ?? {}) };
  return {
    apiVersion: 'v1', kind: 'PersistentVolumeClaim',
    metadata: {
      name, namespace: s.namespace ?? 'default', uid: s.uid ?? `uid-${name}`, resourceVersion: '42',
      ...(Object.keys(annotations).length ? { annotations } : {}),
    },
    spec: {
      accessModes: s.modes ?? ['ReadWriteOnce'],
      resources: s.request === null ? {} : { requests: { storage: s.request ?? '1Gi' } },
      ...(s.cls !== undefined && s.cls !== null ? { storageClassName: s.cls } : {}),
      ...(s.mode !== undefined ? { volumeMode: s.mode } : {}),
      ...(s.selector !== undefined ? { selector: s.selector } : {}),
      ...(s.volumeName !== undefined ? { volumeName: s.volumeName } : {}),
      ...(s.vac !== undefined ? { volumeAttributesClassName: s.vac } : {}),
    },
    status: s.status ?? { phase: 'Pending' },
  };
}

/** Freeze an object and everything under it, so a test fails if a function mutates its input. */
export function frozen<T>(o: T): T {
  if (o && typeof o === 'object') {
    for (const v of Object.values(o)) frozen(v);
    Object.freeze(o);
  }
  return o;
}
