import { describe, it, expect } from 'vitest';
import { maxSurge, maxUnavailable, newRSNewReplicas, resolveFenceposts, scaledValue } from './fenceposts.js';
import { deploy, rs } from './fixtures.js';

describe('ResolveFenceposts (surge rounds up, unavailable rounds down)', () => {
  it.each([
    // [maxSurge, maxUnavailable, replicas, surge, unavailable]
    ['25%', '25%', 10, 3, 2],
    ['25%', '25%', 1, 1, 0],
    ['25%', '25%', 4, 1, 1],
    ['25%', '25%', 3, 1, 0],
    ['10%', '10%', 5, 1, 0],
    ['0%', '10%', 5, 0, 1], // both resolve to 0: unavailable becomes 1
    [0, '49%', 2, 0, 1],
    [3, 2, 10, 3, 2],
    ['100%', 0, 7, 7, 0],
    ['200%', '100%', 3, 6, 3],
  ] as const)('surge %j, unavailable %j of %i → %i / %i', (s, u, n, surge, unavailable) => {
    expect(resolveFenceposts(s, u, n)).toEqual([surge, unavailable]);
  });

  it('the catalogue bug rounds maxUnavailable up', () => {
    expect(resolveFenceposts('25%', '25%', 10, { roundUnavailableUp: true })).toEqual([3, 3]);
    expect(resolveFenceposts('25%', '25%', 1, { roundUnavailableUp: true })).toEqual([1, 1]);
  });

  it('MaxUnavailable is 0 for Recreate and for 0 replicas, and never above replicas; MaxSurge is 0 for Recreate', () => {
    expect(maxUnavailable(deploy({ recreate: true }))).toBe(0);
    expect(maxSurge(deploy({ recreate: true }))).toBe(0);
    expect(maxUnavailable(deploy({ replicas: 0 }))).toBe(0);
    expect(maxUnavailable(deploy({ replicas: 2, maxUnavailable: 5 }))).toBe(2);
    expect(maxSurge(deploy({ replicas: 10 }))).toBe(3);
  });

  it('rejects a malformed percentage as upstream does', () => {
    expect(() => scaledValue('x%', 10, true)).toThrow(/invalid value/);
    expect(scaledValue('5', 10, true)).toBe(5);
  });
});

describe('NewRSNewReplicas', () => {
  it.each([
    // [replicas, surge, old spec sum, new spec, expected]
    [10, '25%', 10, 0, 3],   // surge room 3
    [10, '25%', 8, 3, 5],    // 11 < 13: +2
    [10, '25%', 10, 3, 3],   // at 13: stays
    [10, '25%', 0, 8, 10],   // never past replicas
    [1, '25%', 1, 0, 1],     // surge 1 on 1 replica
  ] as const)('replicas %i, surge %s, old %i, new %i → %i', (replicas, surge, old, cur, want) => {
    const d = deploy({ replicas, maxSurge: surge });
    const newRS = rs({ name: 'new', replicas: cur });
    expect(newRSNewReplicas(d, [rs({ name: 'old', replicas: old }), newRS], newRS)).toBe(want);
  });

  it('Recreate: straight to replicas', () => {
    const newRS = rs({ name: 'new', replicas: 0 });
    expect(newRSNewReplicas(deploy({ recreate: true, replicas: 4 }), [rs({ name: 'old', replicas: 4 }), newRS], newRS)).toBe(4);
  });
});
