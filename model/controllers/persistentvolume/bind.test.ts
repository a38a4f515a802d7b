import { describe, expect, it } from 'vitest';
import { bindClaimToVolume, bindVolumeToClaim, claimReference, claimStatus, claimStatusBound, unbindVolume, volumePhase } from './bind.js';
import { BinderError } from './helpers.js';
import { frozen, pv, pvc } from './fixtures.js';

const NOW = '2025-03-01T12:00:00Z';
const FULL_REF = { kind: 'PersistentVolumeClaim', apiVersion: 'v1', name: 'data', namespace: 'default', uid: 'uid-data', resourceVersion: '42' };

describe('claimReference (GetReference)', () => {
  it('kind, apiVersion, name, namespace, uid, resourceVersion', () => expect(claimReference(pvc())).toEqual(FULL_REF));
  it('empty fields are omitted; missing type fields come from the scheme', () => {
    const c = pvc();
    expect(claimReference({ ...c, apiVersion: '', kind: '', metadata: { name: 'data', namespace: 'default' } }))
      .toEqual({ kind: 'PersistentVolumeClaim', apiVersion: 'v1', name: 'data', namespace: 'default' });
  });
});

describe('bindVolumeToClaim (GetBindVolumeToClaim)', () => {
  it('a free volume: the full claimRef and bound-by-controller', () => {
    const v = frozen(pv('v'));
    const out = bindVolumeToClaim(v, frozen(pvc()));
    expect(out.spec.claimRef).toEqual(FULL_REF);
    expect(out.metadata.annotations).toEqual({ 'pv.kubernetes.io/bound-by-controller': 'yes' });
    expect(out.spec.capacity).toEqual({ storage: '10Gi' });
    expect(v.spec.claimRef).toBeUndefined();
  });
  it('a user\'s reservation without uid: the claimRef is replaced whole, no bound-by-controller', () => {
    const out = bindVolumeToClaim(pv('v', { claimRef: { name: 'data', namespace: 'default', fieldPath: 'x' } }), pvc());
    expect(out.spec.claimRef).toEqual(FULL_REF);
    expect(out.metadata.annotations).toBeUndefined();
  });
  it('already bound: the same object, nothing to write', () => {
    const v = pv('v', { claimRef: { name: 'data', namespace: 'default', uid: 'uid-data' }, annotations: { 'pv.kubernetes.io/bound-by-controller': 'yes' } });
    expect(bindVolumeToClaim(v, pvc())).toBe(v);
  });
  it('a claimRef to another claim is overwritten and marked, keeping other annotations', () => {
    const out = bindVolumeToClaim(pv('v', { claimRef: { name: 'old', namespace: 'default', uid: 'u0' }, annotations: { keep: 'me' } }), pvc());
    expect(out.spec.claimRef).toEqual(FULL_REF);
    expect(out.metadata.annotations).toEqual({ keep: 'me', 'pv.kubernetes.io/bound-by-controller': 'yes' });
  });
});

describe('bindClaimToVolume', () => {
  it('an unbound claim: volumeName, bound-by-controller and bind-completed', () => {
    const c = frozen(pvc());
    const out = bindClaimToVolume(c, frozen(pv('v')));
    expect(out.spec.volumeName).toBe('v');
    expect(out.metadata.annotations).toEqual({ 'pv.kubernetes.io/bound-by-controller': 'yes', 'pv.kubernetes.io/bind-completed': 'yes' });
    expect(c.spec.volumeName).toBeUndefined();
  });
  it('a claim the user pointed at the volume: only bind-completed', () => {
    const out = bindClaimToVolume(pvc('data', { volumeName: 'v' }), pv('v'));
    expect(out.metadata.annotations).toEqual({ 'pv.kubernetes.io/bind-completed': 'yes' });
  });
  it('done already: the same object', () => {
    const c = pvc('data', { volumeName: 'v', annotations: { 'pv.kubernetes.io/bind-completed': 'yes' } });
    expect(bindClaimToVolume(c, pv('v'))).toBe(c);
  });
});

