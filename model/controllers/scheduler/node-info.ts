// The scheduler's per-node aggregate, kept up to date incrementally from watch events.
// upstream: pkg/scheduler/framework/types.go (NodeInfo, AddPodInfo, RemovePod, update).
//
// Pods are remembered by uid together with the requests they were added with, so removal
// subtracts exactly what was added even if the pod object changed in between (upstream keys
// its NodeInfo pods by uid for the same reason). The fields the filters read on every
// scheduling cycle (schedulability, the two taint lists, labels, allocatable) are derived once
// per node update, not once per pod.
import type { Node, Taint } from '../../api/types.js';
import { milliValue, quantityValue } from '../../api/quantity.js';
import { isDoNotScheduleTaint } from '../../api/taints.js';
import type { PodRequests } from './requests.js';

export interface Resources {
  cpuMilli: number;
  memory: number;
  pods: number;
}

export interface NodeInfo {
  readonly name: string;
  node: Node;
  labels: Readonly<Record<string, string>>;
  /** spec.unschedulable (cordoned). */
  unschedulable: boolean;
  /** NoSchedule and NoExecute taints, in the node's order: the ones the filter checks. */
  hardTaints: readonly Taint[];
  /** PreferNoSchedule taints: the ones scoring counts. */
  softTaints: readonly Taint[];
  /** status.allocatable; a node without it has room for nothing, as upstream. */
  allocatable: Resources;
  /** Sum of the requests of the pods on the node; `pods` is their number. */
  requested: Resources;
  /** The same sum with upstream's non-zero defaults (LeastAllocated reads it). */
  nonZeroRequested: { cpuMilli: number; memory: number };
  readonly pods: Map<string, PodRequests>;
  /** Bumped on every change, as upstream's Generation. */
  generation: number;
}

type ResourceList = Record<string, string | number> | undefined;

function parseAllocatable(node: Node): Resources {
  const a = node.status?.allocatable as ResourceList;
  return {
    cpuMilli: a?.cpu === undefined ? 0 : milliValue(a.cpu),
    memory: a?.memory === undefined ? 0 : quantityValue(a.memory),
    pods: a?.pods === undefined ? 0 : quantityValue(a.pods),
  };
}

export function newNodeInfo(node: Node): NodeInfo {
  const info: NodeInfo = {
    name: node.metadata?.name ?? '',
    node,
    labels: {},
    unschedulable: false,
    hardTaints: [],
    softTaints: [],
    allocatable: { cpuMilli: 0, memory: 0, pods: 0 },
    requested: { cpuMilli: 0, memory: 0, pods: 0 },
    nonZeroRequested: { cpuMilli: 0, memory: 0 },
    pods: new Map(),
    generation: 0,
  };
  setNode(info, node);
  return info;
}

/** Replace the node object (labels, taints, allocatable may have changed); the pods stay. */
export function setNode(info: NodeInfo, node: Node): void {
  if ((node.metadata?.name ?? '') !== info.name) {
    throw new Error(`NodeInfo for "${info.name}" cannot take node "${node.metadata?.name ?? ''}"`);
  }
  info.node = node;
  info.labels = node.metadata?.labels ?? {};
  info.unschedulable = node.spec?.unschedulable === true;
  const taints = node.spec?.taints ?? [];
  info.hardTaints = taints.filter(isDoNotScheduleTaint);
  info.softTaints = taints.filter((t) => t.effect === 'PreferNoSchedule');
  info.allocatable = parseAllocatable(node);
  info.generation++;
}

function apply(info: NodeInfo, req: PodRequests, sign: 1 | -1): void {
  info.requested.cpuMilli += sign * req.cpuMilli;
  info.requested.memory += sign * req.memory;
  info.requested.pods += sign;
  info.nonZeroRequested.cpuMilli += sign * req.nonZeroCpuMilli;
  info.nonZeroRequested.memory += sign * req.nonZeroMemory;
}

/** Count a pod on the node. Adding a uid already present replaces its old requests. */
export function addPod(info: NodeInfo, uid: string, req: PodRequests): void {
  const old = info.pods.get(uid);
  if (old) apply(info, old, -1);
  info.pods.set(uid, req);
  apply(info, req, 1);
  info.generation++;
}

/** Forget a pod; false if it was not on the node. */
export function removePod(info: NodeInfo, uid: string): boolean {
  const old = info.pods.get(uid);
  if (!old) return false;
  info.pods.delete(uid);
  apply(info, old, -1);
  info.generation++;
  return true;
}
