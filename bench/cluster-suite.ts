// The whole-cluster suite: from empty to every pod Running and Ready, for
// each workload × size × (core/v1 Events on, off). Each run is a fresh
// worker thread (bench/converge-worker.ts). The small size runs a few
// times for a spread; the large ones once (a 150k-pod run is the sample).
import { convergeIsolated } from './converge-worker.js';
import { WORKLOADS, type ConvergeResult } from './converge.js';
import { summarize } from './stats.js';
import type { Figure, Suite } from './types.js';

export interface ClusterSize { nodes: number; pods: number; repeat: number }

export const SIZES_QUICK: readonly ClusterSize[] = [
  { nodes: 100, pods: 3_000, repeat: 2 },
  { nodes: 1_000, pods: 10_000, repeat: 1 },
];
// upstream: the scalability thresholds' largest supported cluster is 5,000 nodes / 150,000 pods.
export const SIZES_FULL: readonly ClusterSize[] = [
  { nodes: 100, pods: 3_000, repeat: 3 },
  { nodes: 1_000, pods: 30_000, repeat: 1 },
  { nodes: 5_000, pods: 150_000, repeat: 1 },
];

// kwok's default client rate limit (qps 20): its objects/s ceiling on a real API server.
const KWOK = { value: 20, source: 'kwok default' };

const MiB = 1024 * 1024;
const sizeName = (s: ClusterSize) => `${s.nodes.toLocaleString('en-US')} nodes / ${s.pods >= 1000 ? `${s.pods / 1000}k` : s.pods} pods`;

/** The figures of one workload × size × events setting, from its runs. */
export function clusterFigures(workload: string, size: ClusterSize, events: boolean, runs: readonly ConvergeResult[]): Figure[] {
  const variant = `${workload}${events ? '' : ', events off'}`;
  const prefix = `${sizeName(size)} (${variant})`;
  const other = `${sizeName(size)} (${workload}${events ? ', events off' : ''})`;
  const series = (what: string) => ({ series: `${what} (${variant})`, size: size.pods, sizeUnit: 'pods' });
  const of = (pick: (r: ConvergeResult) => number) => summarize(runs.map(pick));
  const fig = (name: string, unit: string, better: Figure['better'], pick: (r: ConvergeResult) => number, extra: Partial<Figure> = {}): Figure => {
    const s = of(pick);
    return { name: `${prefix}: ${name}`, unit, value: s.mean, samples: s.samples, rme: s.rme, better, ...extra };
  };
  return [
    // Events on is measured against events off: the ratio is what the Events cost.
    fig('wall time', 's', 'smaller', (r) => r.wallMs / 1000, { ...series('wall time'), ...(events ? { baseline: `${other}: wall time` } : {}) }),
    fig('CPU time', 's', 'smaller', (r) => r.cpuMs / 1000, series('CPU time')),
    fig('virtual time', 's', 'smaller', (r) => r.virtualMs / 1000),
    fig('pods Ready per second', 'pods/s', 'larger', (r) => size.pods / (r.wallMs / 1000), { reference: KWOK }),
    fig('store changes per second', 'changes/s', 'larger', (r) => r.storeChanges / (r.wallMs / 1000)),
    fig('store changes', 'changes', 'smaller', (r) => r.storeChanges),
    fig('peak heap', 'MiB', 'smaller', (r) => r.peakHeapBytes / MiB, series('peak heap')),
    fig('live heap per pod', 'KiB/pod', 'smaller', (r) => r.bytesPerPod / 1024),
  ];
}

export const clusterSuite: Suite = {
  id: 'cluster',
  title: 'Whole cluster',
  async run({ quick, progress, timeLeftMs }) {
    const sizes = quick ? SIZES_QUICK : SIZES_FULL;
    // Quick runs keep Events on only: that is the faithful configuration.
    const eventSettings = quick ? [true] : [true, false];
    const workloads = Object.entries(WORKLOADS);
    const total = workloads.length * eventSettings.length * sizes.reduce((a, s) => a + s.repeat, 0);
    let done = 0;
    const figures: Figure[] = [];
    const cut: string[] = [];
    for (const [key, workload] of workloads) {
      for (const size of sizes) {
        for (const events of eventSettings) {
          const runs: ConvergeResult[] = [];
          const name = `${sizeName(size)} (${workload.title}${events ? '' : ', events off'})`;
          // The budget is asked before each run, and a run still going when it is spent is stopped.
          for (let i = 0; i < size.repeat && timeLeftMs() > 0; i++) {
            const label = `${sizeName(size)}, ${workload.title}${events ? '' : ', events off'}${size.repeat > 1 ? ` (run ${i + 1}/${size.repeat})` : ''}`;
            progress.step(label, done, total);
            const r = await convergeIsolated({
              nodes: size.nodes, pods: size.pods, workload: key, events,
              onProgress: (ready) => progress.step(`${label}: ${ready.toLocaleString('en-US')} Ready`, done + ready / size.pods, total),
            }, timeLeftMs);
            if (r) runs.push(r);
            done++;
          }
          // A size with fewer runs than it asks for is left out whole: one run is not its spread.
          if (runs.length < size.repeat) { cut.push(name); continue; }
          figures.push(...clusterFigures(workload.title, size, events, runs));
        }
      }
    }
    return {
      figures,
      skipped: cut.length > 0,
      notes: [
        ...(cut.length > 0 ? [`Not measured, the time budget being spent: ${cut.join('; ')}.`] : []),
        'From an empty cluster (default nodes: 4 cpu, 16Gi, 110 pods) to every pod Running and Ready: pods created through the API (50m cpu, 64Mi each), placed by the scheduler, started by the kubelets (2s image pull and start).',
        'Wall time includes creating the pods and building the cluster; CPU time is the process\'s user + system time over the same span (all threads, so GC helper threads count): on a shared machine it moves less than wall time. Store changes count every create, update and delete the API store committed (Leases, Events and status writes included).',
        'Peak heap is sampled every 2,000 clock tasks; live heap per pod is the heap after a full GC at convergence minus the heap before the cluster existed, over the pod count. Each run has a fresh worker thread.',
      ],
    };
  },
};
