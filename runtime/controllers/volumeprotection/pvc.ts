// pvc-protection-controller: removes kubernetes.io/pvc-protection from a
// claim being deleted once no pod uses it (the rules are pure:
// model/controllers/volumeprotection). Before it lets go it asks twice: its
// pod cache first, then a live list of the namespace's pods, because a pod
// missing from a lagging cache may still be using the claim.
// upstream: pkg/controller/volume/pvcprotection/pvc_protection_controller.go (processPVC, isBeingUsed, askInformer, askAPIServer)
import type { KubeObject } from '../../../model/api/types.js';
import {
  PVC_PROTECTION_FINALIZER, claimsOfPod, isDeletionCandidate, needsFinalizer, podEventMayReleaseClaims, podUsesClaim,
} from '../../../model/controllers/volumeprotection/index.js';
import type { ControllerContext } from '../definition.js';
import type { Informer } from '../../informer.js';
import { WorkLoopController } from '../workloop.js';

export class PvcProtectionController extends WorkLoopController {
  readonly name: string;
  private claims: Informer;
  private pods: Informer;
  /** namespace/claim → keys of the cached pods that name it (upstream's podPVCIndex). */
  private podsByClaim = new Map<string, Set<string>>();

  constructor(ctx: ControllerContext) {
    super(ctx);
    this.name = ctx.name;
    const claimEvent = (c: KubeObject) => {
      if (needsFinalizer(c, PVC_PROTECTION_FINALIZER) || isDeletionCandidate(c, PVC_PROTECTION_FINALIZER)) this.enqueue(WorkLoopController.keyOf(c));
    };
    this.claims = this.informer('PersistentVolumeClaim', { add: claimEvent, update: (c) => claimEvent(c) });
    this.pods = this.informer('Pod', {
      add: (p) => { this.indexPod(p, true); this.podEvent(p, false); },
      update: (p, old) => {
        this.indexPod(old, false); this.indexPod(p, true);
        this.podEvent(p, false);
        // An update may mask a delete and a re-create under the same name.
        if (old.metadata.uid !== p.metadata.uid) this.podEvent(old, true);
      },
      delete: (p) => { this.indexPod(p, false); this.podEvent(p, true); },
    });
  }

  override start(): void {
    this.podsByClaim.clear();
    super.start();
  }

  private indexPod(p: KubeObject, add: boolean): void {
    const podKey = WorkLoopController.keyOf(p);
    for (const c of claimsOfPod(p)) {
      const k = `${p.metadata.namespace}/${c}`;
      let set = this.podsByClaim.get(k);
      if (add) { if (!set) this.podsByClaim.set(k, (set = new Set())); set.add(podKey); }
      else if (set) { set.delete(podKey); if (set.size === 0) this.podsByClaim.delete(k); }
    }
  }

  private podEvent(p: KubeObject, deleted: boolean): void {
    if (!podEventMayReleaseClaims(p, deleted)) return;
    for (const c of claimsOfPod(p)) this.enqueue(`${p.metadata.namespace}/${c}`);
  }

  protected sync(key: string): void {
    const [ns, name] = key.split('/') as [string, string];
    const claim = this.claims.get(ns, name);
    if (!claim) return;
    const { store } = this.ctx;
    if (isDeletionCandidate(claim, PVC_PROTECTION_FINALIZER)) {
      if (this.inUse(claim)) return;
      store.update({ ...claim, metadata: { ...claim.metadata, finalizers: (claim.metadata.finalizers ?? []).filter((f) => f !== PVC_PROTECTION_FINALIZER) } } as KubeObject);
      return;
    }
    if (needsFinalizer(claim, PVC_PROTECTION_FINALIZER)) {
      store.update({ ...claim, metadata: { ...claim.metadata, finalizers: [...(claim.metadata.finalizers ?? []), PVC_PROTECTION_FINALIZER] } } as KubeObject);
    }
  }

  private inUse(claim: KubeObject): boolean {
    const name = claim.metadata.name!;
    for (const podKey of this.podsByClaim.get(`${claim.metadata.namespace}/${name}`) ?? []) {
      const [pns, pname] = podKey.split('/') as [string, string];
      const p = this.pods.get(pns, pname);
      if (p && podUsesClaim(p, name)) return true;
    }
    // Not in the cache is not proof: a live list, as upstream's lazy live pod list.
    return this.ctx.store.list('Pod', { namespace: claim.metadata.namespace }).some((p) => podUsesClaim(p, name));
  }
}
