// The known bugs a run can switch on (`--inject NAME`, or `cluster.bugs`).
// Each is a realistic controller mistake, kept behind a switch in the
// component it breaks; the property suite proves an invariant catches it.
export interface BugSwitch { name: string; component: string; description: string }

export const BUG_SWITCHES: readonly BugSwitch[] = [
  { name: 'scheduler-ignores-assumed-pods', component: 'kube-scheduler',
    description: 'the scheduler does not count pods it has just bound until the watch confirms them, so a lagging watch over-commits nodes (kubernetes PR 110924\'s class)' },
  { name: 'taint-eviction-ignores-tolerations', component: 'taint-eviction-controller',
    description: 'the taint-eviction controller deletes pods on a NoExecute-tainted node at once, tolerations or not' },
  { name: 'gc-ignores-owner-uid', component: 'garbage-collector-controller',
    description: 'the garbage collector treats every owner reference as dangling without checking the owner\'s uid, deleting dependents of live owners' },
  { name: 'rs-no-expectations', component: 'replicaset-controller',
    description: 'the ReplicaSet controller ignores its expectations and acts on a cache that has not yet seen its own creates, so a lagging watch makes it over-create (kubernetes issues 129795, 88851)' },
  { name: 'rs-adopts-owned-pods', component: 'replicaset-controller',
    description: 'the ReplicaSet controller adopts pods another controller already owns, replacing that ControllerRef, so two ReplicaSets with overlapping selectors fight over pods' },
  { name: 'deploy-rounds-unavailable-up', component: 'deployment-controller',
    description: 'the deployment controller rounds a maxUnavailable percentage up instead of down, so a rolling update takes one replica more out of service than the Deployment allows (25% of 10 is 3, not 2)' },
  { name: 'deploy-rollback-new-rs', component: 'deployment-controller',
    description: 'the deployment controller only compares the newest ReplicaSet with the template and treats a name clash as a hash collision, so a rollback creates a fresh ReplicaSet instead of re-using the old one' },
];

export const KNOWN_BUGS: ReadonlySet<string> = new Set(BUG_SWITCHES.map((b) => b.name));
