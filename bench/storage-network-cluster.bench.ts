// Storage and Service routing in a whole cluster, store, watches and all:
//
// - Binding: N static volumes, then N claims at once; the wall time until the
//   PV binder has bound them all, per bind. With the binder's volume index a
//   bind costs about the same at 1,000 and 10,000 (a scan of every volume
//   per claim would make it ten times dearer, and the whole job quadratic).
// - kube-proxy fan-out: N Nodes, each with its kube-proxy, and a Service over
//   P pods, in a cluster that runs nothing else; one EndpointSlice change,
//   until every proxy has programmed it, per proxy. It should not grow with
//   P (O(change), not O(service)); the baseline beside it, a relist of the
//   whole Service by every proxy, does.
// Run standalone after a build: `node dist/bench/storage-network-cluster.bench.js [--quick]`.
import { pathToFileURL } from 'node:url';
import type { KubeObject } from '../model/api/types.js';
import { Cluster } from '../runtime/cluster.js';
import { builtinControllers, kubeProxy } from '../properties/controllers/index.js';
import { nodeObject } from '../runtime/nodes.js';
import { benchServicePods, steadySlices } from './services-storage.bench.js';
import type { Figure, Suite } from './types.js';

const GI = ['1Gi', '2Gi', '5Gi', '10Gi', '20Gi'];

/** Wall ms per bind for `n` claims among `n` volumes. */
export function bindAll(n: number): number {
  const c = new Cluster({ controllers: builtinControllers, nodes: [{ name: 'node-1' }], maxObjects: 10 * n + 10_000 });
  for (let i = 0; i < n; i++) {
    c.store.create({ apiVersion: 'v1', kind: 'PersistentVolume', metadata: { name: `pv-${i}` },
      spec: { capacity: { storage: GI[i % GI.length] }, accessModes: ['ReadWriteOnce'], storageClassName: '', hostPath: { path: `/d/${i}` } } });
  }
  c.run(1_000);
  const t0 = performance.now();
  for (let i = 0; i < n; i++) {
    c.store.create({ apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata: { name: `c-${i}` },
      spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: GI[(i * 7) % GI.length] } }, storageClassName: '' } });
  }
  c.run(20_000);
  const ms = performance.now() - t0;
  const bound = c.store.list('PersistentVolumeClaim').filter((x) => x.status?.phase === 'Bound').length;
  if (bound !== n) throw new Error(`bind benchmark: ${bound} of ${n} claims bound`);
  return ms / n;
}

/**
 * Wall µs per node proxy for one EndpointSlice change, and for a relist (what
 * a restart costs each proxy: the whole Service again), in a cluster that
 * runs only kube-proxy, so nothing else moves while it is timed.
 */
export function proxyFanOut(nodes: number, pods: number, samples: number): { changeUs: number[]; relistUs: number[] } {
  const c = new Cluster({ controllers: [kubeProxy], nodes: [], maxObjects: 1e7 });
  for (let i = 0; i < nodes; i++) c.store.create(nodeObject({ name: `node-${i + 1}` }));
  c.store.create({ apiVersion: 'v1', kind: 'Service', metadata: { name: 'web' }, spec: { selector: { app: 'web' }, ports: [{ name: 'http', port: 80, targetPort: 8080 }] } });
  const svc = c.store.get('Service', 'default', 'web')!;
  for (const s of steadySlices(benchServicePods(pods))) {
    c.store.create({ ...s, metadata: { ...s.metadata, uid: undefined, resourceVersion: undefined, ownerReferences: [{ apiVersion: 'v1', kind: 'Service', name: 'web', uid: svc.metadata.uid, controller: true, blockOwnerDeletion: true }] } } as KubeObject);
  }
  c.run(2_000);
  const changeUs: number[] = [];
  const relistUs: number[] = [];
  for (let k = 0; k < samples; k++) {
    const slice = c.store.list('EndpointSlice')[0]!;
    // One endpoint's ready condition flips, as a readiness probe would make it.
    const endpoints = (slice.endpoints as any[]).map((e: any, i: number) => (i === 0 ? { ...e, conditions: { ...e.conditions, ready: !e.conditions.ready } } : e));
    let t = performance.now();
    c.store.update({ ...slice, endpoints } as KubeObject);
    c.run(1_500);
    changeUs.push((performance.now() - t) * 1000 / nodes);
    t = performance.now();
    c.restart('kube-proxy');
    c.run(1_500);
    relistUs.push((performance.now() - t) * 1000 / nodes);
  }
  return { changeUs, relistUs };
}

const stats = (xs: readonly number[]) => {
  const mean = xs.reduce((a, b) => a + b, 0) / xs.length;
  const sd = Math.sqrt(xs.reduce((a, b) => a + (b - mean) ** 2, 0) / Math.max(1, xs.length - 1));
  return { value: mean, samples: xs.length, rme: xs.length > 1 ? (100 * 1.96 * sd) / Math.sqrt(xs.length) / mean : 0 };
};

export async function runStorageNetworkClusterBench(opts: { quick: boolean }): Promise<Figure[]> {
  const out: Figure[] = [];
  for (const n of opts.quick ? [1_000, 3_000] : [1_000, 3_000, 10_000]) {
    const reps = opts.quick ? 1 : 3;
    const xs = Array.from({ length: reps }, () => bindAll(n) * 1000);
    out.push({ name: `bind ${n} claims among ${n} volumes, whole cluster`, unit: 'µs/bind', ...stats(xs),
      better: 'smaller', series: 'PV binder, whole cluster', size: n, sizeUnit: 'claims' });
  }
  for (const [nodes, pods] of [[1_000, 100], [5_000, 100], [5_000, 1_000]] as const) {
    const r = proxyFanOut(nodes, pods, opts.quick ? 3 : 15);
    const name = `kube-proxy fan-out to ${nodes} nodes, Service of ${pods} pods`;
    out.push({ name, unit: 'µs/proxy/change', ...stats(r.changeUs), better: 'smaller', baseline: `${name}: relist`,
      series: `kube-proxy, one change, Service of ${pods} pods`, size: nodes, sizeUnit: 'nodes' });
    out.push({ name: `${name}: relist`, unit: 'µs/proxy/change', ...stats(r.relistUs), better: 'smaller',
      series: `kube-proxy, relist, Service of ${pods} pods`, size: nodes, sizeUnit: 'nodes' });
  }
  return out;
}

/** For bench/suites.ts. */
export const storageNetworkClusterSuite: Suite = {
  id: 'storage-network-cluster',
  title: 'Storage and Service routing, whole cluster',
  async run({ quick, progress }) {
    progress.step(`binding 1,000 … ${quick ? '3,000' : '10,000'} claims; kube-proxy fan-out to 1,000 and 5,000 nodes`, 0, 1);
    return {
      figures: await runStorageNetworkClusterBench({ quick }),
      notes: [
        'N static volumes (1–20Gi), then N claims created at once; the wall time until every claim is Bound, per bind (store, watches, the binder\'s queue and writes included).',
        'One EndpointSlice change (an endpoint\'s ready condition) among N kube-proxies, in a cluster running only kube-proxy: the wall time for every proxy to hear and program it, per proxy; beside it the baseline of a relist (a restart: each proxy takes the whole Service again), in the same run.',
      ],
    };
  },
};

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const figures = await runStorageNetworkClusterBench({ quick: process.argv.includes('--quick') });
  console.table(figures.map((f) => ({ name: f.name, value: Number(f.value.toPrecision(4)), unit: f.unit, rme: `±${f.rme.toFixed(1)}%` })));
}
