// statefulset-controller: pods with a stable identity (`<set>-<ordinal>`,
// hostname, claims `<template>-<set>-<ordinal>`), made and removed in
// ordinal order, rolled highest ordinal first down to a partition, with
// ControllerRevisions and the claim retention policy.
//   logic:      model/controllers/statefulset/ (identity, status, retention, the rollout machine),
//               model/controllers/history.ts (ControllerRevisions, shared with DaemonSets)
//   runtime:    runtime/controllers/statefulset/ (controller, control loop, pod control)
//   invariants: sts-ordered-ready, sts-scale-down-order, sts-at-most-one, sts-converge   property: statefulsets
import { statefulSetRolloutMachine, STATEFULSET_ROLLOUT_EVENTS } from '../../../model/controllers/statefulset/rollout-machine.js';
import { StatefulSetController } from '../../../runtime/controllers/statefulset/controller.js';
import { defineBug, defineController } from '../module.js';
import { stsAtMostOne, stsOrderedReady, stsScaleDownOrder } from './ordering.invariant.js';
import { stsConverge } from './converge.invariant.js';
import { statefulSetsProperty, stsConvergeProperty, stsScaleDownProperty } from './statefulsets.property.js';
import { splitBrainProperty } from './split-brain.property.js';

export const createsOutOfOrder = defineBug({
  name: 'sts-creates-out-of-order',
  description: 'under OrderedReady the StatefulSet controller goes on to the next ordinal in the same sync after creating a pod, instead of waiting for it to be Running and Ready, so a quick scale-up makes pod N+1 before pod N is up',
  upstream: 'kubernetes/kubernetes PR 45113 (StatefulSet pods created out of order under rapid scaling)',
  property: 'statefulsets', invariant: 'sts-ordered-ready', budget: 100,
});

export const replacesUnreachable = defineBug({
  name: 'sts-replaces-unreachable-pod',
  description: 'the StatefulSet controller force-deletes a pod stuck terminating on an unreachable node and makes its replacement at once, so two pods with one identity (and one claim) run on both sides of a partition',
  upstream: 'StatefulSet at-most-one semantics (docs "Force Delete StatefulSet Pods"; the split brain it prevents)',
  property: 'sts-split-brain', invariant: 'sts-at-most-one', budget: 100,
});

export const scalesDownLowestFirst = defineBug({
  name: 'sts-scales-down-lowest-first',
  description: 'the StatefulSet controller sorts the pods beyond its range lowest ordinal first, so scaling 3 to 1 deletes web-1 while web-2 still runs',
  upstream: 'stateful_set_control.go sorts condemned pods descendingOrdinal (the ordering guarantee of scale-down)',
  property: 'sts-scale-down', invariant: 'sts-scale-down-order', budget: 100,
});

export const ignoresReadiness = defineBug({
  name: 'sts-ignores-readiness',
  description: 'the StatefulSet controller\'s pod handler ignores updates that change only status, so an OrderedReady set whose pod becomes Ready is never synced again and stays short of replicas',
  upstream: 'stateful_set.go updatePod enqueues on every resourceVersion change (readiness is what OrderedReady waits for)',
  property: 'sts-converge', invariant: 'sts-converge', budget: 100,
});

export const statefulSetController = defineController({
  name: 'statefulset-controller',
  watches: ['StatefulSet', 'Pod', 'ControllerRevision', 'PersistentVolumeClaim'],
  reconciles: ['StatefulSet'],
  make: (ctx) => new StatefulSetController(ctx, {
    createWithoutWaiting: ctx.bug(createsOutOfOrder), replaceUnreachable: ctx.bug(replacesUnreachable),
    scaleDownLowestFirst: ctx.bug(scalesDownLowestFirst), ignoreReadiness: ctx.bug(ignoresReadiness),
  }),
  bugs: [createsOutOfOrder, replacesUnreachable, scalesDownLowestFirst, ignoresReadiness],
  invariants: [stsOrderedReady, stsScaleDownOrder, stsAtMostOne, stsConverge],
  properties: [statefulSetsProperty, stsScaleDownProperty, stsConvergeProperty, splitBrainProperty],
  machines: [{
    name: 'statefulset-rollout', machine: statefulSetRolloutMachine,
    description: 'a StatefulSet\'s ordered rollout as each sync leaves it: creating and waiting lowest ordinal first, condemning highest first, updating down to the partition',
    events: STATEFULSET_ROLLOUT_EVENTS.map((type) => ({ type })),
  }],
});
