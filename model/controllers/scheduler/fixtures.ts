// Small builders for nodes and pods, shared by the scheduler's tests and its benchmark.
// Not part of the public surface (index.ts does not export them).
import type { Node, Pod, Taint, Toleration } from '../../api/types.js';

export interface NodeSpecLite {
  cpu?: string;
  memory?: string;
  pods?: string;
  labels?: Record<string, string>;
  taints?: Taint[];
  unschedulable?: boolean;
}

export function makeNode(name: string, o: NodeSpecLite = {}): Node {
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: { name, labels: { 'kubernetes.io/hostname': name, ...o.labels } },
    spec: { taints: o.taints, unschedulable: o.unschedulable },
    status: { allocatable: { cpu: o.cpu ?? '4', memory: o.memory ?? '16Gi', pods: o.pods ?? '110' } },
  };
}

export interface PodSpecLite {
  cpu?: string;
  memory?: string;
  nodeName?: string;
  nodeSelector?: Record<string, string>;
  tolerations?: Toleration[];
  affinity?: NonNullable<Pod['spec']>['affinity'];
  preemptionPolicy?: string;
}

export function makePod(name: string, o: PodSpecLite = {}): Pod {
  const requests: Record<string, string> = {};
  if (o.cpu !== undefined) requests.cpu = o.cpu;
  if (o.memory !== undefined) requests.memory = o.memory;
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, namespace: 'default', uid: `uid-${name}` },
    spec: {
      containers: [{ name: 'c', image: 'nginx', resources: { requests } }],
      nodeName: o.nodeName,
      nodeSelector: o.nodeSelector,
      tolerations: o.tolerations,
      affinity: o.affinity,
      preemptionPolicy: o.preemptionPolicy,
    },
  };
}

/** A tiny deterministic generator (Numerical Recipes LCG), uniform in [0, 1). */
export function lcg(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 4294967296;
  };
}
