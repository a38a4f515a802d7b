// PodDisruptionBudgets: the disruption controller's status arithmetic and the Eviction API's decision.
export {
  DELETION_TIMEOUT_MS, MAX_DISRUPTED_PODS, MSG_EVICTION_REFUSED, MSG_MULTIPLE_PDBS, msgBudgetNeeds, msgBudgetProcessing,
  budgetSelects, budgetStatus, canIgnoreBudget, countHealthy, decideEviction, disruptionAllowedCondition, expectedCounts, liveDisruptedPods,
  type BudgetCounts, type EvictionDecision, type ScaleOf,
} from './status.js';
