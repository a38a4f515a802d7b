// pvc-protection-controller: a claim being deleted keeps its
// kubernetes.io/pvc-protection finalizer while a scheduled pod names it.
//   logic:   model/controllers/volumeprotection/ (podUsesClaim, the finalizer rules)
//   runtime: runtime/controllers/volumeprotection/pvc.ts (cache, then a live list)
//   the finalizer is added at creation: runtime/admission.ts (StorageObjectInUseProtection)
import { PvcProtectionController } from '../../../runtime/controllers/volumeprotection/pvc.js';
import { defineController } from '../module.js';

export const pvcProtectionController = defineController({
  name: 'pvc-protection-controller',
  watches: ['PersistentVolumeClaim', 'Pod'],
  make: (ctx) => new PvcProtectionController(ctx),
});
