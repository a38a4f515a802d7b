import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../api/types.js';
import {
  PVC_PROTECTION_FINALIZER, claimsOfPod, isDeletionCandidate, needsFinalizer, podEventMayReleaseClaims, podUsesClaim, volumeInUse,
} from './index.js';

const pod = (extra: { nodeName?: string; phase?: string; claims?: string[] } = {}): KubeObject => ({
  apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p', namespace: 'default' },
  spec: {
    ...(extra.nodeName ? { nodeName: extra.nodeName } : {}),
    containers: [{ name: 'c', image: 'x' }],
    volumes: [...(extra.claims ?? []).map((c, i) => ({ name: `v${i}`, persistentVolumeClaim: { claimName: c } })), { name: 'tmp', emptyDir: {} }],
  },
  status: { phase: extra.phase ?? 'Pending' },
});

describe('podUsesClaim', () => {
  it.each([
    ['scheduled, mounting it', { nodeName: 'n1', claims: ['data'] }, true],
    ['not scheduled yet', { claims: ['data'] }, false],
    ['scheduled, another claim', { nodeName: 'n1', claims: ['logs'] }, false],
    ['Succeeded still holds it until deleted', { nodeName: 'n1', phase: 'Succeeded', claims: ['data'] }, true],
    ['Failed still holds it until deleted', { nodeName: 'n1', phase: 'Failed', claims: ['data'] }, true],
  ])('%s', (_what, p, want) => expect(podUsesClaim(pod(p), 'data')).toBe(want));
});

describe('claimsOfPod', () => {
  it('lists each claim once, ignoring other volume types', () => {
    expect(claimsOfPod(pod({ claims: ['a', 'b', 'a'] }))).toEqual(['a', 'b']);
  });
});

describe('podEventMayReleaseClaims', () => {
  it.each([
    [{ nodeName: 'n1', phase: 'Running' }, false, false],
    [{ nodeName: 'n1', phase: 'Running' }, true, true],
    [{ nodeName: 'n1', phase: 'Succeeded' }, false, true],
    [{ phase: 'Pending' }, false, true],
  ])('%j deleted=%s → %s', (p, deleted, want) => expect(podEventMayReleaseClaims(pod(p), deleted)).toBe(want));
});

describe('finalizer rules', () => {
  const claim = (meta: Record<string, unknown>): KubeObject => ({ apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata: { name: 'c', ...meta } });
  it('a claim being deleted with the finalizer is a candidate; one without it needs it', () => {
    expect(isDeletionCandidate(claim({ deletionTimestamp: 't', finalizers: [PVC_PROTECTION_FINALIZER] }), PVC_PROTECTION_FINALIZER)).toBe(true);
    expect(isDeletionCandidate(claim({ finalizers: [PVC_PROTECTION_FINALIZER] }), PVC_PROTECTION_FINALIZER)).toBe(false);
    expect(needsFinalizer(claim({}), PVC_PROTECTION_FINALIZER)).toBe(true);
    expect(needsFinalizer(claim({ deletionTimestamp: 't' }), PVC_PROTECTION_FINALIZER)).toBe(false);
  });
  it('a volume is in use while Bound', () => {
    const pv = (phase: string): KubeObject => ({ apiVersion: 'v1', kind: 'PersistentVolume', metadata: { name: 'v' }, status: { phase } });
    expect(['Pending', 'Available', 'Bound', 'Released', 'Failed'].map((p) => volumeInUse(pv(p)))).toEqual([false, false, true, false, false]);
  });
});
