// The endpoints property holds with no bug, and the counterexample it finds
// with endpointslice-ignores-status-updates replays. That it catches the bug within
// its budget is the catalogue test's.
import { describe, it, expect } from 'vitest';
import { endpointsProperty } from './endpoints.property.js';
import { testSeed } from '../../test-seed.js';
import { runScenario } from '../../../runtime/scenario/run.js';
import { describeStep } from '../../../runtime/scenario/describe.js';
import { harnessOf } from '../../registry.js';
import { builtinControllers } from '../index.js';

const SEED = testSeed();

describe(`endpoints (KUBEMODEL_SEED=${SEED})`, () => {
  it('the slices end listing exactly the pods, ready as they are: holds with no bug', () => {
    const r = endpointsProperty.run({ controllers: builtinControllers, seed: SEED, runs: 200, bugs: [] });
    expect(r.failure?.message).toBeUndefined();
    expect(r.ok).toBe(true);
  });

  it('catches endpointslice-ignores-status-updates with a counterexample that replays', () => {
    const r = endpointsProperty.run({ controllers: builtinControllers, seed: SEED, runs: 200, bugs: ['endpointslice-ignores-status-updates'] });
    expect(r.ok).toBe(false);
    expect(r.failure!.invariant).toBe('endpoints-converge');
    const ce = r.failure!.counterexample;
    const replay = runScenario(ce, { controllers: builtinControllers, invariants: harnessOf(builtinControllers).checkers(ce.invariants), maxEvents: 1_000_000 });
    expect(replay.violations[0]?.invariant).toBe('endpoints-converge');
    expect(replay.executed.map(describeStep)).toEqual(ce.steps.map(describeStep));
  });
});
