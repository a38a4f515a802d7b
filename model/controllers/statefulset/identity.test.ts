import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../api/types.js';
import {
  atCurrentRevision, claimsFor, identityMatches, inOrdinalRange, newStatefulSetPod, parentAndOrdinal, POD_INDEX_LABEL, POD_NAME_LABEL, storageMatches,
} from './identity.js';
import { claimOwnerMatches, claimOwnerRefsFor, hasStaleOwnerRef } from './retention.js';
import { maxUnavailableOf } from './status.js';

const set = (spec: any = {}): KubeObject => ({
  apiVersion: 'apps/v1', kind: 'StatefulSet', metadata: { name: 'web', namespace: 'ns', uid: 'set-uid' },
  spec: {
    replicas: 3, serviceName: 'svc', selector: { matchLabels: { app: 'web' } },
    template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'c', image: 'nginx' }], volumes: [{ name: 'data', emptyDir: {} }] } },
    volumeClaimTemplates: [{ metadata: { name: 'data', labels: { tier: 'db' } }, spec: { accessModes: ['ReadWriteOnce'] } }],
    ...spec,
  },
});
const ref = { apiVersion: 'apps/v1', kind: 'StatefulSet', name: 'web', uid: 'set-uid', controller: true, blockOwnerDeletion: true };

describe('StatefulSet identity', () => {
  it('parses `<parent>-<ordinal>` as upstream: the last dash, digits only, int32', () => {
    expect(parentAndOrdinal({ metadata: { name: 'my-web-12' } } as KubeObject)).toEqual({ parent: 'my-web', ordinal: 12 });
    expect(parentAndOrdinal({ metadata: { name: 'web' } } as KubeObject).ordinal).toBe(-1);
    expect(parentAndOrdinal({ metadata: { name: 'web-x1' } } as KubeObject).ordinal).toBe(-1);
    expect(parentAndOrdinal({ metadata: { name: 'web-99999999999' } } as KubeObject).ordinal).toBe(-1);
  });
  it('makes pod N with its name, hostname, subdomain, labels and claim volume (replacing the template volume of that name)', () => {
    const p = newStatefulSetPod(set(), set().spec.template, 2, ref);
    expect(p.metadata.name).toBe('web-2');
    expect(p.spec.hostname).toBe('web-2');
    expect(p.spec.subdomain).toBe('svc');
    expect(p.metadata.labels).toEqual({ app: 'web', [POD_NAME_LABEL]: 'web-2', [POD_INDEX_LABEL]: '2' });
    expect(p.spec.volumes).toEqual([{ name: 'data', persistentVolumeClaim: { claimName: 'data-web-2' } }]);
    expect(identityMatches(set(), p)).toBe(true);
    expect(storageMatches(set(), p)).toBe(true);
    const wrong = { ...p, metadata: { ...p.metadata, labels: { app: 'web' } } };
    expect(identityMatches(set(), wrong)).toBe(false);
  });
  it('names claims <template>-<set>-<ordinal>, labelled with the template labels and the set selector', () => {
    const [c] = claimsFor(set(), 1);
    expect(c!.metadata.name).toBe('data-web-1');
    expect(c!.metadata.labels).toEqual({ tier: 'db', app: 'web' });
    expect(c!.metadata.namespace).toBe('ns');
  });
  it('honours ordinals.start for the range', () => {
    const s = set({ ordinals: { start: 5 }, replicas: 2 });
    expect(inOrdinalRange({ metadata: { name: 'web-5' } } as KubeObject, s)).toBe(true);
    expect(inOrdinalRange({ metadata: { name: 'web-6' } } as KubeObject, s)).toBe(true);
    expect(inOrdinalRange({ metadata: { name: 'web-7' } } as KubeObject, s)).toBe(false);
    expect(inOrdinalRange({ metadata: { name: 'web-4' } } as KubeObject, s)).toBe(false);
  });
  it('makes ordinals below the partition at the current revision', () => {
    const s = set({ updateStrategy: { type: 'RollingUpdate', rollingUpdate: { partition: 2 } } });
    expect([0, 1, 2].map((o) => atCurrentRevision(s, o))).toEqual([true, true, false]);
    expect(atCurrentRevision(set({ updateStrategy: { type: 'RollingUpdate' } }), 0)).toBe(false);
  });
});

describe('claim retention', () => {
  const pod = (name: string, uid: string) => ({ apiVersion: 'v1', kind: 'Pod', metadata: { name, uid, namespace: 'ns' } }) as KubeObject;
  const claim = (refs: any[] = []) => ({ kind: 'PersistentVolumeClaim', metadata: { name: 'data-web-2', ownerReferences: refs } }) as KubeObject;
  it('Retain/Retain: no references wanted', () => {
    expect(claimOwnerMatches(claim(), set(), pod('web-2', 'p'))).toBe(true);
    expect(claimOwnerRefsFor(claim([{ kind: 'StatefulSet', name: 'web', uid: 'set-uid' }]), set(), pod('web-2', 'p'))).toEqual([]);
  });
  it('whenDeleted Delete: a reference to the set', () => {
    const s = set({ persistentVolumeClaimRetentionPolicy: { whenDeleted: 'Delete' } });
    expect(claimOwnerMatches(claim(), s, pod('web-2', 'p'))).toBe(false);
    expect(claimOwnerRefsFor(claim(), s, pod('web-2', 'p'))).toEqual([{ apiVersion: 'apps/v1', kind: 'StatefulSet', name: 'web', uid: 'set-uid' }]);
  });
  it('whenScaled Delete: a reference to the pod only once it is beyond the range', () => {
    const s = set({ replicas: 2, persistentVolumeClaimRetentionPolicy: { whenScaled: 'Delete' } });
    expect(claimOwnerRefsFor(claim(), s, pod('web-2', 'p'))).toEqual([{ apiVersion: 'v1', kind: 'Pod', name: 'web-2', uid: 'p' }]);
    expect(claimOwnerRefsFor(claim(), s, pod('web-1', 'q'))).toBeUndefined();
    expect(hasStaleOwnerRef(claim([{ kind: 'Pod', name: 'web-2', uid: 'old' }]), pod('web-2', 'new'))).toBe(true);
  });
  it('leaves a claim another controller owns alone', () => {
    const other = claim([{ kind: 'Foo', name: 'x', uid: 'other', controller: true }]);
    expect(claimOwnerMatches(other, set({ persistentVolumeClaimRetentionPolicy: { whenDeleted: 'Delete' } }), pod('web-2', 'p'))).toBe(true);
  });
});

describe('maxUnavailable', () => {
  it('rounds a percentage down, at least 1 (the code, not the API doc)', () => {
    expect(maxUnavailableOf('50%', 5)).toBe(2);
    expect(maxUnavailableOf('10%', 5)).toBe(1);
    expect(maxUnavailableOf(3, 5)).toBe(3);
    expect(maxUnavailableOf(undefined, 5)).toBe(1);
  });
});
