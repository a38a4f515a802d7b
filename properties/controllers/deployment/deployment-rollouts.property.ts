// Deployment rollouts under random user operations — set-image, scale,
// pause, resume, rollout undo, rollout restart, each followed by a wait —
// on one Deployment of 1–10 replicas with a random maxSurge and
// maxUnavailable (or Recreate). The only fault is a kube-controller-manager
// restart (watch lag is ready but excluded, see DEPLOYMENT_EXCLUDES): the
// bounds are the controller's promise when nothing else acts, and
// rollout-availability stands down under lag and pod or node faults.
// Safety after every event: rollout-availability, rollback-reuses-rs,
// rollout-complete-template (bounded). Liveness at the end: lag healed,
// resumed, on a good image, the rollout completes within 20 minutes
// (the closing `wait-for ... condition: complete`), and stays so.
//
// The generator keeps a small model of what kubectl accepts (a paused
// Deployment cannot be rolled back or restarted, nor paused twice; `undo`
// needs a previous revision, and the controller to have caught up with the
// template changes), so every step is valid where it stands and a
// counterexample replays with `kubemodel run`. Shown to catch
// deploy-rounds-unavailable-up and deploy-rollback-new-rs
// (the bug catalogue test, properties/bugs/catalogue.test.ts).
import fc from 'fast-check';
import type { KubeObject } from '../../../model/api/types.js';
import { intOrPercentValue } from '../../../model/api/admission/workload-common.js';
import type { Invariant } from '../../invariants/types.js';
import { rolloutAvailability } from './rollout-availability.invariant.js';
import { rollbackReusesRS } from './rollback-reuses-rs.invariant.js';
import { rolloutCompleteTemplate } from './rollout-complete-template.invariant.js';
import { runScenario } from '../../../runtime/scenario/run.js';
import type { ControllerModule } from '../module.js';
import { checkersOf } from '../../registry.js';
import { ScenarioError, type Scenario, type Step } from '../../../runtime/scenario/types.js';
import { describeStep } from '../../../runtime/scenario/describe.js';
import { step } from '../../generators/scenario.js';
import { checkScenarios, type Outcome, type Property, type PropertyOptions } from '../../suites/types.js';

export const DEPLOYMENT_INVARIANTS: readonly Invariant[] = [rolloutAvailability, rollbackReusesRS, rolloutCompleteTemplate];

/** Images: two quick ones, one slow to start, one whose readiness never passes (a broken release). */
export const DEPLOYMENT_IMAGES: Scenario['images'] = {
  'web:1': {}, 'web:2': {}, 'web:slow': { startupMs: 20_000 }, 'web:bad': { ready: 'never' },
};
const IMAGES = Object.keys(DEPLOYMENT_IMAGES);
const GOOD = 'web:1';
const BAD = 'web:bad';
/** Restarts per run: each makes a new template, and revisionHistoryLimit (20) must keep every one. */
const MAX_RESTARTS = 2;

export type DeploymentOp =
  | { k: 'set-image'; image: number } | { k: 'scale'; replicas: number } | { k: 'pause' } | { k: 'resume' }
  | { k: 'undo' } | { k: 'restart' } | { k: 'watch-delay'; component: string; delayS: number } | { k: 'kcm-restart' };

export interface RawDeploymentRun {
  seed: number; replicas: number; recreate: boolean; maxSurge: number | string; maxUnavailable: number | string;
  minReadySeconds: number; progressDeadlineSeconds: number; ops: Array<{ op: DeploymentOp; waitS: number }>;
}

/**
 * Operations left out for now, each because of a runtime bug outside the Deployment code that this
 * property found (see the report of this change); empty it once they are fixed.
 * - watch-delay: when a watch's delay is lowered, new events overtake the delayed ones
 *   (runtime/watch.ts Watcher.push), so an informer sees a pod's DELETED before its ADDED and then keeps
 *   the ADDED forever — a ReplicaSet's status counts a pod that is gone and the rollout never completes.
 *   Also, a controller in back-off ignores new events (model/controllers/workqueue.ts), which upstream's
 *   queue does not, so a rollback can find the controller has not made the new ReplicaSet yet.
 */
// Watch lag was excluded while runtime/watch.ts could reorder a stream and restarts dropped the delay; both are fixed.
export const DEPLOYMENT_EXCLUDES: readonly string[] = [];

