import { describe, it, expect } from 'vitest';
import { getProportion, proportionalPlan, roundHalfAway } from './proportion.js';
import { deploy, rs } from './fixtures.js';

const sizes = (plans: { rs: { metadata: { name?: string } }; replicas: number }[]) => plans.map((p) => `${p.rs.metadata.name}=${p.replicas}`);

describe('proportional scaling', () => {
  it('e2e "deployment should support proportional scaling": 8/5 of 10+3, scaled to 30 → 20/13', () => {
    const d = deploy({ replicas: 30, maxSurge: 3, maxUnavailable: 2 });
    const first = rs({ name: 'first', replicas: 8, max: 13, desired: 10, createdS: 0 });
    const second = rs({ name: 'second', replicas: 5, available: 0, max: 13, desired: 10, createdS: 10 });
    expect(sizes(proportionalPlan(d, second, [first]))).toEqual(['first=20', 'second=13']);
  });

  it('and back down to 10: 8/5 again (larger first, older first on ties)', () => {
    const d = deploy({ replicas: 10, maxSurge: 3, maxUnavailable: 2 });
    const first = rs({ name: 'first', replicas: 20, max: 33, createdS: 0 });
    const second = rs({ name: 'second', replicas: 13, max: 33, createdS: 10 });
    expect(sizes(proportionalPlan(d, second, [first]))).toEqual(['first=8', 'second=5']);
  });

  it('leftovers go to the largest ReplicaSet; ties: newer first when growing', () => {
    // 3 ReplicaSets of 2 (max 6 for replicas 5 + surge 1), scaled to 6 (+1 = 7): 1 to add.
    const d = deploy({ replicas: 6, maxSurge: 1, maxUnavailable: 0 });
    const a = rs({ name: 'a', replicas: 2, max: 6, createdS: 0 });
    const b = rs({ name: 'b', replicas: 2, max: 6, createdS: 10 });
    const c = rs({ name: 'c', replicas: 2, max: 6, createdS: 20 });
    // round(2·7/6) − 2 = 0 each; the leftover 1 goes to the first in order: the newest.
    expect(sizes(proportionalPlan(d, c, [a, b]))).toEqual(['c=3', 'b=2', 'a=2']);
  });

  it('scaling to 0 takes everything', () => {
    const d = deploy({ replicas: 0 });
    const a = rs({ name: 'a', replicas: 8, max: 13 });
    const b = rs({ name: 'b', replicas: 5, max: 13, createdS: 5 });
    expect(sizes(proportionalPlan(d, b, [a]))).toEqual(['a=0', 'b=0']);
  });

  it('GetProportion never adds more than is left, and nothing to an empty ReplicaSet', () => {
    const d = deploy({ replicas: 30, maxSurge: 3 });
    expect(getProportion(rs({ name: 'a', replicas: 8, max: 13 }), d, 20, 15)).toBe(5);
    expect(getProportion(rs({ name: 'a', replicas: 0, max: 13 }), d, 20, 0)).toBe(0);
    expect(getProportion(undefined, d, 20, 0)).toBe(0);
  });

  it('without a max-replicas annotation the Deployment\'s status.replicas stands in', () => {
    const d = deploy({ replicas: 20, maxSurge: 0, maxUnavailable: 1, status: { replicas: 10 } });
    expect(getProportion(rs({ name: 'a', replicas: 10 }), d, 10, 0)).toBe(10);
  });

  it('rounds halves away from zero, as Go\'s math.Round', () => {
    expect([roundHalfAway(2.5), roundHalfAway(-2.5), roundHalfAway(2.4)]).toEqual([3, -3, 2]);
  });
});
