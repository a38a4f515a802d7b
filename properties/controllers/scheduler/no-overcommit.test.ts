import { describe, it, expect } from 'vitest';
import { noOvercommitProperty } from './no-overcommit.property.js';
import { testSeed } from '../../test-seed.js';
import { builtinControllers } from '../index.js';

const seed = testSeed();

describe(`no-overcommit (seed ${seed})`, () => {
  it('holds on random node and pod operations', () => {
    const r = noOvercommitProperty.run({ controllers: builtinControllers, seed, runs: 150 });
    expect(r.failure?.message, `seed ${seed} path ${r.failure?.path}`).toBeUndefined();
    expect(r.ok).toBe(true);
    expect(r.runs).toBe(150);
    expect(r.events).toBeGreaterThan(10_000);
  });

  // The stated budget: 300 runs. A lagging scheduler watch plus a burst of pods on
  // small nodes finds it in about 1 run in 25, so 300 runs miss it with odds of about 1 in 10^5.
  it('catches scheduler-ignores-assumed-pods within 300 runs, with a scheduler watch delay in the counterexample', () => {
    const r = noOvercommitProperty.run({ controllers: builtinControllers, seed, runs: 300, bugs: ['scheduler-ignores-assumed-pods'], timeLimitMs: 30_000 });
    expect(r.ok).toBe(false);
    const f = r.failure!;
    expect(f.failedRun).toBeLessThanOrEqual(300);
    expect(f.invariant).toBe('no-overcommit');
    expect(f.message).toMatch(/^node \S+: (pods request|\d+ pods)/);
    expect(f.objects[0]).toMatch(/^node\//);
    expect(f.counterexample.bugs).toEqual(['scheduler-ignores-assumed-pods']);
    expect(f.counterexample.invariants).toEqual(['no-overcommit']);
    const delay = f.counterexample.steps.find((s) => s.verb === 'watch-delay' && s.value === 'kube-scheduler');
    expect(delay?.options.delay).not.toBe('0s');
    expect(f.path).toMatch(/^\d+(:\d+)*$/);
    // The seed and path replay it: the first run is the shrunk case.
    const again = noOvercommitProperty.run({ controllers: builtinControllers, seed, runs: 300, path: f.path, bugs: ['scheduler-ignores-assumed-pods'], timeLimitMs: 30_000 });
    expect(again.failure?.failedRun).toBe(1);
    expect(again.failure?.message).toBe(f.message);
  });
});
