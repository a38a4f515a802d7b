// The claims-bind property holds with no bug, and the counterexample it finds
// with pv-binder-ignores-conflicts replays. That it catches the bug within
// its budget is the catalogue test's.
import { describe, it, expect } from 'vitest';
import { claimsBindProperty } from './claims-bind.property.js';
import { testSeed } from '../../test-seed.js';
import { runScenario } from '../../../runtime/scenario/run.js';
import { describeStep } from '../../../runtime/scenario/describe.js';
import { harnessOf } from '../../registry.js';
import { builtinControllers } from '../index.js';

const SEED = testSeed();

describe(`claims-bind (KUBEMODEL_SEED=${SEED})`, () => {
  it('a Bound claim keeps its volume and data: holds with no bug', () => {
    const r = claimsBindProperty.run({ controllers: builtinControllers, seed: SEED, runs: 200, bugs: [] });
    expect(r.failure?.message).toBeUndefined();
    expect(r.ok).toBe(true);
  });

  it('catches pv-binder-ignores-conflicts with a counterexample that replays', () => {
    const r = claimsBindProperty.run({ controllers: builtinControllers, seed: SEED, runs: 200, bugs: ['pv-binder-ignores-conflicts'] });
    expect(r.ok).toBe(false);
    expect(r.failure!.invariant).toBe('pvc-survival');
    const ce = r.failure!.counterexample;
    const replay = runScenario(ce, { controllers: builtinControllers, invariants: harnessOf(builtinControllers).checkers(ce.invariants), maxEvents: 1_000_000 });
    expect(replay.violations[0]?.invariant).toBe('pvc-survival');
    expect(replay.executed.map(describeStep)).toEqual(ce.steps.map(describeStep));
  });
});
