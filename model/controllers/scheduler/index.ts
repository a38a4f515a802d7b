// The scheduler's pure core: what the runtime's scheduler component calls. It keeps one
// NodeInfo per node (newNodeInfo/setNode/addPod/removePod from watch events), one PodInfo per
// pending pod (newPodInfo, cached by uid), one ScheduleCursor, and calls schedulePod.
export { podRequests, DEFAULT_MILLI_CPU_REQUEST, DEFAULT_MEMORY_REQUEST, type PodRequests } from './requests.js';
export { newNodeInfo, setNode, addPod, removePod, type NodeInfo, type Resources } from './node-info.js';
export { newPodInfo, isPodInfo, type PodInfo } from './pod-info.js';
export {
  nodeUnschedulableFilter, nodeNameFilter, taintTolerationFilter, nodeAffinityFilter, nodeResourcesFitFilter,
  runFilters, untoleratedTaintReasonWithTaint,
  REASON_UNSCHEDULABLE, REASON_NODE_NAME, REASON_NODE_AFFINITY, REASON_UNTOLERATED_TAINT,
  REASON_TOO_MANY_PODS, REASON_INSUFFICIENT_CPU, REASON_INSUFFICIENT_MEMORY,
} from './filters.js';
export {
  nodeScores, leastAllocatedScore, balancedAllocationScore, intolerablePreferNoScheduleTaints,
  preferredAffinityScore, normalizeScore, MAX_NODE_SCORE, SCORE_WEIGHTS, type NodeScore,
} from './scoring.js';
export {
  fitErrorMessage, reasonsHistogram, ERR_NO_NODES_AVAILABLE, REASON_PREEMPTION_NOT_HELPFUL,
  REASON_NO_PREEMPTION_VICTIMS, PREEMPTION_NOT_ELIGIBLE_NEVER, DRA_NO_NEW_CLAIMS, REASON_AFFINITY_CONFLICT,
  type Diagnosis,
} from './fit-error.js';
export {
  schedulePod, numFeasibleNodesToFind, DEFAULT_SCHEDULER_CONFIG,
  type SchedulerConfig, type ScheduleCursor, type ScheduleOptions, type ScheduleResult,
} from './schedule.js';
