// One scheduling cycle: PreFilter, Filter (stopping once enough feasible nodes are found),
// Score, select a host. Pure apart from the caller's cursor: no store, no clock; randomness
// only from the `rand` the caller passes, and only to break ties.
// upstream: pkg/scheduler/schedule_one.go (schedulePod, findNodesThatFitPod,
//           findNodesThatPassFilters, numFeasibleNodesToFind, selectHost).
//
// Why stop early: in a large cluster scoring every node costs more than it gains, so upstream
// filters nodes only until it has found percentageOfNodesToScore of them (adaptive by default:
// 50% minus 1% per 125 nodes, at least 5% and at least 100 nodes), starting where the previous
// cycle stopped so that every node gets its turn. The cursor carries that start index across
// calls; give each scheduler its own.
import type { KubeObject, Pod } from '../../api/types.js';
import {
  FITS, STATUS_TAINT, filterStatus, untoleratedTaint,
  untoleratedTaintReasonWithTaint, REASON_INSUFFICIENT_CPU, REASON_INSUFFICIENT_MEMORY,
  REASON_NODE_AFFINITY, REASON_NODE_NAME, REASON_TOO_MANY_PODS, REASON_UNSCHEDULABLE,
  REASON_UNTOLERATED_TAINT, STATUS_INSUFFICIENT_CPU, STATUS_INSUFFICIENT_MEMORY,
  STATUS_NODE_AFFINITY, STATUS_NODE_NAME, STATUS_TOO_MANY_PODS, STATUS_UNSCHEDULABLE, isResolvable,
  STATUS_RWOP_CONFLICT, STATUS_VOLUME, STATUS_LIMIT,
} from './filters.js';
import {
  ERR_NO_NODES_AVAILABLE, REASON_AFFINITY_CONFLICT, absentNodesReason, addReason, fitErrorMessage, newDiagnosis,
  type Diagnosis,
} from './fit-error.js';
import type { NodeInfo } from './node-info.js';
import { isPodInfo, newPodInfo, type PodInfo } from './pod-info.js';
import { scoreNodes } from './scoring.js';
import {
  REASON_RWOP_CONFLICT, eligibleNodes, findPodVolumes, volumePreFilter, volumeReasons, type ClaimLookup, type PodClaims, type PodVolumes,
} from './volumes.js';

export interface SchedulerConfig {
  /** 0 (upstream's default): adaptive. Otherwise 1–100. */
  percentageOfNodesToScore: number;
  /** Print the untolerated taint (`{key: value}`), as upstream did before PR #134740 (v1.35, v1.34.2). */
  taintInMessage: boolean;
  /** DynamicResources is enabled (GA and on by default since v1.34): adds "no new claims to deallocate". */
  dynamicResources: boolean;
}

// The model mirrors v1.32 (its kubelets report v1.32.0): taints are named in
// FailedScheduling messages (dropped in v1.35, PR kubernetes/kubernetes#134740)
// and DRA's "no new claims to deallocate" (on by default from v1.34) is absent.
export const DEFAULT_SCHEDULER_CONFIG: Readonly<SchedulerConfig> = Object.freeze({
  percentageOfNodesToScore: 0,
  taintInMessage: true,
  dynamicResources: false,
});

/** upstream sched.nextStartNodeIndex: where the next cycle starts filtering. */
export interface ScheduleCursor {
  nextStartNodeIndex: number;
}

export interface ScheduleOptions extends Partial<SchedulerConfig> {
  /** Updated in place; without one every cycle starts at node 0. */
  cursor?: ScheduleCursor;
  /** Name lookup for pods pinned to nodes by name (DaemonSet pods); without it, a scan. */
  nodeByName?: (name: string) => NodeInfo | undefined;
  /** The claims and classes the volume PreFilter reads; without it, pods' claims are not checked. */
  volumes?: ClaimLookup;
}

export type ScheduleResult =
  /** `volumes`: what the node needs bound or provisioned first (WaitForFirstConsumer claims), when anything. */
  | { node: string; evaluatedNodes: number; feasibleNodes: number; volumes?: PodVolumes }
  | { unschedulable: string };

// upstream: pkg/scheduler/schedule_one.go (minFeasibleNodesToFind, minFeasibleNodesPercentageToFind)
const MIN_FEASIBLE_NODES_TO_FIND = 100;
const MIN_FEASIBLE_NODES_PERCENTAGE_TO_FIND = 5;

/** upstream numFeasibleNodesToFind, in int32 arithmetic. */
export function numFeasibleNodesToFind(percentageOfNodesToScore: number, numAllNodes: number): number {
  if (numAllNodes < MIN_FEASIBLE_NODES_TO_FIND) return numAllNodes;
  let percentage = percentageOfNodesToScore;
  if (percentage === 0) {
    percentage = 50 - Math.trunc(numAllNodes / 125);
    if (percentage < MIN_FEASIBLE_NODES_PERCENTAGE_TO_FIND) percentage = MIN_FEASIBLE_NODES_PERCENTAGE_TO_FIND;
  }
  const n = Math.trunc((numAllNodes * percentage) / 100);
  return n < MIN_FEASIBLE_NODES_TO_FIND ? MIN_FEASIBLE_NODES_TO_FIND : n;
}

