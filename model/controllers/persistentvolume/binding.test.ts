import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../api/types.js';
import {
  findBestMatchForClaim, findMatchingVolume, matchVolume, matchingAccessModeKeys, requestedVolume, volumeSatisfiesClaim, type MatchOptions,
} from './binding.js';
import { BinderError } from './helpers.js';
import { frozen, pv, pvc } from './fixtures.js';

const RWO = ['ReadWriteOnce'], RWX = ['ReadWriteMany'], ROX = ['ReadOnlyMany'];
const RWO_RWX = ['ReadWriteOnce', 'ReadWriteMany'], RWO_ROX = ['ReadWriteOnce', 'ReadOnlyMany'];
const ref = (name = 'data', extra: Record<string, string> = {}) => ({ kind: 'PersistentVolumeClaim', namespace: 'default', name, ...extra });
const zoneA = { required: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'zone', operator: 'In', values: ['a'] }] }] } };

type Case = [string, KubeObject, KubeObject[], MatchOptions, string | undefined];
const pick = (claim: KubeObject, volumes: KubeObject[], opts: MatchOptions) => findMatchingVolume(frozen(claim), frozen(volumes), opts)?.metadata.name;

describe('findMatchingVolume, PV controller path: which volume an unbound claim gets', () => {
  const table: Case[] = [
    // The KUBERNETES.md ⚠ case: fewer access modes beat a smaller size.
    ['RWO 5Gi: the RWO-only 100Gi volume over the RWO+RWX 10Gi one', pvc('data', { request: '5Gi' }),
      [pv('rwx-10', { capacity: '10Gi', modes: RWO_RWX }), pv('rwo-100', { capacity: '100Gi', modes: RWO })], {}, 'rwo-100'],
    ['a claim for RWX skips the RWO-only group', pvc('data', { request: '5Gi', modes: RWX }),
      [pv('rwo-100', { capacity: '100Gi', modes: RWO }), pv('rwx-10', { capacity: '10Gi', modes: RWO_RWX })], {}, 'rwx-10'],
    ['with no fit in the smallest group, the next group', pvc('data', { request: '50Gi' }),
      [pv('rwo-10', { capacity: '10Gi' }), pv('rwx-100', { capacity: '100Gi', modes: RWO_RWX })], {}, 'rwx-100'],
    ['groups of equal size: key order, RWO,ROX before RWO,RWX', pvc('data'),
      [pv('rwx-1', { capacity: '1Gi', modes: RWO_RWX }), pv('rox-5', { capacity: '5Gi', modes: RWO_ROX })], {}, 'rox-5'],
    ['smallest fit within a group', pvc('data', { request: '2Gi' }),
      [pv('ten', { capacity: '10Gi' }), pv('one', { capacity: '1Gi' }), pv('five', { capacity: '5Gi' })], {}, 'five'],
    ['equal sizes: the first in the order given', pvc('data'), [pv('b', { capacity: '5Gi' }), pv('a', { capacity: '5Gi' })], {}, 'b'],
    ['a volume with no access modes serves no RWO claim', pvc('data'), [pv('none', { modes: null })], {}, undefined],
    ['no volumes at all', pvc('data'), [], {}, undefined],
    // Capacity, compared exactly.
    ['1Gi request, 1073741824 capacity: fits', pvc('data', { request: '1Gi' }), [pv('v', { capacity: '1073741824' })], {}, 'v'],
    ['1Gi request, 1073741823 capacity: one byte short', pvc('data', { request: '1Gi' }), [pv('v', { capacity: '1073741823' })], {}, undefined],
    ['1.5Gi request, 1536Mi capacity: equal', pvc('data', { request: '1.5Gi' }), [pv('v', { capacity: '1536Mi' })], {}, 'v'],
    ['1.5Gi request, 1610612735 capacity: short', pvc('data', { request: '1.5Gi' }), [pv('v', { capacity: '1610612735' })], {}, undefined],
    ['1Gi request, 1G capacity: decimal giga is smaller', pvc('data', { request: '1Gi' }), [pv('v', { capacity: '1G' })], {}, undefined],
    ['1G request, a number capacity 1e9', pvc('data', { request: '1G' }), [pv('v', { capacity: 1e9 })], {}, 'v'],
    ['1000Mi beats 1Gi as the smaller fit', pvc('data', { request: '1000Mi' }), [pv('gi', { capacity: '1Gi' }), pv('mi', { capacity: '1000Mi' })], {}, 'mi'],
    ['no request: any size fits', pvc('data', { request: null }), [pv('v', { capacity: '1Ki' })], {}, 'v'],
    ['no capacity: only a zero request fits', pvc('data', { request: '1' }), [pv('v', { capacity: null })], {}, undefined],
    // Phase: only Available volumes are candidates.
    ...(['Pending', 'Bound', 'Released', 'Failed', null] as const).map((phase): Case =>
      [`phase ${phase ?? 'unset'} is skipped`, pvc('data'), [pv('v', { phase })], {}, undefined]),
    ['a volume being deleted is skipped', pvc('data'), [pv('gone', { deleting: true, capacity: '1Gi' }), pv('v', { capacity: '5Gi' })], {}, 'v'],
    // Class.
    ['claim class "" matches a class-less volume', pvc('data', { cls: '' }), [pv('fast', { cls: 'fast' }), pv('plain')], {}, 'plain'],
    ['claim class unset is "" too (admission gives it the default)', pvc('data'), [pv('fast', { cls: 'fast' })], {}, undefined],
    ['claim class fast does not match a class-less volume', pvc('data', { cls: 'fast' }), [pv('plain'), pv('fast', { cls: 'fast' })], {}, 'fast'],
    ['volume spec class "" is class-less', pvc('data', { cls: '' }), [pv('v', { cls: '' })], {}, 'v'],
    ['the beta annotation wins over spec.storageClassName on the claim', pvc('data', { cls: 'fast', betaCls: 'gold' }),
      [pv('fast', { cls: 'fast' }), pv('gold', { cls: 'gold' })], {}, 'gold'],
    ['and on the volume', pvc('data', { cls: 'gold' }), [pv('v', { cls: 'fast', betaCls: 'gold' })], {}, 'v'],
    // volumeMode: nil is Filesystem.
    ['claim nil, volume Filesystem', pvc('data'), [pv('v', { mode: 'Filesystem' })], {}, 'v'],
    ['claim Filesystem, volume nil', pvc('data', { mode: 'Filesystem' }), [pv('v')], {}, 'v'],
    ['claim Block, volume nil', pvc('data', { mode: 'Block' }), [pv('v')], {}, undefined],
    ['claim Block, volume Block', pvc('data', { mode: 'Block' }), [pv('fs'), pv('blk', { mode: 'Block' })], {}, 'blk'],
    // Selector.
    ['matchLabels', pvc('data', { selector: { matchLabels: { tier: 'db' } } }),
      [pv('small', { capacity: '1Gi', labels: { tier: 'web' } }), pv('db', { labels: { tier: 'db', x: 'y' } })], {}, 'db'],
    ['matchExpressions', pvc('data', { selector: { matchExpressions: [{ key: 'ssd', operator: 'Exists' }] } }),
      [pv('hdd', { capacity: '1Gi' }), pv('ssd', { labels: { ssd: 'true' } })], {}, 'ssd'],
    ['an empty selector selects every volume', pvc('data', { selector: {} }), [pv('v')], {}, 'v'],
    ['no volume carries the labels', pvc('data', { selector: { matchLabels: { tier: 'db' } } }), [pv('v')], {}, undefined],
    // Pre-bound volumes: claimRef names the claim.
    ['pre-bound without uid wins over a smaller free volume', pvc('data'),
      [pv('free', { capacity: '1Gi' }), pv('mine', { capacity: '50Gi', claimRef: ref() })], {}, 'mine'],
    ['pre-bound with the claim uid', pvc('data'), [pv('mine', { claimRef: ref('data', { uid: 'uid-data' }) })], {}, 'mine'],
    ['pre-bound skips phase, selector and class checks', pvc('data', { cls: 'fast', selector: { matchLabels: { a: 'b' } } }),
      [pv('mine', { phase: 'Pending', cls: 'slow', claimRef: ref() })], {}, 'mine'],
    ['a stale uid (Released, claim re-created) does not bind', pvc('data'), [pv('old', { phase: 'Released', claimRef: ref('data', { uid: 'uid-old' }) })], {}, undefined],
    ['a claimRef naming another claim', pvc('data'), [pv('theirs', { claimRef: ref('other') })], {}, undefined],
    ['a claimRef in another namespace', pvc('data'), [pv('theirs', { claimRef: { ...ref(), namespace: 'prod' } })], {}, undefined],
    ['pre-bound but too small: the search goes on', pvc('data', { request: '5Gi' }),
      [pv('mine', { capacity: '1Gi', claimRef: ref() }), pv('free', { capacity: '5Gi' })], {}, 'free'],
    ['pre-bound but being deleted: skipped', pvc('data'), [pv('mine', { deleting: true, claimRef: ref() })], {}, undefined],
    ['pre-bound but Block for a Filesystem claim: skipped', pvc('data'), [pv('mine', { mode: 'Block', claimRef: ref() })], {}, undefined],
    ['pre-bound in a larger access-mode group loses to a fit in a smaller one', pvc('data'),
      [pv('mine', { modes: RWO_RWX, claimRef: ref() }), pv('free', { modes: RWO })], {}, 'free'],
    ['pre-bound without the requested mode is never found', pvc('data', { modes: RWX }), [pv('mine', { modes: RWO, claimRef: ref() })], {}, undefined],
    // WaitForFirstConsumer, PV controller path: only pre-bound volumes.
    ['delayBinding: a free volume is left to the scheduler', pvc('data'), [pv('free')], { delayBinding: true }, undefined],
    ['delayBinding: a pre-bound volume is still completed', pvc('data'), [pv('free', { capacity: '1Gi' }), pv('mine', { claimRef: ref() })], { delayBinding: true }, 'mine'],
    // VolumeAttributesClass, gate off (v1.32 default) and on.
    ['gate off: a volume with a VAC is never bound', pvc('data'), [pv('vac', { capacity: '1Gi', vac: 'gold' }), pv('v')], {}, 'v'],
    ['gate on: VACs must be equal', pvc('data', { vac: 'gold' }), [pv('plain', { capacity: '1Gi' }), pv('gold', { vac: 'gold' })], { volumeAttributesClass: true }, 'gold'],
    ['gate on: no VAC on either side', pvc('data'), [pv('gold', { capacity: '1Gi', vac: 'gold' }), pv('plain')], { volumeAttributesClass: true }, 'plain'],
    // Claims that name their volume.
    ['volumeName: the named free volume, not the best fit', pvc('data', { volumeName: 'big' }),
      [pv('small', { capacity: '1Gi' }), pv('big', { capacity: '100Gi', modes: RWO_RWX })], {}, 'big'],
    ['volumeName: too small, no bind', pvc('data', { request: '5Gi', volumeName: 'small' }), [pv('small', { capacity: '1Gi' })], {}, undefined],
    ['volumeName: phase and selector are not checked', pvc('data', { volumeName: 'v', selector: { matchLabels: { a: 'b' } } }), [pv('v', { phase: 'Pending' })], {}, 'v'],
    ['volumeName: pre-bound both ways binds with no check, even too small', pvc('data', { request: '5Gi', volumeName: 'v' }),
      [pv('v', { capacity: '1Gi', cls: 'other', claimRef: ref() })], {}, 'v'],
    ['volumeName: held by another claim', pvc('data', { volumeName: 'v' }), [pv('v', { claimRef: ref('other', { uid: 'u2' }) })], {}, undefined],
    ['volumeName: no such volume', pvc('data', { volumeName: 'nope' }), [pv('v')], {}, undefined],
  ];
  it.each(table)('%s', (_name, claim, volumes, opts, want) => expect(pick(claim, volumes, opts)).toBe(want));
});

