// Storage and networking hot paths, without the API calls: the binder
// choosing a volume for one claim among N Available volumes (every volume is
// checked, the smallest fit wins: linear in N); one EndpointSlice sync of a
// Service over N pods in the steady state (slices already right: the
// reconciler compares every endpoint); kube-proxy merging the slices of a
// Service over N endpoints for a node and picking one connection's endpoint.
// Each series should grow linearly. A naive baseline beside the binder: the
// same choice by sorting every candidate first (n log n).
// Run standalone after a build: `node dist/bench/services-storage.bench.js [--quick]`.
import { pathToFileURL } from 'node:url';
import { Bench, type Task } from 'tinybench';
import type { KubeObject } from '../model/api/types.js';
import { syncClaim } from '../model/controllers/persistentvolume/index.js';
import { parseQuantity } from '../model/api/quantity.js';
import { syncService } from '../model/controllers/endpointslice/index.js';
import { chooseEndpoint, endpointsFor } from '../model/controllers/kubeproxy/index.js';
import type { Figure, Suite } from './types.js';

export const STORAGE_SIZES = [100, 1_000, 10_000] as const;
export const SERVICE_SIZES = [100, 1_000, 5_000] as const;
const NODES = 100;
const GI = ['1Gi', '2Gi', '5Gi', '10Gi', '20Gi'];

export function benchVolumes(n: number): KubeObject[] {
  return Array.from({ length: n }, (_, i) => ({
    apiVersion: 'v1', kind: 'PersistentVolume', metadata: { name: `pv-${i}`, uid: `pv-uid-${i}` },
    spec: { capacity: { storage: GI[i % GI.length] }, accessModes: ['ReadWriteOnce'], storageClassName: '', hostPath: { path: `/d/${i}` } },
    status: { phase: 'Available' },
  }) as KubeObject);
}
export const benchClaim: KubeObject = {
  apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata: { name: 'data', namespace: 'default', uid: 'claim-uid' },
  spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '4Gi' } }, storageClassName: '' }, status: { phase: 'Pending' },
};

/** The naive baseline: every matching volume sorted by size, the first taken. */
function naiveChoice(claim: KubeObject, volumes: readonly KubeObject[]): KubeObject | undefined {
  const want = parseQuantity(claim.spec.resources.requests.storage);
  return volumes.filter((v) => v.status?.phase === 'Available' && parseQuantity(v.spec.capacity.storage) >= want)
    .sort((a, b) => parseQuantity(a.spec.capacity.storage) - parseQuantity(b.spec.capacity.storage))[0];
}

export const benchService: KubeObject = {
  apiVersion: 'v1', kind: 'Service', metadata: { name: 'web', namespace: 'default', uid: 'svc-uid' },
  spec: { selector: { app: 'web' }, clusterIP: '10.96.0.10', clusterIPs: ['10.96.0.10'], ports: [{ name: 'http', port: 80, targetPort: 8080, protocol: 'TCP' }] },
};
export function benchServicePods(n: number): KubeObject[] {
  return Array.from({ length: n }, (_, i) => ({
    apiVersion: 'v1', kind: 'Pod', metadata: { name: `web-${i}`, namespace: 'default', uid: `pod-uid-${i}`, labels: { app: 'web' }, resourceVersion: `${i + 1}` },
    spec: { nodeName: `node-${i % NODES}`, containers: [{ name: 'c', image: 'nginx' }] },
    status: { phase: 'Running', podIP: `10.244.${Math.floor(i / 250)}.${(i % 250) + 2}`, podIPs: [{ ip: `10.244.${Math.floor(i / 250)}.${(i % 250) + 2}` }],
      conditions: [{ type: 'Ready', status: 'True' }] },
  }) as KubeObject);
}
const benchNode = (name: string): KubeObject => ({ apiVersion: 'v1', kind: 'Node', metadata: { name, labels: { 'topology.kubernetes.io/zone': 'z1' } } } as KubeObject);

/** The slices the controller would write for `pods`, named as the store would name them. */
export function steadySlices(pods: readonly KubeObject[]): KubeObject[] {
  const nodes = new Map<string, KubeObject>();
  const plan = syncService({ service: benchService, pods, slices: [], getNode: (n) => nodes.get(n) ?? (nodes.set(n, benchNode(n)), nodes.get(n)) });
  return plan.create.map((s, i) => ({ ...s, metadata: { ...s.metadata, name: `web-${i}`, uid: `slice-${i}`, resourceVersion: '1' } }) as KubeObject);
}

let sink = 0;

export interface BenchResult { name: string; unit: string; value: number; samples: number; rme: number }

