// Does a pod fit a node, as the default scheduler's filters decide (the ones
// the model schedules with; NodePorts, volumes, topology spread and pod
// affinity are not modelled), each from the API objects:
// - NodeUnschedulable: a cordoned node (spec.unschedulable) takes only a
//   pod that tolerates node.kubernetes.io/unschedulable:NoSchedule;
// - NodeName: a pod that names a node fits only that one;
// - TaintToleration: every NoSchedule and NoExecute taint must be tolerated
//   (PreferNoSchedule only scores);
// - NodeAffinity: every nodeSelector pair is a label of the node, and when
//   required node affinity is set, one of its terms matches (terms ORed,
//   requirements ANDed; an empty term, or one with an unknown operator or
//   values that do not suit it, matches nothing);
// - NodeResourcesFit: one more pod within allocatable pods, and for cpu and
//   memory that the pod asks for at all, what the node's unfinished pods
//   request plus this pod's within allocatable (a node without allocatable
//   has room for nothing).
// upstream: pkg/scheduler/framework/plugins/{nodeunschedulable,nodename,tainttoleration,nodeaffinity}/*.go,
//           noderesources/fit.go (fitsRequest), component-helpers/scheduling/corev1/nodeaffinity/nodeaffinity.go,
//           apimachinery/pkg/labels/selector.go (Requirement.Matches)
import type { KubeObject } from '../../model/api/types.js';
import { milliValue, quantityValue } from '../../model/api/quantity.js';
import { podFinished } from './pods.js';
import { podEffectiveRequests, type Requests } from './requests.js';
import { tolerated } from './tolerations.js';

export interface Usage { cpuMilli: number; memory: number; pods: number }

export const UNSCHEDULABLE_TAINT = 'node.kubernetes.io/unschedulable';

/** The filter that turns the node down, or undefined when the pod fits. */
export type Rejection = 'NodeUnschedulable' | 'NodeName' | 'TaintToleration' | 'NodeAffinity' | 'NodeResourcesFit';

/** What the unfinished pods bound to each node request, by node name. */
export function usageByNode(pods: readonly KubeObject[], requestsOf: (p: KubeObject) => Requests = podEffectiveRequests): Map<string, Usage> {
  const out = new Map<string, Usage>();
  for (const p of pods) {
    const node = p.spec?.nodeName;
    if (!node || podFinished(p)) continue;
    const r = requestsOf(p);
    const u = out.get(node) ?? { cpuMilli: 0, memory: 0, pods: 0 };
    u.cpuMilli += r.cpuMilli; u.memory += r.memory; u.pods += 1;
    out.set(node, u);
  }
  return out;
}

/** status.allocatable as the scheduler reads it: cpu in millicores, memory in bytes, pods; absent is 0. */
export function allocatableOf(node: KubeObject): Usage {
  const a = node.status?.allocatable ?? {};
  return {
    cpuMilli: a.cpu === undefined ? 0 : milliValue(a.cpu),
    memory: a.memory === undefined ? 0 : quantityValue(a.memory),
    pods: a.pods === undefined ? 0 : quantityValue(a.pods),
  };
}

const isInt = (s: string): boolean => /^[+-]?[0-9]+$/.test(s);

/** One matchExpressions requirement against the node's labels; null when it cannot be parsed. */
function labelRequirement(r: any, labels: Record<string, string>): boolean | null {
  const values: string[] = r?.values ?? [];
  const present = Object.hasOwn(labels, r?.key);
  const value = present ? labels[r.key]! : undefined;
  switch (r?.operator) {
    case 'In': return values.length === 0 ? null : present && values.includes(value!);
    case 'NotIn': return values.length === 0 ? null : !present || !values.includes(value!);
    case 'Exists': return values.length !== 0 ? null : present;
    case 'DoesNotExist': return values.length !== 0 ? null : !present;
    case 'Gt': case 'Lt': {
      if (values.length !== 1 || !isInt(values[0]!)) return null;
      if (!present || !isInt(value!)) return false;
      return r.operator === 'Gt' ? Number(value) > Number(values[0]) : Number(value) < Number(values[0]);
    }
    default: return null;
  }
}

/** One matchFields requirement: only metadata.name is a node field; In/NotIn with exactly one value. */
function fieldRequirement(r: any, nodeName: string): boolean | null {
  const values: string[] = r?.values ?? [];
  if (values.length !== 1 || (r?.operator !== 'In' && r?.operator !== 'NotIn')) return null;
  const field = r.key === 'metadata.name' ? nodeName : '';
  return r.operator === 'In' ? field === values[0] : field !== values[0];
}

function termMatches(term: any, labels: Record<string, string>, nodeName: string): boolean {
  const exprs: any[] = term?.matchExpressions ?? [];
  const fields: any[] = term?.matchFields ?? [];
  if (exprs.length === 0 && fields.length === 0) return false;
  // A term that fails to parse matches nothing, whatever its other requirements say.
  const results = [...exprs.map((r) => labelRequirement(r, labels)), ...fields.map((r) => fieldRequirement(r, nodeName))];
  return results.every((x) => x === true);
}

export function matchesNodeAffinity(pod: KubeObject, node: KubeObject): boolean {
  const labels: Record<string, string> = node.metadata.labels ?? {};
  for (const [k, v] of Object.entries(pod.spec?.nodeSelector ?? {})) {
    if (!Object.hasOwn(labels, k) || labels[k] !== v) return false;
  }
  const required = pod.spec?.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution;
  if (!required) return true;
  return (required.nodeSelectorTerms ?? []).some((t: any) => termMatches(t, labels, node.metadata.name ?? ''));
}

/**
 * Why the node turns the pod down (the first filter that does, in upstream's order), or undefined
 * when it fits. `used`: what the unfinished pods already bound to the node request.
 */
export function rejection(pod: KubeObject, node: KubeObject, used: Usage, requests: Requests = podEffectiveRequests(pod)): Rejection | undefined {
  const tolerations = pod.spec?.tolerations;
  if (node.spec?.unschedulable === true && !tolerated(tolerations, { key: UNSCHEDULABLE_TAINT, effect: 'NoSchedule' })) return 'NodeUnschedulable';
  if (pod.spec?.nodeName && pod.spec.nodeName !== node.metadata.name) return 'NodeName';
  for (const taint of node.spec?.taints ?? []) {
    if ((taint.effect === 'NoSchedule' || taint.effect === 'NoExecute') && !tolerated(tolerations, taint)) return 'TaintToleration';
  }
  if (!matchesNodeAffinity(pod, node)) return 'NodeAffinity';
  const a = allocatableOf(node);
  if (used.pods + 1 > a.pods) return 'NodeResourcesFit';
  if (requests.cpuMilli > 0 && used.cpuMilli + requests.cpuMilli > a.cpuMilli) return 'NodeResourcesFit';
  if (requests.memory > 0 && used.memory + requests.memory > a.memory) return 'NodeResourcesFit';
  return undefined;
}

export const fits = (pod: KubeObject, node: KubeObject, used: Usage, requests?: Requests): boolean =>
  rejection(pod, node, used, requests) === undefined;