describe('findMatchingVolume, scheduler path (a node in hand)', () => {
  const node = { zone: 'a' };
  const table: Case[] = [
    ['no access-mode groups: the smallest fit wins (the ⚠ case reversed)', pvc('data', { request: '5Gi' }),
      [pv('rwo-100', { capacity: '100Gi' }), pv('rwx-10', { capacity: '10Gi', modes: RWO_RWX })], { nodeLabels: node }, 'rwx-10'],
    ['access modes are checked', pvc('data', { modes: RWX }), [pv('rwo'), pv('rox', { modes: ROX })], { nodeLabels: node }, undefined],
    ['node affinity must allow the node', pvc('data'), [pv('b', { capacity: '1Gi', affinity: { required: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'zone', operator: 'In', values: ['b'] }] }] } } }), pv('a', { affinity: zoneA })],
      { nodeLabels: node }, 'a'],
    ['no required affinity allows every node', pvc('data'), [pv('v', { affinity: {} })], { nodeLabels: {} }, 'v'],
    ['matchFields on metadata.name never matches: the node is rebuilt from labels only', pvc('data'),
      [pv('v', { affinity: { required: { nodeSelectorTerms: [{ matchFields: [{ key: 'metadata.name', operator: 'In', values: ['n1'] }] }] } } })], { nodeLabels: node }, undefined],
    ['a pre-bound volume the node cannot reach ends the search', pvc('data'),
      [pv('mine', { claimRef: ref(), affinity: { required: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'zone', operator: 'In', values: ['b'] }] }] } } }), pv('free')],
      { nodeLabels: node }, undefined],
    ['delayBinding does not stop the scheduler', pvc('data'), [pv('free')], { nodeLabels: node, delayBinding: true }, 'free'],
    ['excluded volumes were taken by the pod\'s other claims', pvc('data'), [pv('taken', { capacity: '1Gi' }), pv('v')], { nodeLabels: node, excluded: new Set(['taken']) }, 'v'],
    ['a pre-bound volume of another class is not listed', pvc('data'), [pv('mine', { cls: 'other', claimRef: ref() })], { nodeLabels: node }, undefined],
    ['a claim with volumeName is left to the PV controller', pvc('data', { volumeName: 'v' }), [pv('v')], { nodeLabels: node }, undefined],
  ];
  it.each(table)('%s', (_name, claim, volumes, opts, want) => expect(pick(claim, volumes, opts)).toBe(want));
});