const intOrPercent = fc.constantFrom<number | string>(0, 1, 2, '10%', '25%', '33%', '50%');
const opArb: fc.Arbitrary<DeploymentOp> = fc.oneof(
  { weight: 5, arbitrary: fc.integer({ min: 0, max: IMAGES.length - 1 }).map((image) => ({ k: 'set-image' as const, image })) },
  { weight: 2, arbitrary: fc.integer({ min: 0, max: 10 }).map((replicas) => ({ k: 'scale' as const, replicas })) },
  { weight: 1, arbitrary: fc.constant({ k: 'pause' as const }) },
  { weight: 2, arbitrary: fc.constant({ k: 'resume' as const }) },
  { weight: 3, arbitrary: fc.constant({ k: 'undo' as const }) },
  { weight: 1, arbitrary: fc.constant({ k: 'restart' as const }) },
  { weight: 1, arbitrary: fc.record({ component: fc.constantFrom('deployment-controller', 'replicaset-controller', 'kube-controller-manager'), delayS: fc.integer({ min: 0, max: 30 }) }).map((x) => ({ k: 'watch-delay' as const, ...x })) },
  { weight: 1, arbitrary: fc.constant({ k: 'kcm-restart' as const }) },
);

export const rawDeploymentRunArb: fc.Arbitrary<RawDeploymentRun> = fc.record({
  seed: fc.integer({ min: 1, max: 2 ** 31 - 1 }),
  replicas: fc.integer({ min: 1, max: 10 }),
  recreate: fc.integer({ min: 0, max: 5 }).map((n) => n === 0),
  maxSurge: intOrPercent,
  maxUnavailable: intOrPercent,
  minReadySeconds: fc.constantFrom(0, 0, 5),
  progressDeadlineSeconds: fc.constantFrom(60, 600),
  ops: fc.array(fc.record({ op: opArb, waitS: fc.integer({ min: 1, max: 60 }) }), { minLength: 1, maxLength: 10 }),
});

function manifest(r: RawDeploymentRun) {
  // Validation forbids both 0; a draw of both 0 becomes maxUnavailable 1.
  const unavailable = intOrPercentValue(r.maxSurge) === 0 && intOrPercentValue(r.maxUnavailable) === 0 ? 1 : r.maxUnavailable;
  return {
    apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web' },
    spec: {
      replicas: r.replicas, minReadySeconds: r.minReadySeconds, progressDeadlineSeconds: r.progressDeadlineSeconds, revisionHistoryLimit: 20,
      strategy: r.recreate ? { type: 'Recreate' } : { type: 'RollingUpdate', rollingUpdate: { maxSurge: r.maxSurge, maxUnavailable: unavailable } },
      selector: { matchLabels: { app: 'web' } },
      template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'web', image: GOOD }] } },
    },
  };
}

/** The scenario a draw stands for; the model keeps each step valid. Pure. */
export function buildDeploymentScenario(r: RawDeploymentRun, bugs: readonly string[] = [], excludes: readonly string[] = DEPLOYMENT_EXCLUDES): Scenario {
  const D = 'deploy/web';
  const steps: Step[] = [step('apply', manifest(r))];
  // The templates in revision order (last = the newest), as "image#restart".
  let current = { image: GOOD, restart: 0 };
  const key = (t: typeof current) => `${t.image}#${t.restart}`;
  const rolled: string[] = [key(current)];
  const templates = new Map([[key(current), current]]);
  let paused = false, restarts = 0;
  const delayed = new Set<string>();
  // The controllers' watch lag, in the scenario's seconds: kubectl reads the store, but a rollback
  // needs the controller to have made the ReplicaSet of every template change first.
  let nowS = 0, lagS = 0, lagEndS = 0;
  const caughtUp = () => lagS === 0 && nowS >= lagEndS + 2;
  const activate = () => {
    if (paused) return;
    const k = key(current);
    templates.set(k, current);
    const i = rolled.indexOf(k);
    if (i === rolled.length - 1) return;
    if (i >= 0) rolled.splice(i, 1);
    rolled.push(k);
  };
  r.ops.forEach(({ op, waitS }, n) => {
    switch (op.k) {
      case 'set-image': current = { ...current, image: IMAGES[op.image]! }; steps.push(step('set-image', D, { image: current.image })); break;
      case 'scale': steps.push(step('scale', D, { replicas: op.replicas })); break;
      case 'pause': if (paused) return; paused = true; steps.push(step('rollout-pause', D)); break;
      case 'resume': if (!paused) return; paused = false; steps.push(step('rollout-resume', D)); break;
      case 'undo':
        if (paused || rolled.length < 2 || !caughtUp()) return;
        current = templates.get(rolled[rolled.length - 2]!)!;
        steps.push(step('rollout-undo', D));
        break;
      case 'restart': if (paused || restarts >= MAX_RESTARTS) return; restarts++; current = { ...current, restart: n + 1 }; steps.push(step('rollout-restart', D)); break;
      case 'watch-delay':
        if (excludes.includes('watch-delay')) return;
        delayed.add(op.component);
        // Any of them may hold the deployment controller back (its own cache, or back-off on a stale status).
        lagEndS = Math.max(lagEndS, nowS + 2 * lagS);
        lagS = op.delayS;
        steps.push(step('watch-delay', op.component, { delay: `${op.delayS}s` }));
        break;
      case 'kcm-restart': steps.push(step('restart', 'kube-controller-manager')); break;
    }
    activate();
    steps.push(step('wait', `${waitS}s`));
    nowS += waitS;
  });
  for (const c of [...delayed].sort()) steps.push(step('watch-delay', c, { delay: '0s' }));
  if (paused) { paused = false; steps.push(step('rollout-resume', D)); }
  if (current.image === BAD) steps.push(step('set-image', D, { image: GOOD }));
  // 20 minutes: after a stretch of lag every write of the controller conflicts, and its key's back-off
  // (5 ms doubling, capped at 1,000 s, as client-go's default rate limiter) can put the next try
  // past 10 minutes; upstream waits as long.
  steps.push(step('wait-for', D, { condition: 'complete', timeout: '20m' }));
  // Past rollout-complete-template's bound, so the completed rollout is checked.
  steps.push(step('wait', '150s'));
  const s: Scenario = {
    file: '<generated>', name: 'deployment-rollouts', seed: r.seed, nodes: [{ name: 'node-1' }, { name: 'node-2' }],
    config: {}, images: DEPLOYMENT_IMAGES, bugs: [...bugs], invariants: DEPLOYMENT_INVARIANTS.map((i) => i.name), steps,
  };
  Object.defineProperty(s, fc.toStringMethod, { value: () => [`seed ${s.seed}`, ...s.steps.map(describeStep)].join('\n'), enumerable: false });
  return s;
}

