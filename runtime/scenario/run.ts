// Running a loaded scenario on a fresh cluster: steps in order, virtual time
// advancing only in wait, wait-for and drain. The result keeps the timeline
// (each step with the events it caused), the checks and the final cluster.
import type { KubeObject } from '../../model/api/types.js';
import { ApiError } from '../../model/api/errors.js';
import { Cluster, ClusterError } from '../cluster.js';
import { parseDuration, BudgetExceeded } from '../clock.js';
import type { PropagationPolicy } from '../store.js';
import { ScenarioError, type Check, type Position, type Scenario, type Step } from './types.js';
import { describeStep } from './describe.js';
import { parseGet, parseTarget, type GetQuery } from './target.js';
import { getPath, valueEquals } from './jsonpath.js';
import { parseCondition } from './conditions.js';
import { nodeSpec } from './load.js';
import type { WatchEventType } from '../watch.js';
import { applyStep } from './apply.js';
import { drainNode } from './drain.js';
import { rolloutUndo } from './rollout.js';

export interface TimelineEntry { index: number; timeMs: number; text: string; events: KubeObject[]; error?: string }
export interface CheckResult { ok: boolean; text: string; message: string; pos: Position; timeMs: number }

/** An invariant the runner checks after every event (the property library supplies them). */
export interface RunInvariant { name: string; check(cluster: Cluster): string | undefined }
export interface Violation { invariant: string; message: string; timeMs: number; step: number }

export interface RunOptions {
  seed?: number;
  bugs?: string[];
  onWatch?: (type: WatchEventType, obj: KubeObject) => void;
  invariants?: RunInvariant[];
  maxEvents?: number;
}

export interface RunResult {
  scenario: Scenario;
  cluster: Cluster;
  timeline: TimelineEntry[];
  checks: CheckResult[];
  violations: Violation[];
  /** Set when the run stopped early (a wait-for timed out, a drain did not finish). */
  failure?: { message: string; pos: Position };
  ok: boolean;
}

export const DEFAULT_WAIT_TIMEOUT_MS = 10 * 60_000;

/** Thrown from the after-event hook to end a run at its first invariant violation. */
class InvariantStop extends Error {}

export function runScenario(scenario: Scenario, opts: RunOptions = {}): RunResult {
  const cluster = new Cluster({
    seed: opts.seed ?? scenario.seed, nodes: scenario.nodes, config: scenario.config, images: scenario.images,
    bugs: [...scenario.bugs, ...(opts.bugs ?? [])], maxEvents: opts.maxEvents,
  });
  const result: RunResult = { scenario, cluster, timeline: [], checks: [], violations: [], ok: true };
  let current: TimelineEntry | undefined;
  if (opts.onWatch) for (const o of cluster.objects()) opts.onWatch('ADDED', o);
  cluster.store.onChange((type, obj) => {
    opts.onWatch?.(type, obj);
    if (obj.kind === 'Event' && type !== 'DELETED' && current) current.events.push(obj);
  });
  const invariants = opts.invariants ?? [];
  let stepIndex = -1;
  const violated = new Set<string>();
  const checkInvariants = () => {
    for (const inv of invariants) {
      if (violated.has(inv.name)) continue;
      const msg = inv.check(cluster);
      if (msg) {
        violated.add(inv.name);
        result.violations.push({ invariant: inv.name, message: msg, timeMs: cluster.clock.now(), step: stepIndex });
        // The run stops at the first violation: what follows would be built on a broken state.
        throw new InvariantStop();
      }
    }
  };
  if (invariants.length > 0) cluster.clock.afterTask = checkInvariants;

  for (const step of scenario.steps) {
    stepIndex++;
    current = { index: stepIndex, timeMs: cluster.clock.now(), text: describeStep(step), events: [] };
    result.timeline.push(current);
    try {
      const stop = execute(cluster, step, result);
      cluster.settle();
      if (stop) { current.error = stop; result.failure = { message: stop, pos: step.pos }; result.ok = false; break; }
    } catch (e) {
      if (e instanceof InvariantStop) { result.ok = false; break; }
      if (e instanceof BudgetExceeded) { current.error = e.message; result.failure = { message: e.message, pos: step.pos }; result.ok = false; break; }
      if (e instanceof ApiError || e instanceof ClusterError) throw new ScenarioError(step.pos, e.message);
      if (e instanceof ScenarioError) throw e;
      throw e;
    }
  }
  if (invariants.length > 0 && result.violations.length === 0) { try { checkInvariants(); } catch (e) { if (!(e instanceof InvariantStop)) throw e; } }
  cluster.clock.afterTask = undefined;
  if (result.checks.some((c) => !c.ok) || result.violations.length > 0) result.ok = false;
  return result;
}