describe('claimStatusBound (updateClaimStatus to Bound)', () => {
  it('phase Bound, the volume\'s access modes, the whole volume\'s capacity', () => {
    const c = frozen(pvc('data', { request: '1Gi' }));
    const v = frozen(pv('v', { capacity: '100Gi', modes: ['ReadWriteOnce', 'ReadWriteMany'] }));
    expect(claimStatusBound(c, v).status).toEqual({ phase: 'Bound', accessModes: ['ReadWriteOnce', 'ReadWriteMany'], capacity: { storage: '100Gi' } });
  });
  it('the capacity map is copied whole', () => {
    const v = pv('v');
    v.spec.capacity = { storage: '5Gi', 'example.com/iops': '100' };
    expect(claimStatusBound(pvc(), v).status.capacity).toEqual({ storage: '5Gi', 'example.com/iops': '100' });
  });
  it('already Bound: capacity is not touched (an expansion may be pending), modes still are', () => {
    const c = pvc('data', { status: { phase: 'Bound', accessModes: ['ReadWriteOnce'], capacity: { storage: '1Gi' } } });
    expect(claimStatusBound(c, pv('v', { capacity: '2Gi' }))).toBe(c);
    expect(claimStatusBound(c, pv('v', { capacity: '2Gi', modes: ['ReadOnlyMany'] })).status)
      .toEqual({ phase: 'Bound', accessModes: ['ReadOnlyMany'], capacity: { storage: '1Gi' } });
  });
  it('an equal capacity spelled differently is left as it is', () => {
    const out = claimStatusBound(pvc('data', { status: { phase: 'Pending', capacity: { storage: '1024Mi' } } }), pv('v', { capacity: '1Gi' }));
    expect(out.status.capacity).toEqual({ storage: '1024Mi' });
  });
  it('the pre-resize annotation gives the filesystem\'s size, falling back to the volume\'s when unparsable', () => {
    const ann = 'volume.alpha.kubernetes.io/pre-resize-capacity';
    expect(claimStatusBound(pvc(), pv('v', { capacity: '20Gi', annotations: { [ann]: '10Gi' } })).status.capacity).toEqual({ storage: '10Gi' });
    expect(claimStatusBound(pvc(), pv('v', { capacity: '20Gi', annotations: { [ann]: 'ten' } })).status.capacity).toEqual({ storage: '20Gi' });
  });
  it('a volume without a storage capacity is an error', () => {
    expect(() => claimStatusBound(pvc(), pv('v', { capacity: null }))).toThrow(new BinderError('PersistentVolume "v" is without a storage capacity'));
  });
});

describe('claimStatus without a volume (Pending, Lost)', () => {
  it('clears access modes and capacity', () => {
    const c = pvc('data', { status: { phase: 'Bound', accessModes: ['ReadWriteOnce'], capacity: { storage: '1Gi' } } });
    expect(claimStatus(c, 'Lost').status).toEqual({ phase: 'Lost' });
  });
  it('already Pending with nothing to clear: the same object', () => {
    const c = pvc();
    expect(claimStatus(c, 'Pending')).toBe(c);
  });
});

describe('volumePhase (updateVolumePhase)', () => {
  it('a new phase stamps lastPhaseTransitionTime', () => {
    const v = frozen(pv('v'));
    expect(volumePhase(v, 'Bound', NOW).status).toEqual({ phase: 'Bound', lastPhaseTransitionTime: NOW });
  });
  it('with a message, and an empty message drops the old one', () => {
    const failed = volumePhase(pv('v', { phase: 'Released' }), 'Failed', NOW, 'Recycle failed: boom');
    expect(failed.status).toEqual({ phase: 'Failed', message: 'Recycle failed: boom', lastPhaseTransitionTime: NOW });
    expect(volumePhase(failed, 'Available', '2025-03-01T12:00:15Z').status).toEqual({ phase: 'Available', lastPhaseTransitionTime: '2025-03-01T12:00:15Z' });
  });
  it('the same phase: the same object, even with another message', () => {
    const v = pv('v');
    expect(volumePhase(v, 'Available', NOW, 'ignored')).toBe(v);
  });
  it('a volume with no status yet', () => {
    expect(volumePhase(pv('v', { phase: null }), 'Available', NOW).status).toEqual({ phase: 'Available', lastPhaseTransitionTime: NOW });
  });
});

describe('unbindVolume', () => {
  it('bound by the controller: claimRef and the annotation go', () => {
    const bound = bindVolumeToClaim(pv('v'), pvc());
    const out = unbindVolume(frozen(bound));
    expect(out.spec.claimRef).toBeUndefined();
    expect(out.metadata.annotations).toBeUndefined();
  });
  it('reserved by the user: only the uid goes, the reservation stays', () => {
    const out = unbindVolume(pv('v', { claimRef: { name: 'data', namespace: 'default', uid: 'u1' }, annotations: { keep: 'me' } }));
    expect(out.spec.claimRef).toEqual({ name: 'data', namespace: 'default' });
    expect(out.metadata.annotations).toEqual({ keep: 'me' });
  });
});