/**
 * Upstream's own dead end, which the model reproduces and the property does not count against it: a
 * Recreate Deployment with two or more active ReplicaSets whose desired-replicas annotation differs
 * from its replicas. Every sync then takes the scaling path (isScalingEvent), whose scale() changes
 * nothing for Recreate when no single ReplicaSet is active and the new one is not saturated, so the
 * annotation never changes and the rollout never resumes (reachable under controller lag). The same
 * class as kubernetes/kubernetes PR #138036 (open: the RollingUpdate, maxSurge 0 case).
 * Judged from the objects with the harness's own reading of the annotations.
 * upstream: pkg/controller/deployment/sync.go (isScalingEvent, scale), deployment_controller.go (syncDeployment)
 */
export function upstreamStuckRecreate(store: { list(kind: string): KubeObject[] }, d: KubeObject | undefined): boolean {
  if (!d || d.spec?.strategy?.type !== 'Recreate' || d.spec?.paused) return false;
  const owned = store.list('ReplicaSet').filter((rs) => (rs.metadata.ownerReferences ?? []).some((r: any) => r.controller && r.uid === d.metadata.uid));
  const active = owned.filter((rs) => (rs.spec?.replicas ?? 0) > 0);
  const replicas = d.spec?.replicas ?? 1;
  const stale = active.some((rs) => {
    const desired = rs.metadata.annotations?.['deployment.kubernetes.io/desired-replicas'];
    return desired !== undefined && Number(desired) !== replicas;
  });
  return active.length >= 2 && stale;
}

/** Run one scenario: an invariant violated, the closing wait-for timing out, or a step refused is a finding. */
export function deploymentOutcome(s: Scenario, controllers: readonly ControllerModule[], interrupt?: () => boolean): Outcome {
  const fail = (invariant: string, message: string, timeMs: number, stepIndex: number, events: number): Outcome =>
    ({ events, finding: { invariant, message, timeMs, step: stepIndex, objects: [], counterexample: s } });
  try {
    const r = runScenario(s, { controllers, invariants: checkersOf(DEPLOYMENT_INVARIANTS), interrupt });
    if (r.interrupted) return { events: r.events, interrupted: true };
    const v = r.violations[0];
    if (v) return fail(v.invariant, v.message, v.timeMs, v.step, r.events);
    if (r.failure) {
      if (upstreamStuckRecreate(r.cluster.store, r.cluster.store.get('Deployment', 'default', 'web'))) return { events: r.events };
      return fail('rollout-completes', r.failure.message, r.cluster.clock.now(), s.steps.length - 1, r.events);
    }
    return { events: r.events };
  } catch (e) {
    if (e instanceof ScenarioError) return fail('runtime-error', `a step was refused: ${e.message}`, 0, -1, 0);
    throw e;
  }
}

export const deploymentRolloutsProperty: Property = {
  name: 'deployment-rollouts',
  description: 'random set-image/scale/pause/resume/undo/restart on a Deployment keep its rollout bounds, re-use ReplicaSets on rollback, and complete',
  invariant: DEPLOYMENT_INVARIANTS.map((i) => i.name).join(', '),
  defaultRuns: 100,
  run(opts: PropertyOptions) {
    const arb = rawDeploymentRunArb.map((r) => buildDeploymentScenario(r, opts.bugs));
    return checkScenarios(this.name, arb, (s) => deploymentOutcome(s, opts.controllers, opts.interrupt), opts);
  },
};
