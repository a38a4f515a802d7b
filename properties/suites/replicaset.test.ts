// The ReplicaSet / ReplicationController property (properties/suites/replicaset.ts)
// holds with no bug, and finds each catalogue bug of the family within a
// stated budget of runs.
import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { drawArb, findingText, runDraw, replicaSetProperty } from './replicaset.js';
import { testSeed } from '../test-seed.js';
import { noDoubleController } from '../invariants/no-double-controller.js';
import { replicasBounded } from '../invariants/replicas-bounded.js';
import { runScenario, type RunInvariant } from '../../runtime/scenario/run.js';
import type { Cluster } from '../../runtime/cluster.js';

// One seed, printed in the suite's title, mandatory in CI (properties/test-seed.ts).
const SEED = testSeed();

function property(bugs: string[]) {
  return fc.property(drawArb, (d) => {
    const r = runDraw(d, bugs);
    if (r.finding) throw new Error(findingText(r));
  });
}

describe(`ReplicaSet / ReplicationController properties (KUBEMODEL_SEED=${SEED})`, () => {
  it('no double controller, no over-creation, convergence, no churn: holds with no bug', () => {
    fc.assert(property([]), { seed: SEED, numRuns: 300 });
  });

  // The budgets: each bug must be found within this many runs. Measured over seeds 1–30: rs-no-expectations
  // needed 3–115 runs (median about 25), rs-adopts-owned-pods 1–10. 3000 runs with no bug found nothing.
  it.each([
    ['rs-no-expectations', 'replicas-bounded', 300],
    ['rs-adopts-owned-pods', 'no-double-controller', 60],
  ])('finds %s (caught by %s) within %i runs', (bug, invariant, budget) => {
    const r = fc.check(property([bug]), { seed: SEED, numRuns: budget, endOnFailure: true });
    expect(r.failed, `no counterexample for ${bug} in ${budget} runs (seed ${SEED})`).toBe(true);
    expect(String((r.errorInstance as Error)?.message)).toMatch(new RegExp(`^${invariant}: `));
  });

  it('as a Property for `kubemodel check`: a shrunk counterexample whose steps replay', () => {
    const r = replicaSetProperty.run({ seed: SEED, runs: 100, bugs: ['rs-adopts-owned-pods'] });
    expect(r.ok).toBe(false);
    expect(r.failure!.invariant).toBe('no-double-controller');
    const ce = r.failure!.counterexample;
    expect(ce.steps[0]!.verb).toBe('apply');
    // Replayed by the scenario runner (what `kubemodel run` does with the file), it fails the same way. The
    // run is stopped at the violation: a fight between two controllers never lets virtual time move on.
    class Violated extends Error {}
    const checkers = [noDoubleController, replicasBounded].map((inv) => {
      let bound: RunInvariant | undefined;
      return { name: inv.name, check: (c: Cluster) => { const m = (bound ??= inv.create(c)).check(c); if (m) throw new Violated(`${inv.name}: ${m}`); return m; } };
    });
    expect(() => runScenario(ce, { invariants: checkers, maxEvents: 1_000_000 })).toThrow(/^no-double-controller: /);
  });
});