// Reused across calls (scheduling is synchronous): the hot path allocates nothing per node.
let feasible: NodeInfo[] = [];
let totals = new Float64Array(1024);
const failures = new Int32Array(STATUS_LIMIT); // indexed by filter status

function nodesByPreFilter(names: ReadonlySet<string>, nodes: readonly NodeInfo[], opts: ScheduleOptions): NodeInfo[] {
  const out: NodeInfo[] = [];
  if (opts.nodeByName) {
    for (const name of names) {
      const ni = opts.nodeByName(name);
      if (ni) out.push(ni);
    }
  } else {
    for (const ni of nodes) if (names.has(ni.name)) out.push(ni);
  }
  return out;
}

/** The Diagnosis from the per-status failure counts gathered while filtering. */
function diagnose(taintReasons: Map<string, number> | null): Diagnosis {
  const d = newDiagnosis();
  const simple: [number, string][] = [
    [STATUS_UNSCHEDULABLE, REASON_UNSCHEDULABLE], [STATUS_NODE_NAME, REASON_NODE_NAME],
    [STATUS_TAINT, REASON_UNTOLERATED_TAINT], [STATUS_NODE_AFFINITY, REASON_NODE_AFFINITY],
  ];
  for (const [status, reason] of simple) {
    d.unresolvableNodes += failures[status]!;
    if (status === STATUS_TAINT && taintReasons) continue;
    if (failures[status]! > 0) addReason(d, reason, failures[status]);
  }
  if (taintReasons) for (const [reason, n] of taintReasons) addReason(d, reason, n);
  if (failures[STATUS_RWOP_CONFLICT]! > 0) {
    d.resolvableNodes += failures[STATUS_RWOP_CONFLICT]!;
    addReason(d, REASON_RWOP_CONFLICT, failures[STATUS_RWOP_CONFLICT]);
  }
  for (let s = STATUS_VOLUME + 1; s < STATUS_LIMIT; s++) {
    const n = failures[s]!;
    if (n === 0) continue;
    d.unresolvableNodes += n;
    for (const reason of volumeReasons(s - STATUS_VOLUME)) addReason(d, reason, n);
  }
  for (let bits = STATUS_TOO_MANY_PODS; bits < STATUS_RWOP_CONFLICT; bits++) {
    const n = failures[bits]!;
    if (n === 0) continue;
    if (isResolvable(bits)) d.resolvableNodes += n;
    else d.unresolvableNodes += n;
    if (bits & STATUS_TOO_MANY_PODS) addReason(d, REASON_TOO_MANY_PODS, n);
    if (bits & STATUS_INSUFFICIENT_CPU) addReason(d, REASON_INSUFFICIENT_CPU, n);
    if (bits & STATUS_INSUFFICIENT_MEMORY) addReason(d, REASON_INSUFFICIENT_MEMORY, n);
  }
  return d;
}

/**
 * Schedule one pod onto one of `nodes` (the caller's NodeInfos, in the caller's stable order).
 * Pass a PodInfo (newPodInfo, cached per uid) to avoid re-deriving the pod on every attempt.
 * Not modelled: nominatedNodeName (tried first upstream), preemption, extenders.
 */
