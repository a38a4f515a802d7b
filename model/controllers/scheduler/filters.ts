// The filter plugins of the default profile that the model implements, in upstream's order.
// upstream: pkg/scheduler/apis/config/v1/default_plugins.go (order), and under
//           pkg/scheduler/framework/plugins/: nodeunschedulable, nodename, tainttoleration,
//           nodeaffinity, noderesources/fit.go (fitsRequest). The reason strings are upstream's.
//
// The framework stops at the first plugin that rejects a node, so a cordoned node that also
// lacks cpu is reported as unschedulable only. NodeResourcesFit reports every resource that is
// short, so one node can count towards "Insufficient cpu" and "Insufficient memory" at once.
// The volume plugins (VolumeRestrictions, VolumeBinding) come after NodeResourcesFit; they need
// per-pod state from PreFilter, so schedulePod runs them (volumes.ts) when these pass.
// Not modelled: NodePorts, PodTopologySpread, InterPodAffinity.
import type { Taint } from '../../api/types.js';
import { tolerationsTolerateTaint } from '../../api/taints.js';
import { matchesRequired } from './node-affinity.js';
import type { NodeInfo } from './node-info.js';
import type { PodInfo } from './pod-info.js';
import type { PodRequests } from './requests.js';
import { REASON_RWOP_CONFLICT, volumeReasons } from './volumes.js';

export const REASON_UNSCHEDULABLE = 'node(s) were unschedulable';
export const REASON_NODE_NAME = "node(s) didn't match the requested node name";
export const REASON_NODE_AFFINITY = "node(s) didn't match Pod's node affinity/selector";
/** Since PR kubernetes/kubernetes#134740 (v1.35, backported to v1.34.2): no taint key or value. */
export const REASON_UNTOLERATED_TAINT = 'node(s) had untolerated taint(s)';
export const REASON_TOO_MANY_PODS = 'Too many pods';
export const REASON_INSUFFICIENT_CPU = 'Insufficient cpu';
export const REASON_INSUFFICIENT_MEMORY = 'Insufficient memory';

/** Before #134740 the taint was printed: `node(s) had untolerated taint {key: value}`. */
export function untoleratedTaintReasonWithTaint(taint: Taint): string {
  return `node(s) had untolerated taint {${taint.key}: ${taint.value ?? ''}}`;
}

// A node's filter status as a small integer, so the hot loop allocates nothing.
// 1–4: one unresolvable plugin (UnschedulableAndUnresolvable upstream: preemption cannot help).
// Bits 8, 16, 32: NodeResourcesFit's reasons (Unschedulable: preemption might help), with
// bit 64 when the pod asks for more cpu or memory than the node has at all: then no eviction
// can make room, and upstream marks the status UnschedulableAndUnresolvable.
export const FITS = 0;
export const STATUS_UNSCHEDULABLE = 1;
export const STATUS_NODE_NAME = 2;
export const STATUS_TAINT = 3;
export const STATUS_NODE_AFFINITY = 4;
export const STATUS_TOO_MANY_PODS = 8;
export const STATUS_INSUFFICIENT_CPU = 16;
export const STATUS_INSUFFICIENT_MEMORY = 32;
export const STATUS_BEYOND_CAPACITY = 64;
/** VolumeRestrictions: a ReadWriteOncePod claim of the pod is in use (Unschedulable: preemption might help). */
export const STATUS_RWOP_CONFLICT = 128;
/** VolumeBinding: this plus the VOLUME_* bits of volumes.ts (UnschedulableAndUnresolvable). */
export const STATUS_VOLUME = 256;
/** One past the largest status, for arrays indexed by status. */
export const STATUS_LIMIT = STATUS_VOLUME + 8;

/** Could evicting pods make the node fit (upstream: Unschedulable rather than ...AndUnresolvable)? */
export function isResolvable(status: number): boolean {
  if (status === STATUS_RWOP_CONFLICT) return true;
  return status >= STATUS_TOO_MANY_PODS && status < STATUS_RWOP_CONFLICT && (status & STATUS_BEYOND_CAPACITY) === 0;
}

/** The first NoSchedule/NoExecute taint of the node that the pod does not tolerate. */
export function untoleratedTaint(p: PodInfo, ni: NodeInfo): Taint | undefined {
  const taints = ni.hardTaints;
  for (let i = 0; i < taints.length; i++) {
    if (!tolerationsTolerateTaint(p.tolerations, taints[i]!)) return taints[i];
  }
  return undefined;
}