describe('matching errors, as upstream returns them', () => {
  it('a bad selector', () => {
    const claim = pvc('data', { selector: { matchExpressions: [{ key: 'a', operator: 'Near', values: ['b'] }] } });
    // The inner text is the selector module's; upstream v1.32 says "label selector operator".
    expect(() => matchVolume(claim, [pv('v')])).toThrow(BinderError);
    expect(() => matchVolume(claim, [pv('v')])).toThrow(/^error creating internal label selector for claim: default\/data: "Near" is not a valid (label|pod) selector operator$/);
  });
  it('a VAC on the claim while the gate is off', () => {
    const claim = pvc('data', { vac: 'gold' });
    expect(() => findBestMatchForClaim(claim, [pv('v')])).toThrow(
      'unsupported volumeAttributesClassName is set on claim default/data when the feature-gate VolumeAttributesClass is disabled');
  });
  it('is only reached when some volume group is searched', () => {
    expect(findBestMatchForClaim(pvc('data', { vac: 'gold' }), [])).toBeUndefined();
  });
});

describe('matchingAccessModeKeys (allPossibleMatchingAccessModes)', () => {
  it.each([
    [['RWO', 'RWO,ROX', 'RWO,ROX,RWX', 'ROX'], RWO, ['RWO', 'RWO,ROX', 'RWO,ROX,RWX']],
    [['RWO,ROX,RWX', 'RWO,ROX'], RWX, ['RWO,ROX,RWX']],
    [['RWO,RWX', 'RWO,ROX', 'RWOP'], RWO, ['RWO,ROX', 'RWO,RWX']],
    [['RWO', ''], [], ['', 'RWO']],
  ])('%j for %j → %j', (keys, requested, want) => expect(matchingAccessModeKeys(keys, requested)).toEqual(want));
});

