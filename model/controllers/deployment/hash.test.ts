import { describe, it, expect } from 'vitest';
import { canonicalJson, computeHash, fnv32a, safeEncodeString } from './hash.js';

const bytes = (s: string) => new TextEncoder().encode(s);

describe('pod-template-hash', () => {
  it.each([
    ['', 0x811c9dc5], ['a', 0xe40c292c], ['foobar', 0xbf9cf968],
  ])('fnv32a(%j) is the FNV-1a reference value', (s, want) => {
    expect(fnv32a(bytes(s))).toBe(want);
  });

  it('SafeEncodeString maps the decimal digits to upstream\'s alphabet (4 5 6 7 8 9 b c d f)', () => {
    expect(safeEncodeString('0123456789')).toBe('456789bcdf');
  });

  it('hashes are at most 10 characters of digits-mapped letters, stable under key order', () => {
    const a = { metadata: { labels: { app: 'web', tier: 'fe' } }, spec: { containers: [{ name: 'c', image: 'x' }] } };
    const b = { spec: { containers: [{ image: 'x', name: 'c' }] }, metadata: { labels: { tier: 'fe', app: 'web' } } };
    expect(computeHash(a)).toBe(computeHash(b));
    expect(computeHash(a)).toMatch(/^[456789bcdf]{1,10}$/);
    expect(canonicalJson(a)).toBe(canonicalJson(b));
  });

  it('a different template or collision count gives a different hash; an absent count differs from none hashed', () => {
    const t = { spec: { containers: [{ name: 'c', image: 'x' }] } };
    const t2 = { spec: { containers: [{ name: 'c', image: 'y' }] } };
    expect(computeHash(t)).not.toBe(computeHash(t2));
    expect(computeHash(t, 1)).not.toBe(computeHash(t));
    expect(computeHash(t, 1)).not.toBe(computeHash(t, 2));
    // upstream writes the 8-byte count even when it is 0: a nil count and 0 hash differently.
    expect(computeHash(t, 0)).not.toBe(computeHash(t));
  });
});
