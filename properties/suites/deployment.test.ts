// The Deployment property: passes with no bug switched on, and catches each
// Deployment catalogue bug within a stated budget of runs. The seed comes
// from KUBEMODEL_SEED (1 outside CI; CI must set it), and every failure
// message names the seed and fast-check path that replay it.
import { describe, it, expect } from 'vitest';
import { buildDeploymentScenario, deploymentOutcome, deploymentRolloutsProperty, type RawDeploymentRun } from './deployment.js';
import type { PropertyResult } from './types.js';

const SEED = process.env.KUBEMODEL_SEED ? Number(process.env.KUBEMODEL_SEED) : process.env.CI ? NaN : 1;
/** Runs without a bug; about 80 ms each. */
const RUNS = 100;
/**
 * Runs allowed to find each bug. First failing run measured over seeds 1–20: rounds-unavailable-up
 * median 5, at most 27; rollback-new-rs median 2.5, at most 8. The budgets are about twice and
 * four times the worst.
 */
const BUDGET: Record<string, number> = { 'deploy-rounds-unavailable-up': 60, 'deploy-rollback-new-rs': 30 };

const why = (r: PropertyResult) => r.failure
  ? `${r.failure.invariant}: ${r.failure.message}\n  replay: KUBEMODEL_SEED=${r.failure.seed} (path ${r.failure.path})\n${String((r.failure.counterexample as any)[Symbol.for('fast-check/toString')]?.() ?? '')}`
  : 'no failure';

describe(`deployment-rollouts property (seed ${SEED}, set KUBEMODEL_SEED to change)`, () => {
  it('seed is set', () => {
    if (!Number.isFinite(SEED)) throw new Error('KUBEMODEL_SEED must be set in CI');
  });

  it(`holds over ${RUNS} random rollouts with no bug switched on`, () => {
    const r = deploymentRolloutsProperty.run({ seed: SEED, runs: RUNS });
    expect(r.ok, why(r)).toBe(true);
    expect(r.runs).toBe(RUNS);
  });

  it.each(Object.entries(BUDGET))('catches %s within %i runs', (bug, budget) => {
    const r = deploymentRolloutsProperty.run({ seed: SEED, runs: budget, bugs: [bug] });
    expect(r.ok, `not caught in ${budget} runs`).toBe(false);
    expect(r.failure!.failedRun).toBeLessThanOrEqual(budget);
    const expected = bug === 'deploy-rounds-unavailable-up' ? 'rollout-availability' : 'rollback-reuses-rs';
    expect(r.failure!.invariant, why(r)).toBe(expected);
  });
});

describe('pinned cases', () => {
  const base: RawDeploymentRun = {
    seed: 1, replicas: 10, recreate: false, maxSurge: '25%', maxUnavailable: '25%', minReadySeconds: 0, progressDeadlineSeconds: 600, ops: [],
  };

  // With the round-up bug this exact run no longer shows 7 available once the controllers
  // fold an instant's events into one sync (runtime/clock.ts whenIdle); the random
  // property above still catches the bug within its budget.
  it('10 replicas at 25%: an update rolls within 13 asked / 8 available', () => {
    const s = buildDeploymentScenario({ ...base, ops: [{ op: { k: 'set-image', image: 2 }, waitS: 30 }] });
    expect(deploymentOutcome(s).finding).toBeUndefined();
  });

  it('set-image back to the first image re-uses its ReplicaSet; with the bug a twin is created', () => {
    const ops: RawDeploymentRun['ops'] = [{ op: { k: 'set-image', image: 1 }, waitS: 20 }, { op: { k: 'set-image', image: 0 }, waitS: 20 }];
    const s = buildDeploymentScenario({ ...base, replicas: 2, ops });
    expect(deploymentOutcome(s).finding).toBeUndefined();
    expect(deploymentOutcome({ ...s, bugs: ['deploy-rollback-new-rs'] }).finding?.invariant).toBe('rollback-reuses-rs');
  });

  it('the generator never asks kubectl for what it would refuse (undo or restart while paused, undo with no history, pause twice)', () => {
    const s = buildDeploymentScenario({ ...base, ops: [
      { op: { k: 'undo' }, waitS: 1 }, { op: { k: 'pause' }, waitS: 1 }, { op: { k: 'pause' }, waitS: 1 }, { op: { k: 'set-image', image: 1 }, waitS: 1 },
      { op: { k: 'undo' }, waitS: 1 }, { op: { k: 'restart' }, waitS: 1 }, { op: { k: 'resume' }, waitS: 5 }, { op: { k: 'resume' }, waitS: 1 },
      { op: { k: 'undo' }, waitS: 5 },
    ] });
    expect(s.steps.filter((x) => x.verb === 'rollout-undo')).toHaveLength(1);
    expect(s.steps.filter((x) => x.verb === 'rollout-restart')).toHaveLength(0);
    expect(s.steps.filter((x) => x.verb === 'rollout-pause')).toHaveLength(1);
    expect(deploymentOutcome(s).finding).toBeUndefined();
  });

  it('a broken image is replaced before the closing wait, which then completes', () => {
    const s = buildDeploymentScenario({ ...base, replicas: 3, progressDeadlineSeconds: 60, ops: [{ op: { k: 'set-image', image: 3 }, waitS: 60 }] });
    expect(s.steps.map((x) => x.verb).slice(-3)).toEqual(['set-image', 'wait-for', 'wait']);
    expect(deploymentOutcome(s).finding).toBeUndefined();
  });
});
