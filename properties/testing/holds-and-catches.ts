// The two tests every per-controller property has: it holds with no bug,
// and with its catalogue bug it fails on its invariant with a counterexample
// that replays step for step. That it catches the bug within the budget is
// the catalogue test's. Used by each property's test file.
import { describe, it, expect } from 'vitest';
import { testSeed } from '../test-seed.js';
import { runScenario } from '../../runtime/scenario/run.js';
import { describeStep } from '../../runtime/scenario/describe.js';
import { harnessOf } from '../registry.js';
import type { Property } from '../suites/types.js';
import { builtinControllers } from '../controllers/index.js';

export interface HoldsAndCatches {
  /** What holds, for the first test's title. */
  holds: string;
  bug: string;
  /** Runs for each test (default 200). */
  runs?: number;
  bugRuns?: number;
}

export function holdsAndCatches(property: Property, o: HoldsAndCatches): void {
  const seed = testSeed();
  describe(`${property.name} (KUBEMODEL_SEED=${seed})`, () => {
    it(`${o.holds}: holds with no bug`, () => {
      const r = property.run({ controllers: builtinControllers, seed, runs: o.runs ?? 200, bugs: [] });
      expect(r.failure?.message).toBeUndefined();
      expect(r.ok).toBe(true);
    });

    it(`catches ${o.bug} with a counterexample that replays`, () => {
      const r = property.run({ controllers: builtinControllers, seed, runs: o.bugRuns ?? o.runs ?? 200, bugs: [o.bug] });
      expect(r.ok).toBe(false);
      expect(r.failure!.invariant).toBe(property.invariant);
      const ce = r.failure!.counterexample;
      const replay = runScenario(ce, { controllers: builtinControllers, invariants: harnessOf(builtinControllers).checkers(ce.invariants), maxEvents: 1_000_000 });
      expect(replay.violations[0]?.invariant).toBe(property.invariant);
      expect(replay.executed.map(describeStep)).toEqual(ce.steps.map(describeStep));
    });
  });
}
