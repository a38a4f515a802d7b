// The index gives the scan's answer: random volumes, updated and removed in
// random order, and random claims; findBestMatchForClaim over the volumes in
// the order a cache holds them is the oracle.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { KubeObject } from '../../api/types.js';
import { findBestMatchForClaim } from './binding.js';
import { pv, pvc } from './fixtures.js';
import { VolumeIndex } from './volume-index.js';

const MODES = [['ReadWriteOnce'], ['ReadWriteOnce', 'ReadWriteMany'], ['ReadOnlyMany'], ['ReadWriteOncePod']];
const volumeArb = fc.record({
  name: fc.constantFrom('a', 'b', 'c', 'd', 'e', 'f', 'g', 'h'),
  capacity: fc.constantFrom('1Gi', '5Gi', '5120Mi', '10Gi'),
  modes: fc.constantFrom(...MODES),
  cls: fc.constantFrom('', 'fast'),
  phase: fc.constantFrom('Available', 'Available', 'Bound', 'Released', 'Pending'),
  ref: fc.constantFrom('none', 'none', 'mine', 'mine-no-uid', 'mine-old-uid', 'other'),
  mode: fc.constantFrom(undefined, 'Block'),
  tier: fc.constantFrom(undefined, 'gold'),
  deleting: fc.boolean(),
});
type V = typeof volumeArb extends fc.Arbitrary<infer T> ? T : never;

function volumeOf(v: V): KubeObject {
  const claimRef = v.ref === 'none' ? undefined
    : v.ref === 'other' ? { namespace: 'default', name: 'other', uid: 'uid-other' }
    : { namespace: 'default', name: 'data', ...(v.ref === 'mine' ? { uid: 'uid-data' } : v.ref === 'mine-old-uid' ? { uid: 'gone' } : {}) };
  return pv(v.name, { capacity: v.capacity, modes: v.modes, cls: v.cls, phase: v.phase, ...(claimRef ? { claimRef } : {}),
    ...(v.mode ? { mode: v.mode } : {}), ...(v.tier ? { labels: { tier: v.tier } } : {}), deleting: v.deleting });
}

const claimArb = fc.record({
  request: fc.constantFrom('1Gi', '3Gi', '5Gi', '8Gi', '20Gi'),
  modes: fc.constantFrom(...MODES),
  cls: fc.constantFrom('', 'fast'),
  mode: fc.constantFrom(undefined, 'Block'),
  gold: fc.boolean(),
  delayBinding: fc.boolean(),
});

describe('VolumeIndex', () => {
  it('chooses what findBestMatchForClaim chooses, through adds, updates and removals', () => {
    fc.assert(fc.property(
      fc.array(fc.oneof(volumeArb.map((v) => ({ put: v })), fc.constantFrom('a', 'b', 'c', 'd').map((name) => ({ remove: name }))), { maxLength: 25 }),
      fc.array(claimArb, { minLength: 1, maxLength: 4 }),
      (ops, claims) => {
        const index = new VolumeIndex();
        const cache = new Map<string, KubeObject>(); // as an informer's cache keeps them: an update stays in place
        for (const op of ops) {
          if ('put' in op) { const o = volumeOf(op.put); cache.set(o.metadata.name!, o); index.upsert(o); }
          else { cache.delete(op.remove); index.remove(op.remove); }
        }
        for (const c of claims) {
          const claim = pvc('data', { request: c.request, modes: c.modes, cls: c.cls, ...(c.mode ? { mode: c.mode } : {}),
            ...(c.gold ? { selector: { matchLabels: { tier: 'gold' } } } : {}) });
          const want = findBestMatchForClaim(claim, [...cache.values()], { delayBinding: c.delayBinding });
          const got = index.bestMatch(claim, { delayBinding: c.delayBinding });
          expect(got?.metadata.name).toBe(want?.metadata.name);
        }
      },
    ), { numRuns: 2_000, seed: 7 });
  });

  it('among equal sizes takes the one seen first, and a re-added volume goes last', () => {
    const index = new VolumeIndex();
    for (const [name, size] of [['x', '5120Mi'], ['y', '5Gi'], ['z', '10Gi']] as const) index.upsert(pv(name, { capacity: size }));
    const claim = pvc('data', { request: '3Gi' });
    expect(index.bestMatch(claim)?.metadata.name).toBe('x');
    index.upsert(pv('x', { capacity: '5120Mi', labels: { changed: 'yes' } })); // an update keeps its place
    expect(index.bestMatch(claim)?.metadata.name).toBe('x');
    index.remove('x'); index.upsert(pv('x', { capacity: '5120Mi' }));
    expect(index.bestMatch(claim)?.metadata.name).toBe('y');
  });

  it('finds a volume by name and forgets removed ones', () => {
    const index = new VolumeIndex();
    index.upsert(pv('a'));
    expect(index.get('a')?.metadata.name).toBe('a');
    index.remove('a');
    expect(index.get('a')).toBeUndefined();
    expect(index.bestMatch(pvc())).toBeUndefined();
  });
});
