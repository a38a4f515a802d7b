// replicaset-controller: keeps spec.replicas pods, claiming by selector.
//   logic:      model/controllers/replicaset/ (manage, deletion rank, status)
//   runtime:    runtime/controllers/replicaset/ (also runs ReplicationControllers: ../replicationcontroller/)
//   invariants: replicas-bounded, replicas-converge, bounded-churn (and the shared no-double-controller)   property: replicasets
import { REPLICASET_KIND, ReplicaSetController } from '../../../runtime/controllers/replicaset/controller.js';
import type { ControllerContext } from '../module.js';
import { defineBug, defineController } from '../module.js';
import { replicasBounded } from './replicas-bounded.invariant.js';
import { boundedChurn, replicasConverge } from './converge.invariant.js';
import { replicaSetProperty } from './replicasets.property.js';

export const noExpectations = defineBug({
  name: 'rs-no-expectations',
  description: 'the ReplicaSet controller ignores its expectations and acts on a cache that has not yet seen its own creates, so a lagging watch makes it over-create (kubernetes issues 129795, 88851)',
  upstream: 'kubernetes/kubernetes issues 129795, 88851 (over-creation without expectations)',
  property: 'replicasets', invariant: 'replicas-bounded', budget: 300,
});

export const adoptsOwnedPods = defineBug({
  name: 'rs-adopts-owned-pods',
  description: 'the ReplicaSet controller adopts pods another controller already owns, replacing that ControllerRef, so two ReplicaSets with overlapping selectors fight over pods',
  upstream: 'controllers fighting over pods (ControllerRef, kubernetes 1.6)',
  property: 'replicasets', invariant: 'no-double-controller', budget: 60,
});

/** The switches of the ReplicaSet code, shared by the ReplicationController manager that runs it. */
export const replicaSetSwitches = (ctx: ControllerContext) => ({ ignoreExpectations: ctx.bug(noExpectations), adoptOwned: ctx.bug(adoptsOwnedPods) });

export const replicaSetController = defineController({
  name: 'replicaset-controller',
  watches: ['ReplicaSet', 'Pod'],
  reconciles: ['ReplicaSet'],
  make: (ctx) => new ReplicaSetController(ctx, REPLICASET_KIND, replicaSetSwitches(ctx)),
  bugs: [noExpectations, adoptsOwnedPods],
  invariants: [replicasBounded, replicasConverge, boundedChurn],
  properties: [replicaSetProperty],
});
