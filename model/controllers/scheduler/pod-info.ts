// Everything the filters and scores need from a pod, derived once per pod rather than once
// per node: at 5,000 nodes a scheduling cycle evaluates a pod hundreds of times, so the
// parsing of quantities, tolerations and affinity terms is hoisted here.
// upstream: pkg/scheduler/framework/types.go (PodInfo) and the plugins' PreFilter/PreScore state.
import type { Pod, Toleration } from '../../api/types.js';
import { TAINT_NODE_UNSCHEDULABLE, tolerationsTolerateTaint } from '../../api/taints.js';
import { podRequests, type PodRequests } from './requests.js';
import {
  preFilterNodeNames, preferredTerms, requiredNodeAffinity,
  type PreferredTerm, type RequiredNodeAffinity,
} from './node-affinity.js';

export interface PodInfo {
  readonly pod: Pod;
  readonly requests: PodRequests;
  /** spec.nodeName, '' when unset. */
  readonly nodeName: string;
  readonly tolerations: readonly Toleration[];
  /** Tolerations with effect PreferNoSchedule or empty: the ones TaintToleration scoring uses. */
  readonly preferNoScheduleTolerations: readonly Toleration[];
  /** Tolerates node.kubernetes.io/unschedulable:NoSchedule, so cordoned nodes accept it (DaemonSet pods). */
  readonly toleratesUnschedulable: boolean;
  /** null: nothing to check (upstream's PreFilter Skip). */
  readonly requiredAffinity: RequiredNodeAffinity | null;
  readonly preferredAffinity: readonly PreferredTerm[] | null;
  /** NodeAffinity PreFilter result: only these nodes are evaluated; 'conflict': none is. */
  readonly preFilterNodeNames: ReadonlySet<string> | 'conflict' | null;
  /** spec.preemptionPolicy: Never. */
  readonly preemptNever: boolean;
}

export function newPodInfo(pod: Pod): PodInfo {
  const tolerations = pod.spec?.tolerations ?? [];
  return {
    pod,
    requests: podRequests(pod),
    nodeName: pod.spec?.nodeName ?? '',
    tolerations,
    preferNoScheduleTolerations: tolerations.filter((t) => !t.effect || t.effect === 'PreferNoSchedule'),
    toleratesUnschedulable: tolerationsTolerateTaint(tolerations, { key: TAINT_NODE_UNSCHEDULABLE, effect: 'NoSchedule' }),
    requiredAffinity: requiredNodeAffinity(pod),
    preferredAffinity: preferredTerms(pod),
    preFilterNodeNames: preFilterNodeNames(pod),
    preemptNever: pod.spec?.preemptionPolicy === 'Never',
  };
}

export function isPodInfo(p: Pod | PodInfo): p is PodInfo {
  return 'requests' in p && 'pod' in p;
}
