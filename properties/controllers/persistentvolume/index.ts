// persistentvolume-binder-controller: binds claims to volumes (the smallest
// that fits, in the fewest-access-modes group first), hands claims with a
// class to their provisioner, releases and reclaims volumes whose claims
// are gone; a bound claim whose volume disappears is Lost.
//   logic:    model/controllers/persistentvolume/ (matching, the bind writes, claim and volume syncs, reclaim, machines)
//   runtime:  runtime/controllers/persistentvolume/ (queues, the 15 s resync, the writes in upstream's order)
//   storage:  runtime/storage.ts (the disks a Delete reclaim destroys)
import { claimMachine, volumeMachine } from '../../../model/controllers/persistentvolume/machines.js';
import { PersistentVolumeController } from '../../../runtime/controllers/persistentvolume/controller.js';
import { defineController } from '../module.js';

export const persistentVolumeController = defineController({
  name: 'persistentvolume-binder-controller',
  watches: ['PersistentVolumeClaim', 'PersistentVolume', 'StorageClass', 'Pod'],
  reconciles: ['PersistentVolumeClaim', 'PersistentVolume', 'StorageClass'],
  make: (ctx) => new PersistentVolumeController(ctx),
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
