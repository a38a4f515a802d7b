// pv-protection-controller: removes kubernetes.io/pv-protection from a
// volume being deleted once it is no longer Bound to a claim.
// upstream: pkg/controller/volume/pvprotection/pv_protection_controller.go (processPV, isBeingUsed)
import type { KubeObject } from '../../../model/api/types.js';
import { PV_PROTECTION_FINALIZER, isDeletionCandidate, needsFinalizer, volumeInUse } from '../../../model/controllers/volumeprotection/index.js';
import type { ControllerContext } from '../definition.js';
import type { Informer } from '../../informer.js';
import { WorkLoopController } from '../workloop.js';

export class PvProtectionController extends WorkLoopController {
  readonly name: string;
  private volumes: Informer;

  constructor(ctx: ControllerContext) {
    super(ctx);
    this.name = ctx.name;
    const event = (v: KubeObject) => {
      if (needsFinalizer(v, PV_PROTECTION_FINALIZER) || isDeletionCandidate(v, PV_PROTECTION_FINALIZER)) this.enqueue(v.metadata.name!);
    };
    this.volumes = this.informer('PersistentVolume', { add: event, update: (v) => event(v) });
  }

  protected sync(key: string): void {
    const pv = this.volumes.get(undefined, key);
    if (!pv) return;
    const finalizers = pv.metadata.finalizers ?? [];
    if (isDeletionCandidate(pv, PV_PROTECTION_FINALIZER)) {
      if (volumeInUse(pv)) return;
      this.ctx.store.update({ ...pv, metadata: { ...pv.metadata, finalizers: finalizers.filter((f) => f !== PV_PROTECTION_FINALIZER) } } as KubeObject);
      return;
    }
    if (needsFinalizer(pv, PV_PROTECTION_FINALIZER)) {
      this.ctx.store.update({ ...pv, metadata: { ...pv.metadata, finalizers: [...finalizers, PV_PROTECTION_FINALIZER] } } as KubeObject);
    }
  }
}
