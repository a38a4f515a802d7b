// persistentvolume-binder-controller: binds claims to volumes, hands
// claims with a class to their provisioner, and releases and reclaims
// volumes whose claims are gone. The decisions are pure
// (model/controllers/persistentvolume: syncClaim, syncVolume, reclaim); the
// phase moves go through the claim and volume machines; this file performs
// the writes, in upstream's order, from the informer caches.
//
// Why the writes use the cached objects' resourceVersions: two claims may
// pick the same volume from caches that have not seen each other's bind;
// the second write then conflicts and is retried from a fresh cache, so a
// volume is never bound twice. (The known bug pv-binder-ignores-conflicts
// drops the precondition.)
// upstream: pkg/controller/volume/persistentvolume/pv_controller_base.go (the queues, resync, handlers),
//           pv_controller.go (bind, syncVolume, reclaimVolume, deleteVolumeOperation)
import type { KubeObject } from '../../../model/api/types.js';
import { VolumeIndex } from '../../../model/controllers/persistentvolume/volume-index.js';
import {
  BinderError, CLAIM_BINDER_SYNC_PERIOD_MS, PHASE_OF_ACTION, bindClaimToVolume, bindVolumeToClaim, claimClass, claimSnapshot,
  claimStatus, claimStatusBound, isDelayBindingMode, provisionClaim, reclaim, syncClaim, syncVolume, unbindVolume, volumePhase,
  claimMachine, volumeMachine, volumeSnapshot, type BinderEvent, type ClaimPhaseEvent, type VolumePhaseEvent,
} from '../../../model/controllers/persistentvolume/index.js';
import { claimsOfPod } from '../../../model/controllers/volumeprotection/index.js';
import { send } from '../../../model/machines/drive.js';
import { defaultClass } from '../../admission.js';
import type { TaskHandle } from '../../clock.js';
import type { ControllerContext } from '../definition.js';
import type { Informer } from '../../informer.js';
import { WorkLoopController } from '../workloop.js';

const COMPONENT = 'persistentvolume-controller';

export interface BinderSwitches {
  /** Known bug: bind writes drop the resourceVersion precondition, so a stale cache can bind one volume twice. */
  ignoreConflicts?: boolean;
}

export class PersistentVolumeController extends WorkLoopController {
  readonly name: string;
  private claims: Informer;
  private volumes: Informer;
  private classes: Informer;
  private pods: Informer;
  private resync?: TaskHandle;
  /** The volumes cache, indexed for matching (kept by the informer's handlers). */
  private readonly index = new VolumeIndex();

  constructor(ctx: ControllerContext, private readonly switches: BinderSwitches = {}) {
    super(ctx);
    this.name = ctx.name;
    const claimKey = (c: KubeObject) => `claim:${c.metadata.namespace}/${c.metadata.name}`;
    this.claims = this.informer('PersistentVolumeClaim', {
      add: (c) => this.enqueue(claimKey(c)),
      update: (c) => this.enqueue(claimKey(c)),
      // The claim's volume is released (upstream deleteClaim enqueues the volume).
      delete: (c) => { this.enqueue(claimKey(c)); if (c.spec?.volumeName) this.enqueue(`volume:${c.spec.volumeName}`); },
    });
    const volumeEvent = (v: KubeObject) => { this.index.upsert(v); this.enqueue(`volume:${v.metadata.name}`); };
    this.volumes = this.informer('PersistentVolume', {
      add: volumeEvent, update: volumeEvent,
      // Its claim is lost (upstream deleteVolume enqueues the claim).
      delete: (v) => { this.index.remove(v.metadata.name!); const r = v.spec?.claimRef; if (r?.name) this.enqueue(`claim:${r.namespace}/${r.name}`); },
    });
    // A new default class may give waiting claims their class (retroactive default, v1.28).
    this.classes = this.informer('StorageClass', { add: () => this.enqueueAllClaims(), update: () => this.enqueueAllClaims() });
    this.pods = this.informer('Pod', {});
  }

