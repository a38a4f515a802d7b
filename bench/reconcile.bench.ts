// ReplicaSet reconcile benchmarks: the work of one sync over the cached pods,
// without the API calls — filter active pods, claim them (selector match and
// ControllerRef check for every pod in the namespace), the manageReplicas
// plan, and the status — at 10 / 100 / 1,000 / 10,000 owned pods, in the
// steady state (nothing to do) and on a 10% scale-down (the deletion ranking
// sorts every pod); and the claim path when every pod is a matching orphan.
// The cost should grow linearly (n log n for the ranking sort), never n².
// Run standalone after a build: `node dist/bench/reconcile.bench.js [--quick]`.
import { pathToFileURL } from 'node:url';
import { Bench, type Task } from 'tinybench';
import type { KubeObject } from '../model/api/types.js';
import { claim, ownerOf } from '../model/controllers/claim.js';
import { isPodActive } from '../model/controllers/podutil.js';
import { calculateStatus, manageReplicas, ownerSelector } from '../model/controllers/replicaset/manage.js';
import { EPOCH_MS } from '../runtime/clock.js';
import type { Figure, Suite } from './types.js';

export interface BenchResult { name: string; unit: string; value: number; samples: number; rme: number }

export const RECONCILE_SIZES = [10, 100, 1_000, 10_000] as const;
const NODES = 100;
const iso = (ms: number) => new Date(EPOCH_MS + ms).toISOString().replace('.000Z', 'Z');
const parse = (s: string) => Date.parse(s) - EPOCH_MS;

export function benchReplicaSet(replicas: number): KubeObject {
  return {
    apiVersion: 'apps/v1', kind: 'ReplicaSet', metadata: { name: 'web', namespace: 'default', uid: 'rs-web', generation: 1 },
    spec: { replicas, selector: { matchLabels: { app: 'web' } }, template: { metadata: { labels: { app: 'web', tier: 'fe' } } } },
    status: { replicas, observedGeneration: 1 },
  };
}

/** `n` running, ready pods spread over 100 nodes, created and ready at different times; owned unless `orphans`. */
export function benchPods(n: number, orphans = false): KubeObject[] {
  const out: KubeObject[] = [];
  for (let i = 0; i < n; i++) {
    const name = `web-${i.toString(36).padStart(5, '0')}`;
    const metadata: KubeObject['metadata'] = {
      name, namespace: 'default', uid: `uid-${i}`, labels: { app: 'web', tier: 'fe' }, creationTimestamp: iso((i % 3600) * 1000),
    };
    if (!orphans) metadata.ownerReferences = [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'web', uid: 'rs-web', controller: true, blockOwnerDeletion: true }];
    out.push({
      apiVersion: 'v1', kind: 'Pod', metadata,
      spec: { nodeName: `node-${i % NODES}`, containers: [{ name: 'app', image: 'nginx' }] },
      status: {
        phase: 'Running',
        conditions: [{ type: 'Ready', status: 'True', lastTransitionTime: iso((i % 3600) * 1000 + 5000) }],
        containerStatuses: [{ name: 'app', restartCount: i % 3 }],
      },
    });
  }
  return out;
}

/** One sync's in-memory work, as runtime/controllers/replicaset.ts does it between its API calls. */
export function reconcileOnce(rs: KubeObject, pods: readonly KubeObject[], nowMs: number): { create: number; delete: number; replicas: number } {
  const selector = ownerSelector(rs);
  const active = pods.filter(isPodActive);
  const claimed = claim(ownerOf(rs), (p) => selector.matches(p.metadata.labels), active).claimed;
  const plan = manageReplicas({ replicas: rs.spec.replicas, active: claimed, nowMs, parse });
  const status = calculateStatus({ owner: rs, pods: claimed, terminating: 0, nowMs, iso, parse });
  return { create: plan.create, delete: plan.delete.length, replicas: status.replicas };
}

let sink = 0;

export async function runReconcileBench(opts: { quick: boolean }): Promise<BenchResult[]> {
  const bench = new Bench({ time: opts.quick ? 100 : 1_000, warmupTime: opts.quick ? 20 : 200, iterations: opts.quick ? 5 : 20, throws: true });
  const now = 7_200_000;
  for (const n of RECONCILE_SIZES) {
    const pods = benchPods(n);
    const steady = benchReplicaSet(n), down = benchReplicaSet(Math.floor(n * 0.9));
    const orphans = benchPods(n, true);
    if (reconcileOnce(steady, pods, now).delete !== 0 || reconcileOnce(down, pods, now).delete !== Math.min(n - Math.floor(n * 0.9), 500)) {
      throw new Error(`reconcile fixtures at n=${n} do not plan as intended`);
    }
    bench.add(`sync ${n} pods: steady`, () => { sink += reconcileOnce(steady, pods, now).replicas; });
    bench.add(`sync ${n} pods: scale down 10%`, () => { sink += reconcileOnce(down, pods, now).delete; });
    bench.add(`claim ${n} orphans`, () => { sink += reconcileOnce(steady, orphans, now).replicas; });
  }
  await bench.run();
  return bench.tasks.map((t: Task) => {
    const r = t.result;
    if (!r || r.error) throw r?.error ?? new Error(`benchmark ${t.name} produced no result`);
    return { name: t.name, unit: 'µs/op', value: r.latency.mean * 1e3, samples: r.latency.samples.length, rme: r.latency.rme };
  });
}

/** The results as report figures: three series over the pod count. */
export function reconcileFigures(raw: readonly BenchResult[]): Figure[] {
  return raw.map((r): Figure => {
    const m = /^(sync|claim) (\d+) (?:pods|orphans)(?:: (.*))?$/.exec(r.name)!;
    const series = m[1] === 'claim' ? 'claim, all orphans' : `sync, ${m[3]}`;
    return { ...r, better: 'smaller', series, size: Number(m[2]), sizeUnit: 'pods' };
  });
}

/** For bench/suites.ts: `kubemodel bench` runs it with the others. */
export const reconcileSuite: Suite = {
  id: 'reconcile',
  title: 'ReplicaSet reconcile',
  async run({ quick, progress }) {
    progress.step('one sync at 10 … 10,000 pods', 0, 1);
    return {
      figures: reconcileFigures(await runReconcileBench({ quick })),
      notes: [
        'One ReplicaSet sync without its API calls: filter active pods, claim (selector and ControllerRef for every pod), plan, status.',
        '"steady": replicas = pods, nothing to do; "scale down 10%": the deletion ranking sorts every pod (n log n), at most 500 deleted; "claim": every pod a matching orphan.',
      ],
    };
  },
};

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const results = await runReconcileBench({ quick: process.argv.includes('--quick') });
  console.table(results.map((r) => ({ ...r, value: Number(r.value.toPrecision(4)), rme: `±${r.rme.toFixed(1)}%` })));
  if (sink === -1) console.log(sink);
}
