// Deployment benchmarks: a rolling update of a Deployment end to end on a
// whole simulated cluster (the controller, the ReplicaSet controller, the
// scheduler and the kubelets all working), and the controller's pure
// rolling arithmetic — one full rollout planned step by step with every new
// pod available at once — at growing sizes, so the growth shows.
// Run standalone after a build: `node dist/bench/deployment.bench.js [--quick]`.
import { pathToFileURL } from 'node:url';
import type { KubeObject } from '../model/api/types.js';
import { planNewReplicaSet, planOldReplicaSets, proportionalPlan } from '../model/controllers/deployment/index.js';
import { Cluster } from '../runtime/cluster.js';
import { defaultNodes } from '../runtime/nodes.js';
import { rolloutComplete } from '../runtime/scenario/conditions.js';
import { deployment, setImage } from '../runtime/controllers/deployment/fixtures.js';
import { summarize } from './stats.js';
import { builtinControllers } from '../properties/controllers/index.js';

export interface BenchResult { name: string; unit: string; value: number; samples: number; rme: number }

let sink = 0;

/** Wall time of set-image → rollout complete for `replicas` pods (the initial rollout is not timed). */
export function timeRollingUpdate(replicas: number): { ms: number; virtualMs: number } {
  const nodes = Math.ceil((replicas * 1.25) / 100) + 1;
  const c = new Cluster({ controllers: builtinControllers, nodes: defaultNodes(nodes), maxEvents: 100_000_000, maxObjects: 1_000_000 });
  c.recorder.enabled = false;
  c.store.create(deployment('web', { replicas }));
  const done = () => rolloutComplete(c.store.get('Deployment', 'default', 'web'));
  if (!c.runUntil(done, 3_600_000)) throw new Error(`the initial rollout of ${replicas} did not complete`);
  const t0 = performance.now(), v0 = c.clock.now();
  setImage(c, 'web', 'web:2.0');
  c.settle();
  if (!c.runUntil(done, 3_600_000)) throw new Error(`the rolling update of ${replicas} did not complete`);
  return { ms: performance.now() - t0, virtualMs: c.clock.now() - v0 };
}

function rs(name: string, replicas: number, available: number, createdS: number): KubeObject {
  return {
    apiVersion: 'apps/v1', kind: 'ReplicaSet',
    metadata: { name, uid: name, creationTimestamp: new Date(Date.UTC(2017, 2, 11) + createdS * 1000).toISOString().replace('.000Z', 'Z'), annotations: {} },
    spec: { replicas }, status: { replicas, availableReplicas: available },
  };
}

/** A whole rollout of `replicas` in pure arithmetic: plan, apply, repeat until the old ReplicaSet is at 0. Returns the steps. */
export function planWholeRollout(replicas: number): number {
  const d = benchDeployment(replicas);
  let old = rs('old', replicas, replicas, 0), nu = rs('new', 0, 0, 1);
  let steps = 0;
  while (old.spec.replicas > 0 || nu.spec.replicas < replicas) {
    if (++steps > 1_000_000) throw new Error('the rollout did not converge');
    const up = planNewReplicaSet(d, [old, nu], nu);
    if (up !== undefined) { nu = rs('new', up, up, 1); continue; }
    const plans = planOldReplicaSets(d, [old, nu], [old], nu);
    if (plans.length === 0) throw new Error(`stuck at ${old.spec.replicas}/${nu.spec.replicas}`);
    const last = plans[plans.length - 1]!.replicas;
    old = rs('old', last, last, 0);
  }
  return steps;
}

function benchDeployment(replicas: number): KubeObject {
  return { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web', generation: 1 },
    spec: { replicas, strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: '25%', maxUnavailable: '25%' } } } };
}

