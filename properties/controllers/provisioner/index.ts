// csi-provisioner: the simulated external provisioner of every CSI
// StorageClass — volumes `pvc-<claim uid>` pre-bound to their claims after a
// configurable latency (config.provisionLatencyMs), Provisioning and
// ProvisioningSucceeded events, and Delete reclaim of the volumes it made.
//   logic:    model/controllers/provisioner/ (which claims, the volume it makes, which volumes it deletes)
//   runtime:  runtime/controllers/provisioner/
//   storage:  runtime/storage.ts (the disk it makes, and destroys on Delete)
import { Provisioner } from '../../../runtime/controllers/provisioner/controller.js';
import { defineController } from '../module.js';

export const provisioner = defineController({
  name: 'csi-provisioner',
  process: 'csi-provisioner',
  watches: ['PersistentVolumeClaim', 'StorageClass', 'PersistentVolume'],
  make: (ctx) => new Provisioner(ctx),
});
