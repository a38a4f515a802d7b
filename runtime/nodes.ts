// Node objects for simulated hardware, as a kubelet registers them.
import type { KubeObject } from '../model/api/types.js';
import { DEFAULT_CAPACITY, type NodeSpecInput } from './config.js';

/** upstream: pkg/kubelet/kubelet_node_status.go (initialNode: well-known labels). */
export function nodeObject(spec: NodeSpecInput): KubeObject {
  const cap = { ...DEFAULT_CAPACITY, ...(spec.capacity ?? {}) };
  const capacity = { cpu: String(cap.cpu), memory: String(cap.memory), pods: String(cap.pods), 'ephemeral-storage': '100Gi' };
  const labels: Record<string, string> = {
    'beta.kubernetes.io/arch': 'amd64',
    'beta.kubernetes.io/os': 'linux',
    'kubernetes.io/arch': 'amd64',
    'kubernetes.io/hostname': spec.name,
    'kubernetes.io/os': 'linux',
    ...(spec.labels ?? {}),
  };
  const node: KubeObject = {
    apiVersion: 'v1', kind: 'Node',
    metadata: { name: spec.name, labels, annotations: { 'node.alpha.kubernetes.io/ttl': '0' } },
    spec: { podCIDR: '', ...(spec.taints?.length ? { taints: spec.taints.map((t) => ({ ...t })) } : {}) },
    status: { capacity, allocatable: { ...capacity } },
  };
  return node;
}

/** `node-1`..`node-N` with the default capacity. */
export function defaultNodes(n: number): NodeSpecInput[] {
  return Array.from({ length: n }, (_, i) => ({ name: `node-${i + 1}` }));
}
