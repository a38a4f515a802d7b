// csi-provisioner: the simulated external provisioner of every CSI
// StorageClass — volumes `pvc-<claim uid>` pre-bound to their claims after a
// configurable latency (config.provisionLatencyMs), Provisioning and
// ProvisioningSucceeded events, and Delete reclaim of the volumes it made.
//   logic:      model/controllers/provisioner/ (which claims, the volume it makes, which volumes it deletes)
//   runtime:    runtime/controllers/provisioner/
//   storage:    runtime/storage.ts (the disk it makes, and destroys on Delete)
//   invariants: no-leaked-volumes   properties: provisioning
import { Provisioner } from '../../../runtime/controllers/provisioner/controller.js';
import { defineBug, defineController } from '../module.js';
import { noLeakedVolumes } from './no-leaked-volumes.invariant.js';
import { provisioningProperty } from './provisioning.property.js';

export const leaksOnClaimDelete = defineBug({
  name: 'provisioner-leaks-on-claim-delete',
  description: 'a volume made for a claim that was deleted while it was being provisioned is created without its claimRef, so it is never released or reclaimed: the storage leaks',
  upstream: 'external-provisioner pre-binding (claimRef with the claim uid) and the delete-while-provisioning race',
  property: 'provisioning', invariant: 'no-leaked-volumes', budget: 200,
});

export const provisioner = defineController({
  name: 'csi-provisioner',
  process: 'csi-provisioner',
  watches: ['PersistentVolumeClaim', 'StorageClass', 'PersistentVolume'],
  make: (ctx) => new Provisioner(ctx, { leakOnClaimDelete: ctx.bug(leaksOnClaimDelete) }),
  bugs: [leaksOnClaimDelete],
  invariants: [noLeakedVolumes],
  properties: [provisioningProperty],
});
