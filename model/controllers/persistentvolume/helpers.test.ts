import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../api/types.js';
import {
  BinderError, accessModesFromKey, accessModesKey, claimClass, claimHasClass, isDelayBindingMode, isDelayBindingProvisioning,
  isVolumeBoundToClaim, volumeClass, volumeModeMismatch,
} from './helpers.js';
import { pv, pvc } from './fixtures.js';

describe('accessModesKey (GetAccessModesAsString)', () => {
  it.each([
    [[], ''],
    [['ReadWriteOnce'], 'RWO'],
    [['ReadWriteMany', 'ReadWriteOnce'], 'RWO,RWX'],
    [['ReadOnlyMany', 'ReadWriteOnce', 'ReadOnlyMany'], 'RWO,ROX'],
    [['ReadWriteOncePod', 'ReadOnlyMany'], 'ROX,RWOP'],
    [['ReadWriteMany', 'ReadWriteOncePod', 'ReadOnlyMany', 'ReadWriteOnce'], 'RWO,ROX,RWX,RWOP'],
    [['Sometimes', 'ReadWriteOnce'], 'RWO'],
  ])('%j → %j', (modes, key) => expect(accessModesKey(modes)).toBe(key));
  it('nil is the empty key', () => expect(accessModesKey(undefined)).toBe(''));
  it.each([
    ['RWO,ROX,RWX,RWOP', ['ReadWriteOnce', 'ReadOnlyMany', 'ReadWriteMany', 'ReadWriteOncePod']],
    [' RWX , RWO', ['ReadWriteMany', 'ReadWriteOnce']],
    ['', []],
    ['XYZ', []],
  ])('accessModesFromKey(%j)', (key, modes) => expect(accessModesFromKey(key)).toEqual(modes));
});

describe('claimClass and volumeClass (GetPersistentVolume[Claim]Class)', () => {
  it.each([
    ['nothing set', pvc(), ''],
    ['spec', pvc('data', { cls: 'fast' }), 'fast'],
    ['spec ""', pvc('data', { cls: '' }), ''],
    ['beta annotation over spec', pvc('data', { cls: 'fast', betaCls: 'gold' }), 'gold'],
    ['beta annotation "" over spec', pvc('data', { cls: 'fast', betaCls: '' }), ''],
  ])('claim, %s', (_n, claim, want) => expect(claimClass(claim)).toBe(want));
  it.each([
    ['nothing set', pv('v'), ''],
    ['spec', pv('v', { cls: 'fast' }), 'fast'],
    ['beta annotation over spec', pv('v', { cls: 'fast', betaCls: 'gold' }), 'gold'],
  ])('volume, %s', (_n, volume, want) => expect(volumeClass(volume)).toBe(want));
  it.each([
    ['unset', pvc(), false],
    ['""', pvc('data', { cls: '' }), true],
    ['named', pvc('data', { cls: 'fast' }), true],
    ['beta annotation', pvc('data', { betaCls: '' }), true],
  ])('claimHasClass, %s', (_n, claim, want) => expect(claimHasClass(claim)).toBe(want));
});

describe('isVolumeBoundToClaim', () => {
  const claim = pvc('data', { uid: 'u1' });
  it.each([
    ['no claimRef', undefined, false],
    ['name and namespace, no uid (pre-bound)', { name: 'data', namespace: 'default' }, true],
    ['and the uid', { name: 'data', namespace: 'default', uid: 'u1' }, true],
    ['a stale uid', { name: 'data', namespace: 'default', uid: 'u0' }, false],
    ['another name', { name: 'logs', namespace: 'default' }, false],
    ['another namespace', { name: 'data', namespace: 'prod' }, false],
    ['no namespace', { name: 'data' }, false],
  ])('%s', (_n, claimRef, want) => expect(isVolumeBoundToClaim(pv('v', claimRef ? { claimRef } : {}), claim)).toBe(want));
});

describe('volumeModeMismatch: nil is Filesystem', () => {
  it.each([
    [undefined, undefined, false], [undefined, 'Filesystem', false], ['Filesystem', undefined, false],
    ['Block', undefined, true], [undefined, 'Block', true], ['Block', 'Block', false],
  ])('claim %s, volume %s', (c, v, want) => expect(volumeModeMismatch(pvc('data', c ? { mode: c } : {}), pv('v', v ? { mode: v } : {}))).toBe(want));
});

describe('isDelayBindingMode', () => {
  const sc = (mode?: string): KubeObject => ({ apiVersion: 'storage.k8s.io/v1', kind: 'StorageClass', metadata: { name: 'local' }, provisioner: 'x', ...(mode ? { volumeBindingMode: mode } : {}) });
  it.each([
    ['WaitForFirstConsumer', pvc('data', { cls: 'local' }), sc('WaitForFirstConsumer'), true],
    ['Immediate', pvc('data', { cls: 'local' }), sc('Immediate'), false],
    ['the class does not exist', pvc('data', { cls: 'local' }), undefined, false],
    ['the claim names no class', pvc('data'), sc('WaitForFirstConsumer'), false],
  ])('%s', (_n, claim, cls, want) => expect(isDelayBindingMode(claim, cls)).toBe(want));
  it('a class without a binding mode is an error (admission defaults it)', () => {
    expect(() => isDelayBindingMode(pvc('data', { cls: 'local' }), sc())).toThrow(new BinderError('VolumeBindingMode not set for StorageClass "local"'));
  });
  it('isDelayBindingProvisioning: the selected-node annotation, any value', () => {
    expect(isDelayBindingProvisioning(pvc('data', { annotations: { 'volume.kubernetes.io/selected-node': '' } }))).toBe(true);
    expect(isDelayBindingProvisioning(pvc())).toBe(false);
  });
});