const ns = (step: Step) => (step.options.namespace as string | undefined) ?? 'default';

/** Run one step; returns a failure message when the run must stop. */
export function executeStep(cluster: Cluster, step: Step, checks: CheckResult[] = []): string | undefined {
  return execute(cluster, step, { checks } as RunResult);
}

function execute(cluster: Cluster, step: Step, result: RunResult): string | undefined {
  const { store } = cluster;
  const v = step.value;
  switch (step.verb) {
    case 'apply': case 'create':
      applyStep(cluster, step);
      return;
    case 'delete': {
      const t = parseTarget(v);
      const cascade = (step.options.cascade as string | undefined) ?? 'background';
      const policy: PropagationPolicy = cascade === 'foreground' ? 'Foreground' : cascade === 'orphan' ? 'Orphan' : 'Background';
      store.delete(t.kind.kind, t.kind.namespaced ? ns(step) : undefined, t.name, { propagationPolicy: policy, gracePeriodSeconds: step.options.grace as number | undefined });
      return;
    }
    case 'scale': {
      const t = parseTarget(v);
      const obj = store.mustGet(t.kind.kind, ns(step), t.name);
      if (!obj.spec || !['Deployment', 'ReplicaSet', 'ReplicationController', 'StatefulSet'].includes(obj.kind)) {
        throw new ApiError('NotFound', 'the server could not find the requested resource');
      }
      store.patch(t.kind.kind, ns(step), t.name, { spec: { replicas: step.options.replicas } });
      return;
    }
    case 'patch': {
      const t = parseTarget(v);
      store.patch(t.kind.kind, t.kind.namespaced ? ns(step) : undefined, t.name, step.options.merge,
        step.options.subresource === 'status' ? { subresource: 'status' } : {});
      return;
    }
    case 'set-image': setImage(cluster, step); return;
    case 'label': label(cluster, step); return;
    case 'rollout-pause': case 'rollout-resume': {
      const t = parseTarget(v);
      if (t.kind.kind !== 'Deployment') throw new ApiError('BadRequest', `${t.kind.resource} "${t.name}" ${step.verb === 'rollout-pause' ? 'pausing' : 'resuming'} is not supported`);
      // upstream: kubectl polymorphichelpers defaultObjectPauser / defaultObjectResumer refuse a no-op
      const pausing = step.verb === 'rollout-pause';
      const paused = store.mustGet('Deployment', ns(step), t.name).spec?.paused === true;
      if (pausing === paused) throw new ApiError('BadRequest', `deployments.apps "${t.name}" ${paused ? 'is already paused' : 'is not paused'}`);
      store.patch('Deployment', ns(step), t.name, { spec: { paused: pausing ? true : null } });
      return;
    }
    case 'rollout-undo': {
      const t = parseTarget(v);
      // upstream: kubectl's RollbackerFor words for a kind with no rollbacker
      if (t.kind.kind !== 'Deployment') throw new ApiError('BadRequest', `no rollbacker has been implemented for "${t.kind.kind}"`);
      rolloutUndo(store, ns(step), t.name, (step.options.toRevision as number | undefined) ?? 0);
      return;
    }
    case 'rollout-restart': {
      const t = parseTarget(v);
      if (!['Deployment', 'StatefulSet', 'DaemonSet'].includes(t.kind.kind)) throw new ApiError('BadRequest', `${t.kind.resource} "${t.name}" restarting is not supported`);
      // upstream: kubectl polymorphichelpers defaultObjectRestarter
      if (t.kind.kind === 'Deployment' && store.mustGet('Deployment', ns(step), t.name).spec?.paused === true) {
        throw new ApiError('BadRequest', `deployments.apps "${t.name}" can't restart paused deployment (run rollout resume first)`);
      }
      store.patch(t.kind.kind, ns(step), t.name, { spec: { template: { metadata: { annotations: { 'kubectl.kubernetes.io/restartedAt': cluster.clock.iso() } } } } });
      return;
    }
    case 'cordon': case 'uncordon': {
      const t = parseTarget(v, 'node');
      store.mustGet('Node', undefined, t.name);
      store.patch('Node', undefined, t.name, { spec: { unschedulable: step.verb === 'cordon' ? true : null } });
      return;
    }
    case 'drain': return drainNode(cluster, parseTarget(v, 'node').name, step);
    case 'node-add': cluster.nodeAdd(nodeSpec(v, '', (_p, m) => { throw new ScenarioError(step.pos, m); })); return;
    case 'node-remove': cluster.nodeRemove(parseTarget(v, 'node').name); return;
    case 'node-crash': cluster.nodeCrash(parseTarget(v, 'node').name); return;
    case 'node-recover': cluster.nodeRecover(parseTarget(v, 'node').name); return;
    case 'node-partition': cluster.nodePartition(parseTarget(v, 'node').name); return;
    case 'node-heal': cluster.nodeHeal(parseTarget(v, 'node').name); return;
    case 'pod-fail':
      cluster.podFail(parseTarget(v, 'pod').name, ns(step), (step.options.exitCode as number | undefined) ?? 1, step.options.container as string | undefined);
      return;
    case 'pod-unready': case 'pod-ready':
      cluster.podReadiness(parseTarget(v, 'pod').name, ns(step), step.verb === 'pod-ready', step.options.container as string | undefined);
      return;
    case 'watch-delay': cluster.watchDelay(String(v), parseDuration(step.options.delay as string)); return;
    case 'restart': cluster.restart(String(v)); return;
    case 'wait': cluster.run(parseDuration(v as string)); return;
    case 'wait-for': {
      const t = parseTarget(v);
      const namespace = t.kind.namespaced ? ns(step) : undefined;
      const cond = parseCondition(step.options.condition as string | undefined);
      const timeout = step.options.timeout !== undefined ? parseDuration(step.options.timeout as string) : DEFAULT_WAIT_TIMEOUT_MS;
      const ok = cluster.runUntil(() => cond(store.get(t.kind.kind, namespace, t.name)), timeout);
      // upstream: kubectl wait's message
      if (!ok) return `timed out waiting for the condition on ${t.kind.resource}/${t.name}`;
      return;
    }
    case 'expect':
      for (const c of step.checks ?? []) result.checks.push(evaluate(cluster, c));
      return;
    default:
      throw new ScenarioError(step.pos, `unknown verb ${step.verb}`);
  }
}

