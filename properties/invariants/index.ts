// The invariant library. Users import these and add their own.
import type { RunInvariant } from '../../runtime/scenario/run.js';
import type { Invariant } from './types.js';
import { noOvercommit } from './overcommit.js';
import { noDoubleController } from './no-double-controller.js';
import { replicasBounded } from './replicas-bounded.js';
import { rolloutAvailability } from './rollout-availability.js';
import { rollbackReusesRS } from './rollback-reuses-rs.js';
import { rolloutCompleteTemplate } from './rollout-complete-template.js';
import { evictionRespectsTolerations } from './eviction.js';
import { gcKeepsOwned, gcCollectsOrphans, GC_COLLECT_BOUND_MS } from './gc.js';
import { eventuallyScheduled, eventuallyScheduledWithin, fittingPendingPods, EVENTUALLY_SCHEDULED_BOUND_MS } from './eventually-scheduled.js';

export type { Invariant } from './types.js';
export { noOvercommit, noDoubleController, replicasBounded, rolloutAvailability, rollbackReusesRS, rolloutCompleteTemplate, evictionRespectsTolerations, gcKeepsOwned, gcCollectsOrphans, GC_COLLECT_BOUND_MS };
export { eventuallyScheduled, eventuallyScheduledWithin, fittingPendingPods, EVENTUALLY_SCHEDULED_BOUND_MS };

export const INVARIANTS: readonly Invariant[] = [noOvercommit, noDoubleController, replicasBounded, rolloutAvailability, rollbackReusesRS, rolloutCompleteTemplate, evictionRespectsTolerations, gcKeepsOwned, gcCollectsOrphans, eventuallyScheduled];

export function invariantByName(name: string): Invariant | undefined {
  return INVARIANTS.find((i) => i.name === name);
}

/** The checkers a scenario's `invariants:` asks for; an unknown name is an error. */
export function invariantsFor(names: 'all' | readonly string[]): RunInvariant[] {
  const chosen = names === 'all' ? INVARIANTS : names.map((n) => {
    const inv = invariantByName(n);
    if (!inv) throw new Error(`unknown invariant "${n}" (known: ${INVARIANTS.map((i) => i.name).join(', ')})`);
    return inv;
  });
  return chosen.map((i) => ({ name: i.name, check: (c) => checkerFor(i, c)(c) }));
}

// One checker per (invariant, cluster): history-keeping invariants subscribe once.
const bound = new WeakMap<object, Map<string, RunInvariant>>();
function checkerFor(inv: Invariant, cluster: Parameters<Invariant['create']>[0]): (c: typeof cluster) => string | undefined {
  let m = bound.get(cluster);
  if (!m) bound.set(cluster, (m = new Map()));
  let r = m.get(inv.name);
  if (!r) m.set(inv.name, (r = inv.create(cluster)));
  return (c) => r!.check(c);
}
