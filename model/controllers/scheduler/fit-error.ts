// The FailedScheduling message, word for word as kube-scheduler prints it.
// upstream: pkg/scheduler/framework/types.go (FitError.Error, sortReasonsHistogram),
//           pkg/scheduler/framework/runtime/framework.go (RunPostFilterPlugins joins reasons with ", "),
//           pkg/scheduler/framework/preemption/preemption.go (Preempt, nodesWherePreemptionMightHelp),
//           pkg/scheduler/framework/plugins/defaultpreemption/default_preemption.go
//           (PodEligibleToPreemptOthers, SelectVictimsOnNode),
//           pkg/scheduler/framework/plugins/dynamicresources (PostFilter for a pod without claims).
//
// Shape: `0/N nodes are available: <count reason, ...>. <PostFilter messages>` where reasons are
// counted per node, printed as "<count> <reason>" and sorted as strings (so "10 x" sorts before
// "2 y", as upstream). The PostFilter part is DynamicResources' "no new claims to deallocate"
// (v1.34+, where DRA is on by default) and DefaultPreemption's own FitError, in which a node
// rejected by an unresolvable plugin counts as "Preemption is not helpful for scheduling" (so
// does a node too small for the pod even when empty: fit.go marks that Unresolvable).
//
// Simplification: preemption is not modelled. A node rejected only for resources is reported
// as "No preemption victims found for incoming pod", which is what upstream says when no pod
// on the node has a lower priority than the incoming one (true when priorities are equal).

export const ERR_NO_NODES_AVAILABLE = 'no nodes available to schedule pods';
export const REASON_PREEMPTION_NOT_HELPFUL = 'Preemption is not helpful for scheduling';
export const REASON_NO_PREEMPTION_VICTIMS = 'No preemption victims found for incoming pod';
export const PREEMPTION_NOT_ELIGIBLE_NEVER = 'not eligible due to preemptionPolicy=Never.';
export const DRA_NO_NEW_CLAIMS = 'no new claims to deallocate';
/** NodeAffinity PreFilter: required terms that each pin metadata.name, with no name in common. */
export const REASON_AFFINITY_CONFLICT = 'pod affinity terms conflict';

/** The status given to nodes a PreFilter result left out (upstream prints the plugin list with %v). */
export function absentNodesReason(plugins: readonly string[]): string {
  return `node(s) didn't satisfy plugin(s) [${[...plugins].sort().join(' ')}]`;
}

export interface Diagnosis {
  /** Filter reason → number of nodes it was given for. */
  readonly reasons: Map<string, number>;
  /** Nodes rejected by a plugin preemption cannot help with (UnschedulableAndUnresolvable). */
  unresolvableNodes: number;
  /** Nodes rejected by NodeResourcesFit but big enough when emptied (preemption might help). */
  resolvableNodes: number;
  /** Set when a PreFilter plugin rejected the pod outright; the per-node reasons are then not printed. */
  preFilterMsg: string;
}

export function newDiagnosis(): Diagnosis {
  return { reasons: new Map(), unresolvableNodes: 0, resolvableNodes: 0, preFilterMsg: '' };
}

export function addReason(d: Diagnosis, reason: string, nodes = 1): void {
  d.reasons.set(reason, (d.reasons.get(reason) ?? 0) + nodes);
}

/** upstream sortReasonsHistogram: "<count> <reason>" strings, sorted, joined with ", ". */
export function reasonsHistogram(reasons: ReadonlyMap<string, number>): string {
  const parts: string[] = [];
  for (const [reason, n] of reasons) if (n > 0) parts.push(`${n} ${reason}`);
  return parts.sort().join(', ');
}

export interface MessageConfig {
  /** The DynamicResources plugin is enabled (default since v1.34). */
  dynamicResources: boolean;
}

/** DefaultPreemption's PostFilter message, after "preemption: ". */
export function preemptionMessage(numAllNodes: number, d: Diagnosis, preemptNever: boolean): string {
  if (preemptNever) return PREEMPTION_NOT_ELIGIBLE_NEVER;
  const counts = new Map([
    [REASON_PREEMPTION_NOT_HELPFUL, d.unresolvableNodes],
    [REASON_NO_PREEMPTION_VICTIMS, d.resolvableNodes],
  ]);
  return `0/${numAllNodes} nodes are available: ${reasonsHistogram(counts)}.`;
}

/** The whole FailedScheduling message (also the PodScheduled=False condition's message). */
export function fitErrorMessage(numAllNodes: number, d: Diagnosis, preemptNever: boolean, cfg: MessageConfig): string {
  let msg = `0/${numAllNodes} nodes are available:`;
  if (d.preFilterMsg) {
    msg += ` ${d.preFilterMsg}.`;
  } else {
    const histogram = reasonsHistogram(d.reasons);
    if (histogram) msg += ` ${histogram}.`;
  }
  const post: string[] = [];
  if (cfg.dynamicResources) post.push(DRA_NO_NEW_CLAIMS);
  post.push(`preemption: ${preemptionMessage(numAllNodes, d, preemptNever)}`);
  return `${msg} ${post.join(', ')}`;
}