function setImage(cluster: Cluster, step: Step): void {
  const t = parseTarget(step.value);
  const obj = cluster.store.mustGet(t.kind.kind, ns(step), t.name);
  const container = (step.options.container as string | undefined) ?? '*';
  const image = step.options.image as string;
  const podSpec = obj.kind === 'Pod' ? obj.spec : obj.kind === 'CronJob' ? obj.spec?.jobTemplate?.spec?.template?.spec : obj.spec?.template?.spec;
  if (!podSpec) throw new ApiError('BadRequest', `${t.kind.resource}/${t.name} has no pod template`);
  let found = false;
  const containers = (podSpec.containers ?? []).map((c: any) => {
    if (container === '*' || c.name === container) { found = true; return { ...c, image }; }
    return c;
  });
  // upstream: kubectl set image's error for an unknown container
  if (!found) throw new ApiError('BadRequest', `unable to find container named "${container}"`);
  const copy = structuredClone(obj) as any;
  if (obj.kind === 'Pod') copy.spec.containers = containers;
  else if (obj.kind === 'CronJob') copy.spec.jobTemplate.spec.template.spec.containers = containers;
  else copy.spec.template.spec.containers = containers;
  cluster.store.update(copy);
}

function label(cluster: Cluster, step: Step): void {
  const t = parseTarget(step.value, undefined);
  const namespace = t.kind.namespaced ? ns(step) : undefined;
  const obj = cluster.store.mustGet(t.kind.kind, namespace, t.name);
  const labels: Record<string, string | null> = step.options.labels as Record<string, string | null>;
  const current = obj.metadata.labels ?? {};
  for (const [k, val] of Object.entries(labels)) {
    if (val !== null && Object.hasOwn(current, k) && current[k] !== String(val) && step.options.overwrite !== true) {
      // upstream: kubectl label's words
      throw new ApiError('BadRequest', `'${k}' already has a value (${current[k]}), and --overwrite is false`);
    }
  }
  const patch: Record<string, string | null> = {};
  for (const [k, val] of Object.entries(labels)) Object.defineProperty(patch, k, { value: val === null ? null : String(val), enumerable: true });
  cluster.store.patch(t.kind.kind, namespace, t.name, { metadata: { labels: patch } });
}