  override start(): void {
    this.index.clear(); // the informer lists everything again
    super.start();
    this.scheduleResync();
  }

  override stop(): void {
    super.stop();
    this.ctx.clock.cancel(this.resync);
    this.resync = undefined;
  }

  /** Every claim and volume again every 15 s (--pvclaimbinder-sync-period): a failed write or a missed event is redone. */
  private scheduleResync(): void {
    this.resync = this.ctx.clock.schedule(CLAIM_BINDER_SYNC_PERIOD_MS, () => {
      for (const c of this.claims.cache.values()) this.enqueue(`claim:${c.metadata.namespace}/${c.metadata.name}`);
      for (const v of this.volumes.cache.values()) this.enqueue(`volume:${v.metadata.name}`);
      this.scheduleResync();
    });
  }

  private enqueueAllClaims(): void {
    for (const c of this.claims.cache.values()) if (c.status?.phase !== 'Bound') this.enqueue(`claim:${c.metadata.namespace}/${c.metadata.name}`);
  }

  protected sync(key: string): void {
    if (key.startsWith('claim:')) {
      const [ns, name] = key.slice('claim:'.length).split('/') as [string, string];
      const claim = this.claims.get(ns, name);
      if (claim && !claim.metadata.deletionTimestamp) this.syncClaim(claim);
    } else {
      const volume = this.volumes.get(undefined, key.slice('volume:'.length));
      if (volume) this.syncVolume(volume);
    }
  }

  // ---- claims ----

  private syncClaim(claim: KubeObject): void {
    let plan;
    try {
      const className = claimClass(claim);
      const sc = className ? this.classes.get(undefined, className) : undefined;
      const def = defaultClass([...this.classes.cache.values()]);
      plan = syncClaim({
        claim, volumes: this.index, delayBinding: isDelayBindingMode(claim, sc),
        defaultClassName: def?.metadata.name, unscheduledPods: this.unscheduledPodsUsing(claim),
      });
    } catch (e) {
      if (e instanceof BinderError) return this.record(claim, { type: 'Warning', reason: 'FailedBinding', message: e.message });
      throw e;
    }
    switch (plan.action) {
      case 'bind': return this.bind(plan.volume, claim);
      case 'pending':
        this.claimPhase(claim, { type: 'PENDING' });
        if (plan.event) this.record(claim, plan.event);
        return;
      case 'assignDefaultClass':
        this.write({ ...claim, spec: { ...claim.spec, storageClassName: plan.storageClassName } } as KubeObject);
        return;
      case 'provision': return this.provision(claim);
      case 'lost':
        this.claimPhase(claim, { type: 'LOSE' });
        if (plan.event) this.record(claim, plan.event);
        return;
      case 'error':
        if (plan.event) this.record(claim, plan.event);
        return;
    }
  }

  /** Names of the live, unscheduled pods that mount the claim (for WaitForPodScheduled). */
  private unscheduledPodsUsing(claim: KubeObject): string[] {
    const out: string[] = [];
    for (const p of this.pods.cache.values()) {
      if (p.metadata.namespace !== claim.metadata.namespace || p.spec?.nodeName) continue;
      const phase = p.status?.phase;
      if (phase === 'Succeeded' || phase === 'Failed' || p.metadata.deletionTimestamp) continue;
      if (claimsOfPod(p).includes(claim.metadata.name!)) out.push(p.metadata.name!);
    }
    return out.sort();
  }

  /** upstream bind: volume spec, volume status, claim spec, claim status — each write from the last one's result. */
  private bind(volume: KubeObject, claim: KubeObject): void {
    let v = volume;
    const boundVolume = bindVolumeToClaim(v, claim);
    if (boundVolume !== v) v = this.write(boundVolume);
    v = this.volumePhase(v, { type: 'BIND' });
    let c = claim;
    const boundClaim = bindClaimToVolume(c, v);
    if (boundClaim !== c) c = this.write(boundClaim);
    const status = claimStatusBound(c, v);
    if (status !== c) {
      const next = send(claimMachine, claimSnapshot(c.status?.phase), { type: 'BIND' });
      // The machine allows the move (Pending or Lost → Bound); an already Bound claim only refreshes its status fields.
      if (next.actions.includes('writeBound') || c.status?.phase === 'Bound') this.write(status, true);
    }
  }

