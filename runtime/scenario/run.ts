// The scenario driver: the one way a scenario runs, for `kubemodel run`, the
// properties and the suites alike. A fresh cluster; the steps in order, each
// followed by a settle; virtual time advancing only in wait, wait-for and
// drain; invariants checked after every event, the run stopping at the first
// violation (what follows would be built on a broken state). The result
// keeps the timeline (each step with the events it caused), the checks, the
// violations, the steps that ran and the final cluster.
//
// Where the properties need it to differ, it is an option:
// - `skipInapplicable`: a step that does not apply where it stands — deleting
//   a pod that is already gone, failing a pod no node runs — is skipped
//   instead of failing the run. Generators cannot know what the cluster did
//   with a pod; the driver can. Only steps that ran make up `executed`, the
//   scenario a counterexample file holds, so `kubemodel run` replays exactly
//   what ran.
// - `catchErrors`: an exception out of the cluster (a component's API call
//   failing, a step refused) ends the run as `error` instead of being thrown.
// A step may also be chosen as it runs (`Step.resolve`, for generators that
// pick "the third pod that exists then"); the concrete steps it yields are
// what runs and what `executed` records.
import type { KubeObject } from '../../model/api/types.js';
import { ApiError } from '../../model/api/errors.js';
import { Cluster, ClusterError } from '../cluster.js';
import { BudgetExceeded, Interrupted } from '../clock.js';
import type { WatchEventType } from '../watch.js';
import type { ControllerDefinition } from '../controllers/definition.js';
import { ScenarioError, type Position, type Scenario, type Step } from './types.js';
import { describeStep } from './describe.js';
import { verbOf } from './verbs/index.js';
import { UPSTREAM_CONTROLLED } from '../../model/api/kinds.js';
import type { RequestResult } from '../controllers/kubeproxy/proxy.js';
import type { EvictionResult, LookupResult } from './verbs/types.js';

export interface TimelineEntry { index: number; timeMs: number; text: string; events: KubeObject[]; error?: string }
export interface CheckResult { ok: boolean; text: string; message: string; pos: Position; timeMs: number }

/** An invariant the driver checks after every event (the property library supplies them). */
export interface RunInvariant {
  name: string;
  /** After every event: a message when the invariant is broken. */
  check(cluster: Cluster): string | undefined;
  /** After the last step, for what can only be judged at the end (liveness). */
  final?(cluster: Cluster): string | undefined;
}
/** `step` indexes the steps that ran (`executed`). */
export interface Violation { invariant: string; message: string; timeMs: number; step: number }

export interface RunOptions {
  /** The controllers the cluster runs. */
  controllers: readonly ControllerDefinition[];
  seed?: number;
  bugs?: readonly string[];
  /** Called with the new cluster before the first step (a printer may want its kinds, a test its clock). */
  onCluster?: (cluster: Cluster) => void;
  /** Every change of the store, in order, with the virtual time it happened at. */
  onWatch?: (type: WatchEventType, obj: KubeObject, timeMs: number) => void;
  invariants?: readonly RunInvariant[];
  maxEvents?: number;
  /** Skip steps that do not apply where the cluster stands (default: run them, and let them fail). */
  skipInapplicable?: boolean;
  /** End the run on an exception from the cluster with `error` set, instead of throwing (default false). */
  catchErrors?: boolean;
  /** Objects besides Events the store may hold (the scenario's `cluster.limits.objects` wins). */
  maxObjects?: number;
  /** Asked every few hundred events: true ends the run, `interrupted` set (the caller's wall-time budget). */
  interrupt?: () => boolean;
}

export interface RunResult {
  scenario: Scenario;
  cluster: Cluster;
  timeline: TimelineEntry[];
  checks: CheckResult[];
  /** What each request step's connections got (`run -o json`'s `requests`). */
  requests: RequestResult[];
  /** What each resolve step's lookup got (`run -o json`'s `lookups`). */
  lookups: LookupResult[];
  /** What each evict step got (`run -o json`'s `evictions`). */
  evictions: EvictionResult[];
  violations: Violation[];
  /** Set when the run stopped early (a wait-for timed out, a drain did not finish, the event budget ran out). */
  failure?: { message: string; pos: Position };
  /** With `catchErrors`: the exception the run ended with. */
  error?: Error;
  /** The steps that ran, in order: up to and including the one during which the run stopped. */
  executed: Step[];
  /** Steps left out because they did not apply (`skipInapplicable`). */
  skipped: number;
  /** Clock tasks run: the events the invariants were checked after. */
  events: number;
  /** The caller's interrupt stopped the run: it proves nothing either way. */
  interrupted?: boolean;
  /**
   * Kinds the scenario applied that a real control plane acts on but no
   * controller of this run reconciles (not modelled yet): one line each.
   */
  warnings: string[];
  ok: boolean;
}

