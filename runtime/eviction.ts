// The Eviction API (POST pods/NAME/eviction), as the API server runs it: the
// budgets that select the pod decide (model/controllers/disruption); an
// approved eviction writes the budget's status first (one disruption fewer,
// the pod in disruptedPods), then marks the pod DisruptionTarget
// (EvictionByEvictionAPI) and deletes it with its grace period. A refusal is
// an ApiError: 429 TooManyRequests with upstream's message (the cause in
// `budgetCause`), 403 or 500.
// upstream: pkg/registry/core/pod/storage/eviction.go (Create, checkAndDecrement, addConditionAndDeletePod)
import { ApiError } from '../model/api/errors.js';
import type { KubeObject } from '../model/api/types.js';
import { budgetSelects, decideEviction } from '../model/controllers/disruption/index.js';
import type { RuntimeContext } from './context.js';

/** The known bug that skips the budgets (declared by the disruption module; the API server reads the switch). */
export const EVICTION_IGNORES_BUDGET = 'eviction-ignores-budget';

export class EvictionRefused extends ApiError {
  constructor(code: 429 | 403 | 500, message: string, readonly budgetCause?: string) {
    super(code === 429 ? 'TooManyRequests' : code === 403 ? 'Forbidden' : 'InternalError', message);
  }
}

const isTerminal = (p: KubeObject) => p.status?.phase === 'Succeeded' || p.status?.phase === 'Failed';

/** Evict a pod; throws NotFound, or EvictionRefused when a budget says no. */
export function evictPod(ctx: Pick<RuntimeContext, 'store' | 'clock' | 'bugs'>, namespace: string, name: string, opts: { gracePeriodSeconds?: number } = {}): void {
  const { store, clock } = ctx;
  const pod = store.mustGet('Pod', namespace, name);
  if (!ctx.bugs.has(EVICTION_IGNORES_BUDGET)) {
    const pdbs = store.list('PodDisruptionBudget', { namespace }).filter((b) => budgetSelects(b, pod));
    const d = decideEviction(pod, pdbs, clock.iso());
    if (d.kind === 'refuse') throw new EvictionRefused(d.code, d.message, d.cause);
    if (d.kind === 'decrement') store.update({ ...d.pdb, status: d.status } as KubeObject, { subresource: 'status' });
  }
  if (pod.metadata.deletionTimestamp) return;
  if (!isTerminal(pod)) {
    const conditions = [...(pod.status?.conditions ?? []).filter((c: any) => c.type !== 'DisruptionTarget'),
      { type: 'DisruptionTarget', status: 'True', lastTransitionTime: clock.iso(), reason: 'EvictionByEvictionAPI', message: 'Eviction API: evicting' }];
    store.update({ ...pod, status: { ...pod.status, conditions } } as KubeObject, { subresource: 'status' });
  }
  store.delete('Pod', namespace, name, { gracePeriodSeconds: opts.gracePeriodSeconds, uid: pod.metadata.uid });
}
