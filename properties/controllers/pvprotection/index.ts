// pv-protection-controller: a volume being deleted keeps its
// kubernetes.io/pv-protection finalizer while it is Bound.
//   logic:   model/controllers/volumeprotection/ (volumeInUse, the finalizer rules)
//   runtime: runtime/controllers/volumeprotection/pv.ts
//   the finalizer is added at creation: runtime/admission.ts (StorageObjectInUseProtection)
import { PvProtectionController } from '../../../runtime/controllers/volumeprotection/pv.js';
import { defineController } from '../module.js';

export const pvProtectionController = defineController({
  name: 'pv-protection-controller',
  watches: ['PersistentVolume'],
  make: (ctx) => new PvProtectionController(ctx),
});
