// Pod facts controllers share. upstream: pkg/controller/controller_utils.go (FilterActivePods,
// IsPodActive), pkg/api/v1/pod/util.go (IsPodReady, IsPodAvailable)
import type { KubeObject } from '../api/types.js';

/** Not finished and not being deleted: it counts toward replicas. */
export function isPodActive(p: KubeObject): boolean {
  const phase = p.status?.phase;
  return phase !== 'Succeeded' && phase !== 'Failed' && !p.metadata.deletionTimestamp;
}

export function readyCondition(p: KubeObject): { status: string; lastTransitionTime?: string } | undefined {
  return (p.status?.conditions ?? []).find((c: any) => c.type === 'Ready');
}

export function isPodReady(p: KubeObject): boolean {
  return readyCondition(p)?.status === 'True';
}

/** Ready, and Ready for at least minReadySeconds (`nowMs` and the parse give virtual ms). */
export function isPodAvailable(p: KubeObject, minReadySeconds: number, nowMs: number, parse: (iso: string) => number): boolean {
  const c = readyCondition(p);
  if (c?.status !== 'True') return false;
  if (!minReadySeconds) return true;
  const since = c.lastTransitionTime ? parse(c.lastTransitionTime) : nowMs;
  return since + minReadySeconds * 1000 <= nowMs;
}

// upstream: pkg/controller/replicaset/replica_set.go (burstReplicas = 500) and
// controller_utils.go SlowStartInitialBatchSize = 1
export const BURST_REPLICAS = 500;
export const SLOW_START_INITIAL_BATCH = 1;

/**
 * upstream slowStartBatch: create in batches 1, 2, 4, ... and stop at the
 * first batch with an error, so a quota or admission failure costs one call,
 * not hundreds. Returns how many succeeded.
 */
export function slowStartBatch(count: number, initial: number, fn: () => boolean): number {
  let remaining = count;
  let successes = 0;
  for (let batch = Math.min(remaining, initial); batch > 0; batch = Math.min(2 * batch, remaining)) {
    let errors = 0;
    for (let i = 0; i < batch; i++) if (fn()) successes++; else errors++;
    if (errors > 0) return successes;
    remaining -= batch;
  }
  return successes;
}
