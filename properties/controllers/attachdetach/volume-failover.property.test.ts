// The volume-failover property holds with no bug, and the counterexample it
// finds with attach-ignores-multi-attach replays. That it catches the bug
// within its budget is the catalogue test's.
import { describe, it, expect } from 'vitest';
import { volumeFailoverProperty } from './volume-failover.property.js';
import { testSeed } from '../../test-seed.js';
import { runScenario } from '../../../runtime/scenario/run.js';
import { describeStep } from '../../../runtime/scenario/describe.js';
import { harnessOf } from '../../registry.js';
import { builtinControllers } from '../index.js';

const SEED = testSeed();

describe(`volume-failover (KUBEMODEL_SEED=${SEED})`, () => {
  it('no exclusive volume is ever attached to two nodes: holds with no bug', () => {
    const r = volumeFailoverProperty.run({ controllers: builtinControllers, seed: SEED, runs: 150, bugs: [] });
    expect(r.failure?.message).toBeUndefined();
    expect(r.ok).toBe(true);
  });

  it('catches attach-ignores-multi-attach with a counterexample that replays', () => {
    const r = volumeFailoverProperty.run({ controllers: builtinControllers, seed: SEED, runs: 100, bugs: ['attach-ignores-multi-attach'] });
    expect(r.ok).toBe(false);
    expect(r.failure!.invariant).toBe('rwo-attached-once');
    const ce = r.failure!.counterexample;
    const replay = runScenario(ce, { controllers: builtinControllers, invariants: harnessOf(builtinControllers).checkers(ce.invariants), maxEvents: 1_000_000 });
    expect(replay.violations[0]?.invariant).toBe('rwo-attached-once');
    expect(replay.executed.map(describeStep)).toEqual(ce.steps.map(describeStep));
  });
});
