// One whole-cluster run: an empty cluster of N nodes, a workload of P pods
// created through the API, and virtual time advanced until every pod is
// Running and Ready. What it costs: wall time, virtual time, store changes
// per wall second, the peak heap and the heap each pod keeps.
//
// Readiness is counted incrementally from the store's change feed, so the
// stop condition costs O(1) per task rather than a scan of every pod.
import type { KubeObject } from '../model/api/types.js';
import { Cluster } from '../runtime/cluster.js';
import { defaultNodes } from '../runtime/nodes.js';
import { collectGarbage, heapUsed } from './heap.js';
import { builtinControllers } from '../properties/controllers/index.js';

/** How the pods are made. Bare pods today; a Deployment-based workload is one more entry in WORKLOADS. */
export interface Workload {
  /** What the report calls it. */
  title: string;
  /** Create objects whose controllers (or the objects themselves) make `pods` pods. */
  create(cluster: Cluster, pods: number): void;
}

/** Bare pods with small requests (50m cpu, 64Mi), spread over the nodes by the scheduler. */
const BARE_PODS: Workload = {
  title: 'bare pods',
  create(cluster, pods) {
    for (let i = 0; i < pods; i++) {
      cluster.store.create({
        apiVersion: 'v1', kind: 'Pod',
        metadata: { name: `pod-${i}`, namespace: 'default', labels: { app: `app-${i % 100}` } },
        spec: { containers: [{ name: 'app', image: 'app:1', resources: { requests: { cpu: '50m', memory: '64Mi' } } }] },
      });
    }
  },
};

/** Deployments of (up to) 100 replicas each, so the ReplicaSet and Deployment controllers do the work. */
const DEPLOYMENTS: Workload = {
  title: 'Deployments',
  create(cluster, pods) {
    const per = Math.min(100, pods);
    for (let i = 0, left = pods; left > 0; i++, left -= per) {
      const replicas = Math.min(per, left);
      cluster.store.create({
        apiVersion: 'apps/v1', kind: 'Deployment',
        metadata: { name: `web-${i}`, namespace: 'default' },
        spec: {
          replicas, selector: { matchLabels: { app: `web-${i}` } },
          template: { metadata: { labels: { app: `web-${i}` } }, spec: { containers: [{ name: 'app', image: 'app:1', resources: { requests: { cpu: '50m', memory: '64Mi' } } }] } },
        },
      });
    }
  },
};

/** Workloads by name (a name, not a function, crosses into the worker thread). */
export const WORKLOADS: Readonly<Record<string, Workload>> = { 'bare-pods': BARE_PODS, deployments: DEPLOYMENTS };

export interface ConvergeOptions {
  nodes: number;
  pods: number;
  /** A key of WORKLOADS; bare pods by default. */
  workload?: string;
  /** core/v1 Events on (the default) or off. */
  events?: boolean;
  /** Virtual time allowed to converge. */
  timeoutMs?: number;
  seed?: number;
  /** Told the ready count now and then (for a progress bar). */
  onProgress?: (ready: number) => void;
}

export interface ConvergeResult {
  wallMs: number;
  /**
   * CPU time of the whole process over the same span (user + system, all
   * threads: GC helpers included, the idle main thread adds next to
   * nothing). On a machine shared with other work it is the steadier figure.
   */
  cpuMs: number;
  /** Wall time to create the workload's objects (included in wallMs). */
  createMs: number;
  virtualMs: number;
  storeChanges: number;
  tasks: number;
  peakHeapBytes: number;
  /** Live heap after convergence (after a full GC) minus before the cluster existed, per pod. */
  bytesPerPod: number;
  eventObjects: number;
}

const isReady = (p: KubeObject | undefined): boolean =>
  p !== undefined && p.status?.phase === 'Running' &&
  (p.status?.conditions ?? []).some((c: { type: string; status: string }) => c.type === 'Ready' && c.status === 'True');

// Heap is sampled every this many clock tasks: often enough to see the peak, rarely enough to cost nothing.
const HEAP_SAMPLE_TASKS = 2_000;

export function converge(opts: ConvergeOptions): ConvergeResult {
  const workload = WORKLOADS[opts.workload ?? 'bare-pods'];
  if (!workload) throw new Error(`unknown workload "${opts.workload}" (known: ${Object.keys(WORKLOADS).join(', ')})`);
  collectGarbage();
  const heapBefore = heapUsed();
  let peak = heapBefore;
  const t0 = performance.now();
  const cpu0 = process.cpuUsage();
  // The largest clusters hold 150k pods: past the default object limit of a scenario run.
  const cluster = new Cluster({ controllers: builtinControllers, seed: opts.seed ?? 1, nodes: defaultNodes(opts.nodes), maxObjects: 1_000_000 });
  cluster.recorder.enabled = opts.events ?? true;
  let changes = 0;
  let ready = 0;
  cluster.store.onChange((type, obj, old) => {
    changes++;
    if (obj.kind !== 'Pod') return;
    const was = old !== undefined && isReady(old);
    const now = type !== 'DELETED' && isReady(obj);
    if (was !== now) ready += now ? 1 : -1;
  });
  let tasks = 0;
  cluster.clock.afterTask = () => {
    if (++tasks % HEAP_SAMPLE_TASKS !== 0) return;
    const h = heapUsed();
    if (h > peak) peak = h;
    opts.onProgress?.(ready);
  };
  const vStart = cluster.clock.now();
  workload.create(cluster, opts.pods);
  const createMs = performance.now() - t0;
  const ok = cluster.runUntil(() => ready >= opts.pods, opts.timeoutMs ?? 3_600_000);
  const wallMs = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  const virtualMs = cluster.clock.now() - vStart;
  if (!ok) throw new Error(`${opts.nodes} nodes / ${opts.pods} pods: only ${ready} pods Ready after ${virtualMs / 1000}s of virtual time`);
  peak = Math.max(peak, heapUsed());
  collectGarbage();
  const heapAfter = heapUsed();
  const result: ConvergeResult = {
    wallMs, cpuMs: (cpu.user + cpu.system) / 1000, createMs, virtualMs, storeChanges: changes, tasks: cluster.clock.tasksRun,
    peakHeapBytes: peak, bytesPerPod: (heapAfter - heapBefore) / opts.pods, eventObjects: cluster.store.count('Event'),
  };
  // Keep the cluster reachable until the heap is measured.
  if (cluster.store.count('Pod') !== opts.pods) throw new Error('pods went missing during the run');
  return result;
}
