// The provisioning property holds with no bug, and the counterexample it finds
// with provisioner-leaks-on-claim-delete replays. That it catches the bug within
// its budget is the catalogue test's.
import { describe, it, expect } from 'vitest';
import { provisioningProperty } from './provisioning.property.js';
import { testSeed } from '../../test-seed.js';
import { runScenario } from '../../../runtime/scenario/run.js';
import { describeStep } from '../../../runtime/scenario/describe.js';
import { harnessOf } from '../../registry.js';
import { builtinControllers } from '../index.js';

const SEED = testSeed();

describe(`provisioning (KUBEMODEL_SEED=${SEED})`, () => {
  it('no provisioned volume outlives its claim: holds with no bug', () => {
    const r = provisioningProperty.run({ controllers: builtinControllers, seed: SEED, runs: 200, bugs: [] });
    expect(r.failure?.message).toBeUndefined();
    expect(r.ok).toBe(true);
  });

  it('catches provisioner-leaks-on-claim-delete with a counterexample that replays', () => {
    const r = provisioningProperty.run({ controllers: builtinControllers, seed: SEED, runs: 200, bugs: ['provisioner-leaks-on-claim-delete'] });
    expect(r.ok).toBe(false);
    expect(r.failure!.invariant).toBe('no-leaked-volumes');
    const ce = r.failure!.counterexample;
    const replay = runScenario(ce, { controllers: builtinControllers, invariants: harnessOf(builtinControllers).checkers(ce.invariants), maxEvents: 1_000_000 });
    expect(replay.violations[0]?.invariant).toBe('no-leaked-volumes');
    expect(replay.executed.map(describeStep)).toEqual(ce.steps.map(describeStep));
  });
});
