// Test fixtures for the EndpointSlice modules: a Service, numbered pods and
// nodes as the store holds them (defaulted), and a fake store that applies a
// plan the way the API server would, naming creates in order, so a test can
// run several syncs in a row and count the writes.
import type { KubeObject } from '../../api/types.js';
import { LABEL_TOPOLOGY_ZONE } from './constants.js';
import { desiredEndpoints } from './desired.js';
import { reconcile, type EndpointSlicePlan } from './reconcile.js';

export const NS = 'test';

/** Service foo/test selecting app=web, port http 80 → 8080/TCP, with a cluster IP. */
export function service(over: { spec?: Record<string, unknown>; labels?: Record<string, string>; deleting?: boolean } = {}): KubeObject {
  return {
    apiVersion: 'v1', kind: 'Service',
    metadata: {
      name: 'foo', namespace: NS, uid: 'svc-uid',
      ...(over.labels ? { labels: over.labels } : {}),
      ...(over.deleting ? { deletionTimestamp: '2024-01-01T00:00:00Z' } : {}),
    },
    spec: {
      selector: { app: 'web' }, clusterIP: '10.96.0.10', clusterIPs: ['10.96.0.10'], ipFamilies: ['IPv4'], type: 'ClusterIP',
      ports: [{ name: 'http', port: 80, targetPort: 8080, protocol: 'TCP' }],
      ...over.spec,
    },
  };
}

export const podName = (i: number) => `pod-${String(i).padStart(3, '0')}`;
export const podIP = (i: number) => `10.1.${Math.floor(i / 256)}.${i % 256}`;

export interface PodOver {
  ready?: boolean; terminating?: boolean; phase?: string; ips?: string[]; podIPOnly?: boolean; node?: string | null;
  hostname?: string; subdomain?: string; containerPorts?: unknown[]; initContainers?: unknown[]; labels?: Record<string, string>;
}

/** A running pod `pod-<iii>` on node-1 with IP 10.1.x.y, ready unless told otherwise. */
export function pod(i: number, over: PodOver = {}): KubeObject {
  const name = podName(i);
  const ips = over.ips ?? [podIP(i)];
  return {
    apiVersion: 'v1', kind: 'Pod',
    metadata: {
      name, namespace: NS, uid: `uid-${name}`, labels: over.labels ?? { app: 'web' },
      ...(over.terminating ? { deletionTimestamp: '2024-01-01T00:00:00Z' } : {}),
    },
    spec: {
      ...(over.node === null ? {} : { nodeName: over.node ?? 'node-1' }),
      ...(over.hostname ? { hostname: over.hostname } : {}),
      ...(over.subdomain ? { subdomain: over.subdomain } : {}),
      containers: [{ name: 'c', image: 'x', ...(over.containerPorts ? { ports: over.containerPorts } : {}) }],
      ...(over.initContainers ? { initContainers: over.initContainers } : {}),
    },
    status: {
      phase: over.phase ?? 'Running',
      conditions: [{ type: 'Ready', status: over.ready === false ? 'False' : 'True' }],
      ...(ips.length > 0 ? { podIP: ips[0] } : {}),
      ...(ips.length > 0 && !over.podIPOnly ? { podIPs: ips.map((ip) => ({ ip })) } : {}),
    },
  };
}

export const pods = (n: number, over: (i: number) => PodOver = () => ({})) => Array.from({ length: n }, (_, i) => pod(i, over(i)));

export function node(name: string, zone?: string): KubeObject {
  return { apiVersion: 'v1', kind: 'Node', metadata: { name, ...(zone ? { labels: { [LABEL_TOPOLOGY_ZONE]: zone } } : {}) } };
}

/** A node lookup over the given nodes (default: node-1 in zone-a). */
export function nodeLookup(nodes: KubeObject[] = [node('node-1', 'zone-a')]): (name: string) => KubeObject | undefined {
  const byName = new Map(nodes.map((n) => [n.metadata.name!, n]));
  return (name) => byName.get(name);
}

/** One reconcile of `svc` over `ps` against `existing`, nodes from nodeLookup(). */
export function plan(svc: KubeObject, ps: KubeObject[], existing: KubeObject[] = [], opts: { max?: number; triggerTime?: string } = {}): EndpointSlicePlan {
  const desired = desiredEndpoints(svc, ps, nodeLookup());
  return reconcile({ service: svc, desired, existing, maxEndpointsPerSlice: opts.max, triggerTime: opts.triggerTime });
}

/** A fake API store for slices: creates get `<generateName><n>`, counted writes. */
export class FakeSliceStore {
  slices: KubeObject[] = [];
  writes = { create: 0, update: 0, delete: 0 };
  private next = 0;
  apply(p: EndpointSlicePlan): void {
    for (const d of p.delete) this.slices = this.slices.filter((s) => s.metadata.name !== d.metadata.name);
    for (const u of p.update) this.slices = this.slices.map((s) => (s.metadata.name === u.metadata.name ? u : s));
    for (const c of p.create) this.slices.push({ ...c, metadata: { ...c.metadata, name: `${c.metadata.generateName}${this.next++}` } });
    this.writes.create += p.create.length;
    this.writes.update += p.update.length;
    this.writes.delete += p.delete.length;
  }
  sync(svc: KubeObject, ps: KubeObject[], max?: number): EndpointSlicePlan {
    const p = plan(svc, ps, this.slices, { max });
    this.apply(p);
    return p;
  }
  lengths(): number[] {
    return this.slices.map((s) => (s.endpoints as unknown[]).length).sort((a, b) => b - a);
  }
}