export function schedulePod(
  pod: Pod | PodInfo,
  nodes: readonly NodeInfo[],
  rand: () => number,
  opts: ScheduleOptions = {},
): ScheduleResult {
  const p = isPodInfo(pod) ? pod : newPodInfo(pod);
  const numAllNodes = nodes.length;
  if (numAllNodes === 0) return { unschedulable: ERR_NO_NODES_AVAILABLE };
  const msgCfg = { dynamicResources: opts.dynamicResources ?? DEFAULT_SCHEDULER_CONFIG.dynamicResources };
  const taintInMessage = opts.taintInMessage ?? DEFAULT_SCHEDULER_CONFIG.taintInMessage;

  // PreFilter: NodeAffinity may narrow the nodes to the names the pod is pinned to.
  if (p.preFilterNodeNames === 'conflict') {
    const d = newDiagnosis();
    d.preFilterMsg = REASON_AFFINITY_CONFLICT;
    d.unresolvableNodes = numAllNodes;
    return { unschedulable: fitErrorMessage(numAllNodes, d, p.preemptNever, msgCfg) };
  }
  // PreFilter: VolumeBinding rejects a pod whose claims are missing, being deleted or unbound and Immediate.
  const look = opts.volumes;
  let claims: PodClaims | undefined;
  if (look && p.pod.spec?.volumes?.length) {
    const pre = volumePreFilter(p.pod as KubeObject, look);
    if ('reject' in pre) {
      const d = newDiagnosis();
      d.preFilterMsg = pre.reject;
      d.unresolvableNodes = numAllNodes;
      return { unschedulable: fitErrorMessage(numAllNodes, d, p.preemptNever, msgCfg) };
    }
    if (pre.claims.bound.length > 0 || pre.claims.toBind.length > 0 || pre.claims.rwopConflict) claims = pre.claims;
  }
  // The volume filters, after the node's own: VolumeRestrictions, then VolumeBinding.
  const volumeStatus = (ni: NodeInfo): number => {
    if (claims!.rwopConflict) return STATUS_RWOP_CONFLICT;
    const bits = findPodVolumes(claims!, ni.name, ni.labels, look!).bits;
    return bits === 0 ? FITS : STATUS_VOLUME + bits;
  };
  // PreFilter results narrow the nodes: NodeAffinity's pinned names, VolumeBinding's hostname-pinned volumes;
  // several intersect, and the nodes left out are reported by the plugins that narrowed (upstream RunPreFilterPlugins).
  let names: ReadonlySet<string> | null = p.preFilterNodeNames;
  const narrowedBy: string[] = names === null ? [] : ['NodeAffinity'];
  const pinned = claims && look ? eligibleNodes(claims, look) : undefined;
  if (pinned !== undefined) {
    names = names === null ? pinned : new Set([...names].filter((n) => pinned.has(n)));
    narrowedBy.push('VolumeBinding');
    if (names.size === 0) {
      const d = newDiagnosis();
      d.preFilterMsg = narrowedBy.length === 1 ? `node(s) didn't satisfy plugin ${narrowedBy[0]}` : `node(s) didn't satisfy plugin(s) [${narrowedBy.join(' ')}] simultaneously`;
      d.unresolvableNodes = numAllNodes;
      return { unschedulable: fitErrorMessage(numAllNodes, d, p.preemptNever, msgCfg) };
    }
  }
  const candidates = names === null ? nodes : nodesByPreFilter(names, nodes, opts);
  const n = candidates.length;

  // Filter, from the cursor, until numToFind feasible nodes are found and one more turns up.
  const numToFind = numFeasibleNodesToFind(opts.percentageOfNodesToScore ?? DEFAULT_SCHEDULER_CONFIG.percentageOfNodesToScore, n);
  if (feasible.length < numToFind) feasible = new Array<NodeInfo>(numToFind * 2);
  failures.fill(0);
  let taintReasons: Map<string, number> | null = null;
  const cursor = opts.cursor ?? { nextStartNodeIndex: 0 };
  const start = cursor.nextStartNodeIndex;
  let found = 0;
  let failed = 0;
  let at = n === 0 ? 0 : start % n;
  for (let i = 0; i < n; i++, at++) {
    if (at === n) at = 0;
    const ni = candidates[at]!;
    let status = filterStatus(p, ni);
    if (status === FITS && claims) status = volumeStatus(ni);
    if (status === FITS) {
      if (found === numToFind) break; // upstream cancels on the extra one and does not count it
      feasible[found++] = ni;
      continue;
    }
    failed++;
    failures[status]!++;
    if (status === STATUS_TAINT && taintInMessage) {
      taintReasons ??= new Map();
      const reason = untoleratedTaintReasonWithTaint(untoleratedTaint(p, ni)!);
      taintReasons.set(reason, (taintReasons.get(reason) ?? 0) + 1);
    }
  }
  cursor.nextStartNodeIndex = (start + found + failed) % numAllNodes;

  if (found === 0) {
    const d = diagnose(taintReasons);
    const absent = numAllNodes - n;
    if (absent > 0) {
      addReason(d, absentNodesReason(narrowedBy), absent);
      d.unresolvableNodes += absent;
    }
    return { unschedulable: fitErrorMessage(numAllNodes, d, p.preemptNever, msgCfg) };
  }
  const withVolumes = (r: { node: string; evaluatedNodes: number; feasibleNodes: number }, ni: NodeInfo): ScheduleResult => {
    if (!claims || claims.toBind.length === 0) return r;
    const { bindings, provisions } = findPodVolumes(claims, ni.name, ni.labels, look!);
    return { ...r, volumes: { bindings, provisions } };
  };
  if (found === 1) return withVolumes({ node: feasible[0]!.name, evaluatedNodes: 1 + failed, feasibleNodes: 1 }, feasible[0]!);

  // Score, then pick the best; ties by reservoir sampling, as upstream selectHost.
  if (totals.length < found) totals = new Float64Array(found * 2);
  scoreNodes(p, feasible, found, totals);
  let selected = 0;
  let maxScore = totals[0]!;
  let countOfMax = 1;
  for (let i = 1; i < found; i++) {
    const s = totals[i]!;
    if (s > maxScore) {
      maxScore = s;
      selected = i;
      countOfMax = 1;
    } else if (s === maxScore) {
      countOfMax++;
      if (Math.floor(rand() * countOfMax) === 0) selected = i; // replace with probability 1/countOfMax
    }
  }
  return withVolumes({ node: feasible[selected]!.name, evaluatedNodes: found + failed, feasibleNodes: found }, feasible[selected]!);
}
