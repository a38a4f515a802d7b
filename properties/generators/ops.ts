// The operations a generated scenario performs are drawn from the verb table
// (runtime/scenario/verbs/): each verb that has a `generate` says how it is
// drawn, as abstract data — a node or pod is an index, resolved against what
// exists when the scenario is built (scenario.ts), so that a shrunk list
// still means something. This file holds what the draws share: the waits,
// the components, and the swarm profile.
import fc from 'fast-check';
import type { SwarmGroup } from '../../runtime/scenario/verbs/index.js';

/** Waits straddle the timings that matter: back-off (1s, 10s), node grace (45s/55s around 50s, 65s), eviction and flush (5m, 6m). */
export const THRESHOLD_WAITS = ['1s', '10s', '45s', '55s', '65s', '5m', '6m'] as const;

export const waitArb: fc.Arbitrary<string> = fc.oneof(
  { weight: 1, arbitrary: fc.constantFrom(...THRESHOLD_WAITS) },
  { weight: 2, arbitrary: fc.integer({ min: 1, max: 90 }).map((s) => `${s}s`) },
);

/** The components a generated watch-delay or restart hits: mostly the scheduler. */
export const componentArb: fc.Arbitrary<string> = fc.oneof(
  { weight: 3, arbitrary: fc.constant('kube-scheduler') },
  { weight: 1, arbitrary: fc.constant('kube-controller-manager') },
);

/**
 * Swarm testing (Groce et al.): each scenario switches whole kinds of operation
 * off, so that some runs are all node faults, some all pod churn, some a burst
 * of pods onto small nodes under a lagging scheduler.
 */
export interface Profile {
  /** Small nodes (nodes.ts). */
  small: boolean;
  /** Apply steps keep all their pods (up to 8); otherwise one each. */
  burst: boolean;
  nodeFaults: boolean;
  podFaults: boolean;
  deletes: boolean;
  watchDelay: boolean;
  restarts: boolean;
}

export const profileArb: fc.Arbitrary<Profile> = fc.record({
  small: fc.boolean(), burst: fc.boolean(), nodeFaults: fc.boolean(), podFaults: fc.boolean(),
  deletes: fc.boolean(), watchDelay: fc.boolean(), restarts: fc.boolean(),
});

/** Whether the profile lets a verb of this swarm group through. */
export function enabled(p: Profile, group: SwarmGroup): boolean {
  return group === 'always' || p[group];
}