/** upstream fitsRequest: the bits of every resource that does not fit (0: fits). */
export function insufficientResources(req: PodRequests, ni: NodeInfo): number {
  let bits = 0;
  const a = ni.allocatable;
  if (ni.requested.pods + 1 > a.pods) bits |= STATUS_TOO_MANY_PODS;
  if (req.cpuMilli === 0 && req.memory === 0) return bits;
  if (req.cpuMilli > 0 && req.cpuMilli > a.cpuMilli - ni.requested.cpuMilli) {
    bits |= STATUS_INSUFFICIENT_CPU;
    if (req.cpuMilli > a.cpuMilli) bits |= STATUS_BEYOND_CAPACITY;
  }
  if (req.memory > 0 && req.memory > a.memory - ni.requested.memory) {
    bits |= STATUS_INSUFFICIENT_MEMORY;
    if (req.memory > a.memory) bits |= STATUS_BEYOND_CAPACITY;
  }
  return bits;
}

/** All filters in upstream order; the status of the first that rejects, or FITS. */
export function filterStatus(p: PodInfo, ni: NodeInfo): number {
  if (ni.unschedulable && !p.toleratesUnschedulable) return STATUS_UNSCHEDULABLE;
  if (p.nodeName !== '' && p.nodeName !== ni.name) return STATUS_NODE_NAME;
  if (ni.hardTaints.length > 0 && untoleratedTaint(p, ni) !== undefined) return STATUS_TAINT;
  if (p.requiredAffinity !== null && !matchesRequired(p.requiredAffinity, ni.labels, ni.name)) return STATUS_NODE_AFFINITY;
  return insufficientResources(p.requests, ni);
}

/** The reason strings of a status, as FailedScheduling counts them. */
export function statusReasons(status: number, p: PodInfo, ni: NodeInfo, taintInMessage = false): string[] {
  switch (status) {
    case FITS: return [];
    case STATUS_UNSCHEDULABLE: return [REASON_UNSCHEDULABLE];
    case STATUS_NODE_NAME: return [REASON_NODE_NAME];
    case STATUS_TAINT:
      return [taintInMessage ? untoleratedTaintReasonWithTaint(untoleratedTaint(p, ni)!) : REASON_UNTOLERATED_TAINT];
    case STATUS_NODE_AFFINITY: return [REASON_NODE_AFFINITY];
    case STATUS_RWOP_CONFLICT: return [REASON_RWOP_CONFLICT];
  }
  if (status > STATUS_VOLUME) return volumeReasons(status - STATUS_VOLUME);
  const out: string[] = [];
  if (status & STATUS_TOO_MANY_PODS) out.push(REASON_TOO_MANY_PODS);
  if (status & STATUS_INSUFFICIENT_CPU) out.push(REASON_INSUFFICIENT_CPU);
  if (status & STATUS_INSUFFICIENT_MEMORY) out.push(REASON_INSUFFICIENT_MEMORY);
  return out;
}

// The plugins one by one: null when the node passes, else upstream's reason.

/** NodeUnschedulable: a cordoned node takes only pods tolerating node.kubernetes.io/unschedulable:NoSchedule. */
export function nodeUnschedulableFilter(p: PodInfo, ni: NodeInfo): string | null {
  return ni.unschedulable && !p.toleratesUnschedulable ? REASON_UNSCHEDULABLE : null;
}

/** NodeName: a pod with spec.nodeName fits only that node. */
export function nodeNameFilter(p: PodInfo, ni: NodeInfo): string | null {
  return p.nodeName !== '' && p.nodeName !== ni.name ? REASON_NODE_NAME : null;
}

/** TaintToleration: every NoSchedule and NoExecute taint must be tolerated. */
export function taintTolerationFilter(p: PodInfo, ni: NodeInfo, taintInMessage = false): string | null {
  const t = untoleratedTaint(p, ni);
  if (!t) return null;
  return taintInMessage ? untoleratedTaintReasonWithTaint(t) : REASON_UNTOLERATED_TAINT;
}

/** NodeAffinity: nodeSelector and required node affinity. */
export function nodeAffinityFilter(p: PodInfo, ni: NodeInfo): string | null {
  return p.requiredAffinity !== null && !matchesRequired(p.requiredAffinity, ni.labels, ni.name) ? REASON_NODE_AFFINITY : null;
}

/** NodeResourcesFit: every reason that applies, or null. */
export function nodeResourcesFitFilter(p: PodInfo, ni: NodeInfo): string[] | null {
  const bits = insufficientResources(p.requests, ni);
  return bits === 0 ? null : statusReasons(bits, p, ni);
}

/** The reasons of the first plugin that rejects the node, or null when it fits. */
export function runFilters(p: PodInfo, ni: NodeInfo, taintInMessage = false): string[] | null {
  const status = filterStatus(p, ni);
  return status === FITS ? null : statusReasons(status, p, ni, taintInMessage);
}
