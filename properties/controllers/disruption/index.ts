// disruption-controller: each PodDisruptionBudget's status (expected,
// desired and current healthy pods, disruptions allowed, disruptedPods, the
// DisruptionAllowed condition); with the API server's Eviction API, which
// refuses (429) what a budget does not allow.
//   logic:      model/controllers/disruption/ (the status arithmetic, the eviction decision)
//   runtime:    runtime/controllers/disruption/ (the controller), runtime/eviction.ts (the Eviction API)
//   invariants: pdb-respected   properties: evictions
import { DisruptionController } from '../../../runtime/controllers/disruption/controller.js';
import { EVICTION_IGNORES_BUDGET } from '../../../runtime/eviction.js';
import { defineBug, defineController } from '../module.js';
import { pdbRespected } from './pdb-respected.invariant.js';
import { evictionsProperty } from './evictions.property.js';

export const ignoresBudget = defineBug({
  name: EVICTION_IGNORES_BUDGET,
  description: 'the Eviction API deletes the pod without consulting its PodDisruptionBudget, so a drain or a burst of evictions takes a service below its minimum',
  upstream: 'pkg/registry/core/pod/storage/eviction.go checkAndDecrement (429 at disruptionsAllowed 0)',
  property: 'evictions', invariant: 'pdb-respected', budget: 200,
});

export const disruptionController = defineController({
  name: 'disruption-controller',
  watches: ['PodDisruptionBudget', 'Pod', 'ReplicaSet', 'ReplicationController', 'Deployment', 'StatefulSet'],
  reconciles: ['PodDisruptionBudget'],
  make: (ctx) => new DisruptionController(ctx),
  bugs: [ignoresBudget],
  invariants: [pdbRespected],
  properties: [evictionsProperty],
});