export async function runServicesStorageBench(opts: { quick: boolean }): Promise<BenchResult[]> {
  const bench = new Bench({ time: opts.quick ? 100 : 1_000, warmupTime: opts.quick ? 20 : 200, iterations: opts.quick ? 5 : 20, throws: true });
  for (const n of STORAGE_SIZES) {
    const volumes = benchVolumes(n);
    const plan = syncClaim({ claim: benchClaim, volumes });
    if (plan.action !== 'bind' || plan.volume.spec.capacity.storage !== '5Gi' || naiveChoice(benchClaim, volumes)?.spec.capacity.storage !== '5Gi') {
      throw new Error(`binder fixtures at n=${n} do not choose the smallest fit`);
    }
    bench.add(`bind among ${n} volumes`, () => { sink += syncClaim({ claim: benchClaim, volumes }).action.length; });
    bench.add(`bind among ${n} volumes: naive sort`, () => { sink += naiveChoice(benchClaim, volumes) ? 1 : 0; });
  }
  for (const n of SERVICE_SIZES) {
    const pods = benchServicePods(n);
    const slices = steadySlices(pods);
    const nodes = new Map(Array.from({ length: NODES }, (_, i) => [`node-${i}`, benchNode(`node-${i}`)]));
    const getNode = (name: string) => nodes.get(name);
    const steady = syncService({ service: benchService, pods, slices, getNode });
    if (steady.create.length + steady.update.length + steady.delete.length !== 0) throw new Error(`endpointslice fixtures at n=${n} are not steady`);
    bench.add(`endpointslice sync ${n} pods`, () => { sink += syncService({ service: benchService, pods, slices, getNode }).create.length; });
    let r = 0;
    const rand = () => { r = (r * 1103515245 + 12345) % 2147483648; return r / 2147483648; };
    bench.add(`proxy route over ${n} endpoints`, () => {
      const eps = endpointsFor(benchService, slices, 'node-0');
      const o = chooseEndpoint(eps, { clientIP: '10.0.0.2', fromThisNode: true }, rand, undefined, 0);
      sink += o.kind.length;
    });
  }
  await bench.run();
  return bench.tasks.map((t: Task) => {
    const res = t.result;
    if (!res || res.error) throw res?.error ?? new Error(`benchmark ${t.name} produced no result`);
    return { name: t.name, unit: 'µs/op', value: res.latency.mean * 1e3, samples: res.latency.samples.length, rme: res.latency.rme };
  });
}

export function servicesStorageFigures(raw: readonly BenchResult[]): Figure[] {
  return raw.map((r): Figure => {
    const bind = /^bind among (\d+) volumes(: naive sort)?$/.exec(r.name);
    if (bind) {
      const f: Figure = { ...r, better: 'smaller', series: bind[2] ? 'binder, naive sort' : 'binder: smallest fit', size: Number(bind[1]), sizeUnit: 'volumes' };
      if (!bind[2]) f.baseline = `${r.name}: naive sort`;
      return f;
    }
    const m = /^(endpointslice sync|proxy route over) (\d+) (pods|endpoints)$/.exec(r.name)!;
    return { ...r, better: 'smaller', series: m[1] === 'endpointslice sync' ? 'EndpointSlice sync, steady' : 'kube-proxy merge + pick', size: Number(m[2]), sizeUnit: m[3]! };
  });
}

/** For bench/suites.ts. */
export const servicesStorageSuite: Suite = {
  id: 'services-storage',
  title: 'Storage and Service routing',
  async run({ quick, progress }) {
    progress.step('binder 100 … 10,000 volumes; EndpointSlices and kube-proxy 100 … 5,000 pods', 0, 1);
    return {
      figures: servicesStorageFigures(await runServicesStorageBench({ quick })),
      notes: [
        'The binder choosing a volume for one 4Gi claim among N Available volumes of 1–20Gi (syncClaim), against a naive filter-and-sort of the same candidates.',
        'One EndpointSlice sync of a Service over N ready pods on 100 nodes whose slices are already right (syncService: desired endpoints, then the reconciler\'s comparison).',
        'kube-proxy on one node: merge the Service\'s slices into endpoints (endpointsFor) and pick one connection\'s endpoint (chooseEndpoint).',
      ],
    };
  },
};

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const results = await runServicesStorageBench({ quick: process.argv.includes('--quick') });
  console.table(results.map((r) => ({ ...r, value: Number(r.value.toPrecision(4)), rme: `±${r.rme.toFixed(1)}%` })));
  if (sink === -1) console.log(sink);
}