/** Thrown from the after-event hook to end a run at its first invariant violation. */
class InvariantStop extends Error {}

export function runScenario(scenario: Scenario, opts: RunOptions): RunResult {
  const cluster = new Cluster({
    seed: opts.seed ?? scenario.seed, nodes: scenario.nodes, config: scenario.config, images: scenario.images, featureGates: scenario.featureGates,
    bugs: [...scenario.bugs, ...(opts.bugs ?? [])], controllers: opts.controllers, interrupt: opts.interrupt,
    maxEvents: scenario.limits?.events ?? opts.maxEvents, maxObjects: scenario.limits?.objects ?? opts.maxObjects,
  });
  const result: RunResult = { scenario, cluster, timeline: [], checks: [], requests: [], lookups: [], evictions: [], violations: [], executed: [], skipped: 0, events: 0, warnings: [], ok: true };
  let current: TimelineEntry | undefined;
  opts.onCluster?.(cluster);
  if (opts.onWatch) for (const o of cluster.objects()) opts.onWatch('ADDED', o, cluster.clock.now());
  cluster.store.onChange((type, obj) => {
    opts.onWatch?.(type, obj, cluster.clock.now());
    if (obj.kind === 'Event' && type !== 'DELETED' && current) current.events.push(obj);
  });
  const invariants = opts.invariants ?? [];
  const violate = (name: string, message: string) => {
    result.violations.push({ invariant: name, message, timeMs: cluster.clock.now(), step: result.executed.length - 1 });
    throw new InvariantStop();
  };
  const checkInvariants = () => {
    for (const inv of invariants) { const m = inv.check(cluster); if (m) violate(inv.name, m); }
  };
  const startTasks = cluster.clock.tasksRun;
  if (invariants.length > 0) cluster.clock.afterTask = checkInvariants;

  const runOne = (step: Step): boolean => {
    const verb = verbOf(step.verb);
    if (!verb) throw new ScenarioError(step.pos, `unknown verb ${step.verb}`);
    if (opts.skipInapplicable && verb.applicable && !verb.applicable(cluster, step)) { result.skipped++; return true; }
    result.executed.push(step);
    current = { index: result.executed.length - 1, timeMs: cluster.clock.now(), text: describeStep(step), events: [] };
    result.timeline.push(current);
    let stop: string | undefined;
    try {
      stop = verb.execute(cluster, step, result);
      cluster.settle();
    } catch (e) {
      if (e instanceof BudgetExceeded) stop = e.message;
      else if (e instanceof ApiError || e instanceof ClusterError) throw new ScenarioError(step.pos, e.message);
      else throw e;
    }
    if (stop === undefined) return true;
    current.error = stop;
    result.failure = { message: stop, pos: step.pos };
    return false;
  };

  try {
    run: for (const step of scenario.steps) {
      for (const s of step.resolve ? step.resolve(cluster) : [step]) if (!runOne(s)) break run;
    }
    if (invariants.length > 0) checkInvariants();
    // Liveness is judged only of a run that got to its end.
    if (!result.failure) for (const inv of invariants) { const m = inv.final?.(cluster); if (m) violate(inv.name, m); }
  } catch (e) {
    if (e instanceof Interrupted) result.interrupted = true;
    else if (!(e instanceof InvariantStop)) {
      if (!opts.catchErrors) throw e;
      result.error = e instanceof Error ? e : new Error(String(e));
    }
  } finally {
    cluster.clock.afterTask = undefined;
    result.events = cluster.clock.tasksRun - startTasks;
  }
  if (result.failure || result.error || result.interrupted || result.checks.some((c) => !c.ok) || result.violations.length > 0) result.ok = false;
  result.warnings = unmodelledKinds(result.executed, opts.controllers, cluster);
  return result;
}

/** One warning per kind applied that upstream acts on and no controller here reconciles. */
function unmodelledKinds(steps: readonly Step[], controllers: readonly ControllerDefinition[], cluster: Cluster): string[] {
  const reconciled = new Set(controllers.flatMap((c) => c.reconciles ?? []));
  const kinds = new Set<string>();
  for (const s of steps) for (const o of s.objects ?? []) if (UPSTREAM_CONTROLLED.has(o.object.kind) && !reconciled.has(o.object.kind)) kinds.add(o.object.kind);
  return [...kinds].sort().map((k) => {
    const info = cluster.store.registry.byName(k)!;
    const resource = info.group ? `${info.resource}.${info.group}` : info.resource;
    return `${resource}: no controller in this model acts on ${k} objects yet: they are stored and validated, but nothing they ask for happens`;
  });
}
