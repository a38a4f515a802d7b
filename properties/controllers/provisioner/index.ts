// csi-provisioner: the simulated external provisioner of every CSI
// StorageClass — volumes `pvc-<claim uid>` pre-bound to their claims after a
// configurable latency (config.provisionLatencyMs), Provisioning and
// ProvisioningSucceeded events, and Delete reclaim of the volumes it made.
//   logic:      model/controllers/provisioner/ (which claims, the volume it makes, which volumes it deletes)
//   runtime:    runtime/controllers/provisioner/
//   storage:    runtime/storage.ts (the disk it makes, and destroys on Delete)
//   invariants: no-leaked-volumes, retain-keeps-data   properties: provisioning, reclaim
import { Provisioner } from '../../../runtime/controllers/provisioner/controller.js';
import { defineBug, defineController } from '../module.js';
import { noLeakedVolumes } from './no-leaked-volumes.invariant.js';
import { provisioningProperty } from './provisioning.property.js';
import { retainKeepsData } from './retain-keeps-data.invariant.js';
import { reclaimProperty } from './reclaim.property.js';

export const leaksOnClaimDelete = defineBug({
  name: 'provisioner-leaks-on-claim-delete',
  description: 'a volume made for a claim that was deleted while it was being provisioned is created without its claimRef, so it is never released or reclaimed: the storage leaks',
  upstream: 'external-provisioner pre-binding (claimRef with the claim uid) and the delete-while-provisioning race',
  property: 'provisioning', invariant: 'no-leaked-volumes', budget: 200,
});

export const deletesRetained = defineBug({
  name: 'reclaim-deletes-retain',
  description: "the provisioner reclaims a released volume by its StorageClass's reclaimPolicy instead of the volume's own, so a provisioned volume an admin switched to Retain is deleted, data and all, when its claim goes",
  upstream: "sig-storage-lib-external-provisioner shouldDelete (reads volume.Spec.PersistentVolumeReclaimPolicy); the documented 'change the reclaim policy of a PersistentVolume' task",
  property: 'reclaim', invariant: 'retain-keeps-data', budget: 200,
});

export const provisioner = defineController({
  name: 'csi-provisioner',
  process: 'csi-provisioner',
  watches: ['PersistentVolumeClaim', 'StorageClass', 'PersistentVolume', 'Node'],
  make: (ctx) => new Provisioner(ctx, { leakOnClaimDelete: ctx.bug(leaksOnClaimDelete), deleteByClassPolicy: ctx.bug(deletesRetained) }),
  bugs: [leaksOnClaimDelete, deletesRetained],
  invariants: [noLeakedVolumes, retainKeepsData],
  properties: [provisioningProperty, reclaimProperty],
});