/** `k` old ReplicaSets of a long rollover chain (10 replicas each, 2 of them unhealthy) and a new one at 0. */
export function rolloverChain(k: number): { d: KubeObject; olds: KubeObject[]; nu: KubeObject } {
  const olds = Array.from({ length: k }, (_, i) => {
    const r = rs(`rs-${i}`, 10, 8, i);
    r.metadata.annotations = { 'deployment.kubernetes.io/max-replicas': String(Math.ceil(k * 10 * 1.25)) };
    return r;
  });
  return { d: benchDeployment(10 * k), olds, nu: rs('new', 0, 0, k) };
}

/** One rolling sync's arithmetic over the chain: the new ReplicaSet's size, then the old ones'. */
export function rollingStep(c: ReturnType<typeof rolloverChain>): number {
  const all = [...c.olds, c.nu];
  return (planNewReplicaSet(c.d, all, c.nu) ?? 0) + planOldReplicaSets(c.d, all, c.olds, c.nu).length;
}

/** Proportional scaling of the chain to 3× its size. */
export function proportionalStep(c: ReturnType<typeof rolloverChain>): number {
  const d = { ...c.d, spec: { ...c.d.spec, replicas: 30 * c.olds.length } };
  return proportionalPlan(d, c.olds[c.olds.length - 1], c.olds.slice(0, -1)).length;
}

/** Mean time of `fn` per call: calls batched so that a sample lasts at least 5 ms, after a warm-up. */
function measure(name: string, unit: string, samples: number, fn: () => number, scale = 1): BenchResult {
  let reps = 1;
  for (;;) {
    const t = performance.now();
    for (let i = 0; i < reps; i++) sink += fn();
    if (performance.now() - t >= 5 || reps >= 1 << 20) break;
    reps *= 2;
  }
  const times: number[] = [];
  for (let i = 0; i < samples; i++) {
    const t = performance.now();
    for (let r = 0; r < reps; r++) sink += fn();
    times.push(((performance.now() - t) / reps) * scale);
  }
  const s = summarize(times);
  return { name, unit, value: s.mean, samples: s.samples, rme: s.rme };
}

export async function runDeploymentBench(opts: { quick: boolean }): Promise<BenchResult[]> {
  const out: BenchResult[] = [];
  const e2e = opts.quick ? [100, 1_000] : [100, 1_000, 3_000];
  for (const n of e2e) {
    const runs: number[] = [];
    let virtualMs = 0;
    for (let i = 0; i < (opts.quick || n > 1_000 ? 1 : 3); i++) { const r = timeRollingUpdate(n); runs.push(r.ms); virtualMs = r.virtualMs; }
    const s = summarize(runs);
    out.push({ name: `rolling update of ${n} replicas, end to end`, unit: 'ms', value: s.mean, samples: s.samples, rme: s.rme });
    out.push({ name: `rolling update of ${n} replicas: virtual time`, unit: 's', value: virtualMs / 1000, samples: 1, rme: 0 });
  }
  const samples = opts.quick ? 10 : 50;
  // The arithmetic does not grow with replicas: a rollout is ~8 steps of 25% whatever the size.
  for (const n of [100, 10_000, 1_000_000]) {
    out.push(measure(`plan a whole rollout of ${n} replicas (arithmetic)`, 'µs', samples, () => planWholeRollout(n), 1e3));
  }
  // It grows with the ReplicaSets a sync looks at (sorting them): near n log n.
  for (const k of [10, 100, 1_000, 10_000]) {
    const chain = rolloverChain(k);
    out.push(measure(`one rolling step over ${k} old ReplicaSets`, 'µs', samples, () => rollingStep(chain), 1e3));
    out.push(measure(`proportional scaling over ${k} ReplicaSets`, 'µs', samples, () => proportionalStep(chain), 1e3));
  }
  return out;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const results = await runDeploymentBench({ quick: process.argv.includes('--quick') });
  console.table(results.map((r) => ({ ...r, value: Number(r.value.toPrecision(4)), rme: `±${r.rme.toFixed(1)}%` })));
  if (sink === -1) console.log(sink);
}