export function query(cluster: Cluster, q: GetQuery): KubeObject[] {
  const namespace = q.kind.namespaced && !q.allNamespaces ? q.namespace ?? 'default' : undefined;
  if (q.name) {
    const o = cluster.store.get(q.kind.kind, namespace, q.name);
    return o ? [o] : [];
  }
  return cluster.store.list(q.kind.kind, { namespace, labelSelector: q.labelSelector, fieldSelector: q.fieldSelector });
}

function evaluate(cluster: Cluster, c: Check): CheckResult {
  const q = parseGet(c.get);
  const items = query(cluster, q);
  const values = c.path ? items.map((o) => getPath(o, c.path!)) : [];
  const failures: string[] = [];
  const desc = [`get ${c.get}`, c.path ? c.path : ''].filter(Boolean).join(' ');
  if (c.count !== undefined && items.length !== c.count) failures.push(`count is ${items.length}, expected ${c.count}`);
  if (c.atLeast !== undefined && items.length < c.atLeast) failures.push(`count is ${items.length}, expected at least ${c.atLeast}`);
  if (c.atMost !== undefined && items.length > c.atMost) failures.push(`count is ${items.length}, expected at most ${c.atMost}`);
  if (c.exists !== undefined) {
    const exists = c.path ? values.some((x) => x !== undefined) : items.length > 0;
    if (exists !== c.exists) failures.push(c.exists ? 'not found' : 'exists');
  }
  if ('equals' in c) {
    if (items.length === 0) failures.push('not found');
    for (let i = 0; i < items.length; i++) {
      if (!valueEquals(values[i], c.equals)) failures.push(`${items[i]!.metadata.name}: ${c.path} is ${JSON.stringify(values[i] ?? null)}, expected ${JSON.stringify(c.equals)}`);
    }
  }
  const want = ['count', 'atLeast', 'atMost', 'exists', 'equals'].filter((k) => k in c).map((k) => `${k} ${JSON.stringify((c as any)[k])}`).join(', ');
  return { ok: failures.length === 0, text: `${desc}: ${want}`, message: failures.join('; '), pos: c.pos, timeMs: cluster.clock.now() };
}
