// Taints and tolerations: matching and printing, as the scheduler, the taint-eviction
// controller and the kubelet's admission all share them upstream.
// upstream: k8s.io/api/core/v1/toleration.go (ToleratesTaint), taint.go (ToString),
//           k8s.io/component-helpers/scheduling/corev1/helpers.go (FindMatchingUntoleratedTaint),
//           k8s.io/api/core/v1/well_known_taints.go (the keys below).
import type { Taint, Toleration } from './types.js';

export const TAINT_NODE_NOT_READY = 'node.kubernetes.io/not-ready';
export const TAINT_NODE_UNREACHABLE = 'node.kubernetes.io/unreachable';
export const TAINT_NODE_UNSCHEDULABLE = 'node.kubernetes.io/unschedulable';
export const TAINT_NODE_MEMORY_PRESSURE = 'node.kubernetes.io/memory-pressure';
export const TAINT_NODE_DISK_PRESSURE = 'node.kubernetes.io/disk-pressure';
export const TAINT_NODE_PID_PRESSURE = 'node.kubernetes.io/pid-pressure';
export const TAINT_NODE_NETWORK_UNAVAILABLE = 'node.kubernetes.io/network-unavailable';
export const TAINT_NODE_OUT_OF_SERVICE = 'node.kubernetes.io/out-of-service';
// upstream: k8s.io/cloud-provider/api/well_known_taints.go
export const TAINT_EXTERNAL_CLOUD_PROVIDER = 'node.cloudprovider.kubernetes.io/uninitialized';
export const TAINT_NODE_SHUTDOWN = 'node.cloudprovider.kubernetes.io/shutdown';
// upstream: cmd/kubeadm/app/constants (the control-plane node's NoSchedule taint)
export const TAINT_CONTROL_PLANE = 'node-role.kubernetes.io/control-plane';

export type TaintEffect = 'NoSchedule' | 'PreferNoSchedule' | 'NoExecute';
export const TAINT_EFFECTS: readonly TaintEffect[] = ['NoSchedule', 'PreferNoSchedule', 'NoExecute'];

/**
 * upstream Toleration.ToleratesTaint. An empty effect matches every effect; an empty key
 * matches every key (validation only allows it with Exists); the operator defaults to Equal.
 * An unknown operator tolerates nothing.
 */
export function toleratesTaint(toleration: Toleration, taint: Taint): boolean {
  if (toleration.effect && toleration.effect !== taint.effect) return false;
  if (toleration.key && toleration.key !== taint.key) return false;
  switch (toleration.operator ?? '') {
    case '':
    case 'Equal':
      return (toleration.value ?? '') === (taint.value ?? '');
    case 'Exists':
      return true;
    default:
      return false;
  }
}

/** upstream TolerationsTolerateTaint: some toleration in the list tolerates the taint. */
export function tolerationsTolerateTaint(tolerations: readonly Toleration[] | undefined, taint: Taint): boolean {
  if (!tolerations) return false;
  for (let i = 0; i < tolerations.length; i++) if (toleratesTaint(tolerations[i]!, taint)) return true;
  return false;
}

/**
 * upstream FindMatchingUntoleratedTaint: the first taint, in the node's order, that passes the
 * filter and that no toleration tolerates; undefined when every such taint is tolerated.
 */
export function findUntoleratedTaint(
  taints: readonly Taint[] | undefined,
  tolerations: readonly Toleration[] | undefined,
  include: (taint: Taint) => boolean = () => true,
): Taint | undefined {
  if (!taints) return undefined;
  for (const taint of taints) {
    if (include(taint) && !tolerationsTolerateTaint(tolerations, taint)) return taint;
  }
  return undefined;
}

/** The filter the scheduler and DaemonSet controller use: only NoSchedule and NoExecute taints repel. */
export function isDoNotScheduleTaint(taint: Taint): boolean {
  return taint.effect === 'NoSchedule' || taint.effect === 'NoExecute';
}

/** upstream Taint.ToString: `key=value:Effect`, or `key:Effect` when the value is empty. */
export function taintToString(taint: Taint): string {
  return taint.value ? `${taint.key}=${taint.value}:${taint.effect}` : `${taint.key}:${taint.effect}`;
}
