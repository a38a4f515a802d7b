// persistentvolume-binder-controller: binds claims to volumes (the smallest
// that fits, in the fewest-access-modes group first), hands claims with a
// class to their provisioner, releases and reclaims volumes whose claims
// are gone; a bound claim whose volume disappears is Lost.
//   logic:    model/controllers/persistentvolume/ (matching, the bind writes, claim and volume syncs, reclaim, machines)
//   runtime:  runtime/controllers/persistentvolume/ (queues, the 15 s resync, the writes in upstream's order)
//   storage:  runtime/storage.ts (the disks a Delete reclaim destroys)
//   invariants: pvc-survival   properties: claims-bind
import { claimMachine, volumeMachine } from '../../../model/controllers/persistentvolume/machines.js';
import { PersistentVolumeController } from '../../../runtime/controllers/persistentvolume/controller.js';
import { defineBug, defineController } from '../module.js';
import { pvcSurvival } from './pvc-survival.invariant.js';
import { claimsBindProperty } from './claims-bind.property.js';

export const ignoresConflicts = defineBug({
  name: 'pv-binder-ignores-conflicts',
  description: 'the binder writes its binds without the resourceVersion precondition, so a sync from a stale cache binds a volume that another claim already holds',
  upstream: 'pv_controller.go bindVolumeToClaim (the update conflicts are what keep a volume to one claim)',
  property: 'claims-bind', invariant: 'pvc-survival', budget: 200,
});

export const persistentVolumeController = defineController({
  name: 'persistentvolume-binder-controller',
  watches: ['PersistentVolumeClaim', 'PersistentVolume', 'StorageClass', 'Pod'],
  reconciles: ['PersistentVolumeClaim', 'PersistentVolume', 'StorageClass'],
  make: (ctx) => new PersistentVolumeController(ctx, { ignoreConflicts: ctx.bug(ignoresConflicts) }),
  bugs: [ignoresConflicts],
  invariants: [pvcSurvival],
  properties: [claimsBindProperty],
  machines: [
    {
      name: 'claim', machine: claimMachine, description: "a PersistentVolumeClaim's phase as the binder moves it",
      events: ['BIND', 'PENDING', 'LOSE'].map((type) => ({ type })),
    },
    {
      name: 'volume', machine: volumeMachine, description: "a PersistentVolume's phase as the binder moves it",
      events: ['AVAILABLE', 'BIND', 'RELEASE', 'FAIL'].map((type) => ({ type })),
    },
  ],
});