  private provision(claim: KubeObject): void {
    const sc = this.classes.get(undefined, claimClass(claim));
    const outcome = provisionClaim(claim, sc);
    if (!outcome) return;
    if (outcome.claim) this.write(outcome.claim);
    this.record(claim, outcome.event);
  }

  private claimPhase(claim: KubeObject, ev: ClaimPhaseEvent): KubeObject {
    const step = send(claimMachine, claimSnapshot(claim.status?.phase), ev);
    const phase = step.actions.map((a) => PHASE_OF_ACTION[a]).find((p) => p !== undefined);
    if (phase === undefined) return claim;
    const next = claimStatus(claim, phase);
    return next === claim ? claim : this.write(next, true);
  }

  // ---- volumes ----

  private syncVolume(volume: KubeObject): void {
    const ref = volume.spec?.claimRef;
    let claim: KubeObject | undefined;
    if (ref?.name) {
      claim = this.claims.get(ref.namespace, ref.name);
      // Not in the cache: ask the API server before releasing a volume whose claim may just be new.
      if (!claim && volume.status?.phase !== 'Released' && volume.status?.phase !== 'Failed') claim = this.ctx.store.get('PersistentVolumeClaim', ref.namespace, ref.name);
    }
    const plan = syncVolume(volume, claim);
    let v = volume;
    if (plan.unbind) v = this.write(unbindVolume(v));
    if (plan.phase) v = this.volumePhase(v, { type: plan.phase });
    if (plan.volumeEvent) this.record(v, plan.volumeEvent);
    if (plan.claimEvent && claim) this.record(claim, plan.claimEvent);
    if (plan.syncClaim) this.enqueue(`claim:${plan.syncClaim}`);
    if (plan.reclaim) this.reclaim(v);
  }

  private reclaim(volume: KubeObject): void {
    const r = reclaim(volume);
    switch (r.action) {
      case 'retain': case 'external': return;
      case 'delete':
        this.ctx.storage.destroy(volume);
        this.ctx.store.delete('PersistentVolume', undefined, volume.metadata.name!, { uid: volume.metadata.uid, actor: COMPONENT });
        return;
      case 'recycle': {
        this.ctx.storage.scrub(volume);
        const v = this.write(unbindVolume(volume));
        this.volumePhase(v, { type: 'AVAILABLE' });
        this.record(volume, r.event);
        return;
      }
      case 'fail':
        this.volumePhase(volume, { type: 'FAIL' }, r.event.message);
        this.record(volume, r.event);
        return;
    }
  }

  private volumePhase(volume: KubeObject, ev: VolumePhaseEvent, message = ''): KubeObject {
    const step = send(volumeMachine, volumeSnapshot(volume.status?.phase), ev);
    const phase = step.actions.map((a) => PHASE_OF_ACTION[a]).find((p) => p !== undefined);
    if (phase === undefined) return volume;
    const next = volumePhase(volume, phase, this.ctx.clock.iso(), message);
    return next === volume ? volume : this.write(next, true);
  }

  // ---- writes ----

  /** Update (or the status subresource); the cached resourceVersion is the precondition, unless the known bug drops it. */
  private write(obj: KubeObject, status = false): KubeObject {
    const o = this.switches.ignoreConflicts ? { ...obj, metadata: { ...obj.metadata, resourceVersion: undefined } } as KubeObject : obj;
    // A conflict or a vanished object throws an ApiError: the key is retried from a fresher cache (with back-off).
    return this.ctx.store.update(o, status ? { subresource: 'status' } : {});
  }

  private record(obj: KubeObject, e: BinderEvent): void {
    this.ctx.recorder.record(obj, e.type, e.reason, e.message, COMPONENT);
  }
}
