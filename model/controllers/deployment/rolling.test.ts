import { describe, it, expect } from 'vitest';
import { InvalidScaleDown, planNewReplicaSet, planOldReplicaSets } from './rolling.js';
import { deploy, rs } from './fixtures.js';

const sizes = (plans: { rs: { metadata: { name?: string } }; replicas: number }[]) => plans.map((p) => `${p.rs.metadata.name}=${p.replicas}`);

describe('reconcileNewReplicaSet', () => {
  it('grows within the surge, shrinks to replicas, or stays', () => {
    const d = deploy({ replicas: 10 });
    const old = rs({ name: 'old', replicas: 8, createdS: 0 });
    expect(planNewReplicaSet(d, [old, rs({ name: 'new', replicas: 3 })], rs({ name: 'new', replicas: 3 }))).toBe(5);
    expect(planNewReplicaSet(d, [rs({ name: 'old', replicas: 10 }), rs({ name: 'new', replicas: 3 })], rs({ name: 'new', replicas: 3 }))).toBeUndefined();
    expect(planNewReplicaSet(d, [rs({ name: 'new', replicas: 12 })], rs({ name: 'new', replicas: 12 }))).toBe(10);
    expect(planNewReplicaSet(d, [rs({ name: 'new', replicas: 10 })], rs({ name: 'new', replicas: 10 }))).toBeUndefined();
  });
});

describe('reconcileOldReplicaSets', () => {
  const d = deploy({ replicas: 10 }); // surge 3, unavailable 2: at least 8 available

  it('first step of 10 → new: the old ReplicaSet may lose 2 (10 available − 8)', () => {
    const old = rs({ name: 'old', replicas: 10 });
    const nu = rs({ name: 'new', replicas: 3, available: 0 });
    expect(sizes(planOldReplicaSets(d, [old, nu], [old], nu))).toEqual(['old=8']);
  });

  it('the new ReplicaSet\'s unavailable pods hold the scale-down back', () => {
    const old = rs({ name: 'old', replicas: 8 });
    const nu = rs({ name: 'new', replicas: 5, available: 0 });
    // maxScaledDown = 13 − 8 − 5 = 0
    expect(planOldReplicaSets(d, [old, nu], [old], nu)).toEqual([]);
  });

  it('as new pods become available, as many old ones go', () => {
    const old = rs({ name: 'old', replicas: 8 });
    const nu = rs({ name: 'new', replicas: 5, available: 3 });
    // available 11 − 8 = 3
    expect(sizes(planOldReplicaSets(d, [old, nu], [old], nu))).toEqual(['old=5']);
  });

  it('unhealthy old replicas go first, oldest ReplicaSet first, capped by maxScaledDown', () => {
    const a = rs({ name: 'a', replicas: 4, available: 2, createdS: 0 });
    const b = rs({ name: 'b', replicas: 4, available: 1, createdS: 10 });
    const nu = rs({ name: 'new', replicas: 5, available: 5, createdS: 20 });
    // all 13, maxScaledDown = 13 − 8 − 0 = 5: a loses 2 unhealthy, b 3 unhealthy.
    // Then available = 2 + 1 + 5 = 8: nothing more.
    expect(sizes(planOldReplicaSets(d, [a, b, nu], [a, b], nu))).toEqual(['a=2', 'b=1']);
  });

  it('after the clean-up, healthy old replicas go while available > minAvailable', () => {
    const a = rs({ name: 'a', replicas: 5, available: 4, createdS: 0 });
    const nu = rs({ name: 'new', replicas: 8, available: 8, createdS: 20 });
    // maxScaledDown = 13 − 8 − 0 = 5: a → 4 (1 unhealthy); available 12 − 8 = 4: a → 0.
    expect(sizes(planOldReplicaSets(d, [a, nu], [a], nu))).toEqual(['a=4', 'a=0']);
  });

  it('an old ReplicaSet reporting more available than it wants makes the sync fail, as upstream', () => {
    const old = rs({ name: 'old', replicas: 8, available: 10 });
    const nu = rs({ name: 'new', replicas: 3, available: 3 });
    expect(() => planOldReplicaSets(d, [old, nu], [old], nu)).toThrow(InvalidScaleDown);
  });

  it('with the round-up bug the first step takes 3, leaving 7 < 8 available', () => {
    const old = rs({ name: 'old', replicas: 10 });
    const nu = rs({ name: 'new', replicas: 3, available: 0 });
    expect(sizes(planOldReplicaSets(d, [old, nu], [old], nu, { roundUnavailableUp: true }))).toEqual(['old=7']);
  });

  it('1 replica, 25%/25%: surge first — the old pod stays until the new one is available', () => {
    const one = deploy({ replicas: 1 });
    const old = rs({ name: 'old', replicas: 1 });
    expect(planOldReplicaSets(one, [old, rs({ name: 'new', replicas: 1, available: 0 })], [old], rs({ name: 'new', replicas: 1, available: 0 }))).toEqual([]);
    expect(sizes(planOldReplicaSets(one, [old, rs({ name: 'new', replicas: 1 })], [old], rs({ name: 'new', replicas: 1 })))).toEqual(['old=0']);
  });
});
