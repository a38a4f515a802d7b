// A StatefulSet rolling out in order, whole cluster (store, watches,
// kubelets, scheduler and all): N replicas under OrderedReady made one at a
// time, each only once the one before is Running and Ready (about 2 s of
// virtual time per pod), then a template change rolled through all N,
// highest ordinal first. Wall time per pod for each phase: the controller
// walks its N slots on every sync, so a rollout of N costs N syncs of O(N)
// — quadratic in N as upstream's is; the per-pod figure shows how much.
// Run standalone after a build: `node dist/bench/statefulset.bench.js [--quick]`.
import { pathToFileURL } from 'node:url';
import type { KubeObject } from '../model/api/types.js';
import { Cluster } from '../runtime/cluster.js';
import { defaultNodes } from '../runtime/nodes.js';
import { builtinControllers } from '../properties/controllers/index.js';
import type { Figure, Suite } from './types.js';

const set = (replicas: number): KubeObject => ({
  apiVersion: 'apps/v1', kind: 'StatefulSet', metadata: { name: 'web' },
  spec: {
    replicas, serviceName: 'web', selector: { matchLabels: { app: 'web' } },
    template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'c', image: 'nginx:1.27' }] } },
  },
});

const done = (c: Cluster, n: number, image: string) => {
  const s = c.store.get('StatefulSet', 'default', 'web')!;
  return (s.status?.readyReplicas ?? 0) === n && (s.status?.updatedReplicas ?? 0) === n && s.status?.currentRevision === s.status?.updateRevision
    && c.store.get('Pod', 'default', `web-${n - 1}`)?.spec.containers[0].image === image;
};

/** Wall ms per pod to create N in order, and to roll N to a new template. */
export function orderedRollout(n: number): { createMs: number; rollMs: number } {
  const c = new Cluster({ controllers: builtinControllers, nodes: defaultNodes(Math.ceil(n / 100) + 1), maxObjects: 20 * n + 10_000 });
  let t = performance.now();
  c.store.create(set(n));
  if (!c.runUntil(() => done(c, n, 'nginx:1.27'), n * 10_000 + 60_000)) throw new Error(`statefulset bench: ${n} replicas not Ready`);
  const createMs = (performance.now() - t) / n;
  const s = c.store.get('StatefulSet', 'default', 'web')!;
  t = performance.now();
  c.store.update({ ...s, spec: { ...s.spec, template: { ...s.spec.template, spec: { containers: [{ name: 'c', image: 'nginx:1.28' }] } } } } as KubeObject);
  if (!c.runUntil(() => done(c, n, 'nginx:1.28') && c.store.get('Pod', 'default', 'web-0')?.spec.containers[0].image === 'nginx:1.28', n * 10_000 + 60_000)) {
    throw new Error(`statefulset bench: ${n} replicas not rolled`);
  }
  return { createMs, rollMs: (performance.now() - t) / n };
}

export async function runStatefulSetBench(opts: { quick: boolean }): Promise<Figure[]> {
  const out: Figure[] = [];
  for (const n of opts.quick ? [100, 300] : [100, 300, 1_000]) {
    const r = orderedRollout(n);
    out.push({ name: `StatefulSet of ${n}: created in order`, unit: 'ms/pod', value: r.createMs, samples: 1, rme: 0, better: 'smaller',
      series: 'StatefulSet, OrderedReady creation', size: n, sizeUnit: 'replicas' });
    out.push({ name: `StatefulSet of ${n}: rolling update`, unit: 'ms/pod', value: r.rollMs, samples: 1, rme: 0, better: 'smaller',
      series: 'StatefulSet, rolling update', size: n, sizeUnit: 'replicas' });
  }
  return out;
}

/** For bench/suites.ts. */
export const statefulSetSuite: Suite = {
  id: 'statefulset',
  title: 'StatefulSet ordered rollout, whole cluster',
  async run({ quick, progress }) {
    progress.step(`StatefulSets of 100 … ${quick ? '300' : '1,000'} replicas: ordered creation and a rolling update`, 0, 1);
    return {
      figures: await runStatefulSetBench({ quick }),
      notes: [
        'An OrderedReady StatefulSet of N replicas from nothing to all Running and Ready (one pod at a time, each after the one before is Ready), then a template change rolled through all N, highest ordinal first; wall time per pod, the whole cluster running.',
      ],
    };
  },
};

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const figures = await runStatefulSetBench({ quick: process.argv.includes('--quick') });
  console.table(figures.map((f) => ({ name: f.name, value: Number(f.value.toPrecision(4)), unit: f.unit })));
}
