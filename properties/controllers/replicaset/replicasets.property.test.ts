// The ReplicaSet / ReplicationController property (replicasets.property.ts)
// holds with no bug, and its shrunk counterexample replays. That it catches
// each of the module's bugs within its budget is the catalogue test's.
import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { drawArb, findingText, runDraw, replicaSetProperty } from './replicasets.property.js';
import { testSeed } from '../../test-seed.js';
import { runScenario } from '../../../runtime/scenario/run.js';
import { describeStep } from '../../../runtime/scenario/describe.js';
import { harnessOf } from '../../registry.js';
import { builtinControllers } from '../index.js';

// One seed, printed in the suite's title, mandatory in CI (properties/test-seed.ts).
const SEED = testSeed();

function property(bugs: string[]) {
  return fc.property(drawArb, (d) => {
    const r = runDraw(d, builtinControllers, bugs);
    if (r.finding) throw new Error(findingText(r));
  });
}

describe(`ReplicaSet / ReplicationController properties (KUBEMODEL_SEED=${SEED})`, () => {
  it('no double controller, no over-creation, convergence, no churn: holds with no bug', () => {
    fc.assert(property([]), { seed: SEED, numRuns: 300 });
  });

  it('as a Property for `kubemodel check`: a shrunk counterexample whose steps replay', () => {
    const r = replicaSetProperty.run({ controllers: builtinControllers, seed: SEED, runs: 100, bugs: ['rs-adopts-owned-pods'] });
    expect(r.ok).toBe(false);
    expect(r.failure!.invariant).toBe('no-double-controller');
    const ce = r.failure!.counterexample;
    expect(ce.steps[0]!.verb).toBe('apply');
    // Replayed by the driver as `kubemodel run` replays the file, it fails the same way. The run is
    // stopped at the violation: a fight between two controllers never lets virtual time move on.
    const replay = runScenario(ce, { controllers: builtinControllers, invariants: harnessOf(builtinControllers).checkers(ce.invariants), maxEvents: 1_000_000 });
    expect(replay.violations[0]?.invariant).toBe('no-double-controller');
    expect(replay.executed.map(describeStep)).toEqual(ce.steps.map(describeStep));
  });
});
