// The scheduler suite: runSchedulerBench (10k pods on 1k nodes; 50k on 5k
// when not quick), set against upstream scheduler_perf's CI floors.
import { runSchedulerBench } from './scheduler.bench.js';
import { betterFor, type Figure, type RawResult, type Suite } from './types.js';

// upstream: test/integration/scheduler_perf (SchedulingBasic thresholds), as the issue quotes them.
const FLOORS: Record<string, number> = { '10k pods onto 1k nodes': 680, '50k pods onto 5k nodes': 810 };

export function schedulerFigures(raw: readonly RawResult[]): Figure[] {
  return raw.map((r): Figure => {
    const f: Figure = { ...r, better: betterFor(r.unit) };
    const m = /^schedule (\d+)k pods onto (\d+)k nodes(: throughput)?$/.exec(r.name);
    if (!m) return f;
    const key = `${m[1]}k pods onto ${m[2]}k nodes`;
    if (m[3]) {
      const floor = FLOORS[key];
      if (floor) f.reference = { value: floor, source: 'scheduler_perf CI floor' };
    } else {
      // Pods and nodes grow together: the growth exponent is against the pod count.
      f.series = 'schedule every pod';
      f.size = Number(m[1]) * 1000;
      f.sizeUnit = 'pods (nodes = pods / 10)';
    }
    return f;
  });
}

export const schedulerSuite: Suite = {
  id: 'scheduler',
  title: 'Scheduler',
  async run({ quick, progress }) {
    progress.step(quick ? '10k pods onto 1k nodes' : '10k pods onto 1k nodes, 50k onto 5k', 0, 1);
    return {
      figures: schedulerFigures(await runSchedulerBench({ quick })),
      notes: [
        'The pure scheduling cycle (filter, score, select) placing every pod in turn, each NodeInfo updated after each placement as the runtime\'s cache does; no store, no watches.',
        'Nodes: 32 cpu / 128Gi / 110 pods in three zones, 10% tainted; pods: mixed requests, node selectors, preferred affinity and tolerations (bench/scheduler.bench.ts).',
      ],
    };
  },
};
