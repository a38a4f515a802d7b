// The bug catalogue: each known bug the runtime can switch on, what real bug
// it models, and which property and invariant must catch it within what
// budget of runs. The tests named here prove it; this table is what
// `kubemodel check --list`, the README and users read.
import { BUG_SWITCHES } from '../../runtime/bugs.js';

export interface CatalogueEntry {
  name: string;
  /** The upstream issue or PR (or class of bug) it models. */
  models: string;
  property: string;
  invariant: string;
  /** Runs within which the property must find it (asserted by `test`). */
  budget: number;
  /** The test file that asserts it. */
  test: string;
}

export const BUG_CATALOGUE: readonly CatalogueEntry[] = [
  { name: 'scheduler-ignores-assumed-pods', models: 'kubernetes/kubernetes PR 110924 (binding from a stale scheduler cache)', property: 'no-overcommit', invariant: 'no-overcommit', budget: 200, test: 'properties/no-overcommit.test.ts' },
  { name: 'taint-eviction-ignores-tolerations', models: 'taint-based eviction ignoring tolerationSeconds (conformance: NoExecuteTaintManager)', property: 'eviction-timing', invariant: 'eviction-respects-tolerations', budget: 300, test: 'properties/bugs/catalogue.test.ts' },
  { name: 'gc-ignores-owner-uid', models: 'GC owner identity by uid (garbagecollector attemptToDeleteItem)', property: 'replicasets', invariant: 'gc-keeps-owned', budget: 60, test: 'properties/bugs/catalogue.test.ts' },
  { name: 'rs-no-expectations', models: 'kubernetes/kubernetes issues 129795, 88851 (over-creation without expectations)', property: 'replicasets', invariant: 'replicas-bounded', budget: 300, test: 'properties/suites/replicaset.test.ts' },
  { name: 'rs-adopts-owned-pods', models: 'controllers fighting over pods (ControllerRef, kubernetes 1.6)', property: 'replicasets', invariant: 'no-double-controller', budget: 60, test: 'properties/suites/replicaset.test.ts' },
  { name: 'deploy-rounds-unavailable-up', models: 'maxUnavailable rounding (deployment util ResolveFenceposts)', property: 'deployment-rollouts', invariant: 'rollout-availability', budget: 60, test: 'properties/suites/deployment.test.ts' },
  { name: 'deploy-rollback-new-rs', models: 'rollback re-using the old ReplicaSet (kubectl rollout undo)', property: 'deployment-rollouts', invariant: 'rollback-reuses-rs', budget: 30, test: 'properties/suites/deployment.test.ts' },
];

/** Every bug switch the runtime has, with its catalogue entry. */
export function catalogue(): Array<CatalogueEntry & { description: string; component: string }> {
  return BUG_SWITCHES.map((b) => {
    const e = BUG_CATALOGUE.find((x) => x.name === b.name);
    if (!e) throw new Error(`bug switch ${b.name} has no catalogue entry`);
    return { ...e, description: b.description, component: b.component };
  });
}