describe('volumeSatisfiesClaim (checkVolumeSatisfyClaim): the reasons, in upstream\'s order', () => {
  it.each([
    ['fits', pv('v'), pvc('data'), null],
    ['being deleted comes first', pv('v', { deleting: true, capacity: '1' }), pvc('data'), 'the volume is marked for deletion "v"'],
    ['too small', pv('v', { capacity: '512Mi', cls: 'x' }), pvc('data'), 'requested PV is too small'],
    ['whole bytes rounded up: 1.5 fits a request of 2', pv('v', { capacity: '1.5' }), pvc('data', { request: '2' }), null],
    ['class', pv('v', { cls: 'fast', mode: 'Block' }), pvc('data'), 'storageClassName does not match'],
    ['volumeMode', pv('v', { mode: 'Block', modes: ROX }), pvc('data'), 'incompatible volumeMode'],
    ['accessMode', pv('v', { modes: ROX }), pvc('data'), 'incompatible accessMode'],
    ['the selector is not checked', pv('v'), pvc('data', { selector: { matchLabels: { a: 'b' } } }), null],
  ])('%s', (_n, volume, claim, want) => expect(volumeSatisfiesClaim(volume, claim)).toBe(want));
});

describe('requestedVolume: the outcomes for a claim with spec.volumeName', () => {
  it.each([
    ['missing', pvc('data', { volumeName: 'v' }), [], { kind: 'missing' }],
    ['mismatch', pvc('data', { volumeName: 'v', cls: 'fast' }), [pv('v')], { kind: 'mismatch', reason: 'storageClassName does not match' }],
    ['taken', pvc('data', { volumeName: 'v' }), [pv('v', { claimRef: ref('other') })], { kind: 'taken' }],
    ['bind', pvc('data', { volumeName: 'v' }), [pv('v')], { kind: 'bind' }],
  ])('%s', (_n, claim, volumes, want) => expect(requestedVolume(claim, volumes)).toMatchObject(want));
});
