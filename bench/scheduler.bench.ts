// Scheduler benchmarks: the pure scheduling cycle (filter, score, select) placing a batch of
// pods onto an empty cluster, updating each NodeInfo after every placement as the runtime's
// scheduler cache does; and the cost of one unschedulable pod, which filters every node and
// builds the FailedScheduling message. Pod infos are derived up front, as callers cache them
// per uid; that derivation is measured on its own.
// Run standalone after a build: `node dist/bench/scheduler.bench.js [--quick]`.
import { pathToFileURL } from 'node:url';
import { Bench, type Task } from 'tinybench';
import type { Node, Pod } from '../model/api/types.js';
import {
  addPod, newNodeInfo, newPodInfo, schedulePod, type NodeInfo, type PodInfo, type ScheduleCursor,
} from '../model/controllers/scheduler/index.js';
import { RandomStreams } from '../runtime/random.js';

export interface BenchResult {
  name: string;
  unit: string;
  value: number;
  samples: number;
  rme: number;
}

const ZONES = ['zone-a', 'zone-b', 'zone-c'];

/** Nodes of 32 cpu / 128Gi / 110 pods in three zones; 5% tainted NoSchedule, 5% PreferNoSchedule. */
export function benchNodes(n: number, seed = 1): Node[] {
  const rnd = new RandomStreams(seed).stream('bench/scheduler/nodes');
  return Array.from({ length: n }, (_, i): Node => {
    const roll = rnd.int(20);
    const taints = roll === 0 ? [{ key: 'dedicated', value: 'gpu', effect: 'NoSchedule' }]
      : roll === 1 ? [{ key: 'spot', value: 'true', effect: 'PreferNoSchedule' }] : undefined;
    const name = `node-${i}`;
    return {
      apiVersion: 'v1', kind: 'Node',
      metadata: { name, labels: { 'kubernetes.io/hostname': name, 'topology.kubernetes.io/zone': ZONES[i % 3]! } },
      spec: { taints },
      status: { allocatable: { cpu: '32', memory: '128Gi', pods: '110' } },
    };
  });
}

/**
 * Pods shaped like a mixed workload: requests from 100m/128Mi to 2 cpu/4Gi, 10% best-effort,
 * 20% with a zone nodeSelector, 10% with a preferred zone, 5% tolerating the dedicated taint.
 */
export function benchPods(n: number, seed = 1): Pod[] {
  const rnd = new RandomStreams(seed).stream('bench/scheduler/pods');
  return Array.from({ length: n }, (_, i): Pod => {
    const bestEffort = rnd.int(10) === 0;
    const requests: Record<string, string> = bestEffort ? {} : { cpu: `${100 * (1 + rnd.int(20))}m`, memory: `${128 * (1 + rnd.int(32))}Mi` };
    const zone = ZONES[rnd.int(3)]!;
    const spec: NonNullable<Pod['spec']> = { containers: [{ name: 'app', image: 'app:1', resources: { requests } }] };
    if (rnd.int(5) === 0) spec.nodeSelector = { 'topology.kubernetes.io/zone': zone };
    if (rnd.int(10) === 0) {
      spec.affinity = { nodeAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [
        { weight: 50, preference: { matchExpressions: [{ key: 'topology.kubernetes.io/zone', operator: 'In', values: [zone] }] } },
      ] } };
    }
    if (rnd.int(20) === 0) spec.tolerations = [{ key: 'dedicated', operator: 'Equal', value: 'gpu', effect: 'NoSchedule' }];
    return { apiVersion: 'v1', kind: 'Pod', metadata: { name: `pod-${i}`, namespace: 'default', uid: `uid-${i}` }, spec };
  });
}

/** Schedule every pod in order onto the nodes, counting each placement into its NodeInfo. */
export function placeAll(pods: readonly PodInfo[], infos: NodeInfo[], rand: () => number): number {
  const byName = new Map(infos.map((ni) => [ni.name, ni]));
  const cursor: ScheduleCursor = { nextStartNodeIndex: 0 };
  let unschedulable = 0;
  for (const p of pods) {
    const r = schedulePod(p, infos, rand, { cursor });
    if ('node' in r) addPod(byName.get(r.node)!, p.pod.metadata!.uid!, p.requests);
    else unschedulable++;
  }
  return unschedulable;
}

let sink = 0;

export async function runSchedulerBench(opts: { quick: boolean }): Promise<BenchResult[]> {
  const bench = new Bench({
    time: opts.quick ? 200 : 2_000,
    warmupTime: opts.quick ? 0 : 500,
    warmupIterations: opts.quick ? 1 : 2,
    iterations: opts.quick ? 3 : 5,
    throws: true,
  });
  const perOp = new Map<string, { unit: string; scale: number; pods?: number }>();
  const sizes: [number, number][] = opts.quick ? [[1_000, 10_000]] : [[1_000, 10_000], [5_000, 50_000]];

  for (const [numNodes, numPods] of sizes) {
    const nodes = benchNodes(numNodes);
    const pods = benchPods(numPods).map(newPodInfo);
    let infos: NodeInfo[] = [];
    let rand: () => number = () => 0;
    const label = `schedule ${numPods / 1000}k pods onto ${numNodes / 1000}k nodes`;
    perOp.set(label, { unit: 'ms', scale: 1, pods: numPods });
    bench.add(label, () => {
      const failed = placeAll(pods, infos, rand);
      if (failed !== 0) throw new Error(`${failed} pods did not fit: the fixture is too small`);
      sink += infos[0]!.requested.pods;
    }, {
      beforeEach: () => {
        infos = nodes.map(newNodeInfo);
        rand = new RandomStreams(1).stream('bench/scheduler/ties').next;
      },
    });

    const huge = newPodInfo({ ...benchPods(1)[0]!, spec: { containers: [{ name: 'x', image: 'x', resources: { requests: { cpu: '64' } } }] } });
    const empty = nodes.map(newNodeInfo);
    const failLabel = `unschedulable pod, ${numNodes / 1000}k nodes`;
    perOp.set(failLabel, { unit: 'µs/op', scale: 1e3 });
    bench.add(failLabel, () => {
      const r = schedulePod(huge, empty, () => 0);
      if ('node' in r) throw new Error('the oversized pod was placed');
      sink += r.unschedulable.length;
    });
  }

  const raw = benchPods(1_000);
  perOp.set('newPodInfo', { unit: 'µs/op', scale: 1e3 / raw.length });
  bench.add('newPodInfo', () => { for (const p of raw) sink += newPodInfo(p).requests.cpuMilli; });

  await bench.run();
  const out: BenchResult[] = [];
  for (const t of bench.tasks as Task[]) {
    const r = t.result;
    if (!r || r.error) throw r?.error ?? new Error(`benchmark ${t.name} produced no result`);
    const { unit, scale, pods } = perOp.get(t.name)!;
    const mean = r.latency.mean;
    out.push({ name: t.name, unit, value: mean * scale, samples: r.latency.samples.length, rme: r.latency.rme });
    if (pods) out.push({ name: `${t.name}: throughput`, unit: 'pods/s', value: pods / (mean / 1e3), samples: r.latency.samples.length, rme: r.latency.rme });
  }
  return out;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const results = await runSchedulerBench({ quick: process.argv.includes('--quick') });
  console.table(results.map((r) => ({ ...r, value: Number(r.value.toPrecision(4)), rme: `±${r.rme.toFixed(1)}%` })));
  if (sink === -1) console.log(sink);
}
