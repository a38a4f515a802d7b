// csi-provisioner: the simulated external provisioner of the cluster's CSI
// drivers. It serves every StorageClass whose provisioner is not an in-tree
// `kubernetes.io/` name: for a claim the binder handed to it (the
// storage-provisioner annotation), after a WaitForFirstConsumer claim's node
// is selected, it records Provisioning, makes the disk and, after the
// configured latency, creates the PersistentVolume `pvc-<claim uid>`
// pre-bound to the claim (the binder then completes the bind) and records
// ProvisioningSucceeded. A Released volume it made with reclaim Delete is
// deleted: the disk and its data are destroyed, then the object, then its
// finalizer is dropped. The volume's node affinity is the zone of the
// selected node, or the class's first allowed topology.
//
// A claim deleted while its volume is being made: the volume is still
// created (the operation was under way); the binder then finds its claim
// gone, releases it, and the Delete reclaim removes it.
// upstream: kubernetes-csi/external-provisioner, sig-storage-lib-external-provisioner controller/controller.go
import type { KubeObject } from '../../../model/api/types.js';
import { ANN_SELECTED_NODE, PV_DELETION_PROTECTION_FINALIZER } from '../../../model/controllers/persistentvolume/events.js';
import { claimClass } from '../../../model/controllers/persistentvolume/helpers.js';
import {
  PROVISIONING, PROVISIONING_SUCCEEDED, msgProvisioned, msgProvisioning, provisionedVolume, shouldDelete, shouldProvision,
  volumeNameFor,
} from '../../../model/controllers/provisioner/provision.js';
import type { TaskHandle } from '../../clock.js';
import type { Component } from '../../context.js';
import type { Informer } from '../../informer.js';
import type { ControllerContext } from '../definition.js';

export interface ProvisionerSwitches {
  /** Known bug: a volume made for a claim deleted meanwhile is created without its claimRef, so nothing ever reclaims it. */
  leakOnClaimDelete?: boolean;
  /** Known bug: a released volume is reclaimed by its class's policy, not its own (a volume patched to Retain is deleted). */
  deleteByClassPolicy?: boolean;
}

export class Provisioner implements Component {
  readonly name: string;
  private claims: Informer;
  private classes: Informer;
  private volumes: Informer;
  private nodes: Informer;
  /** Claim uids whose volume is being made. */
  private inFlight = new Map<string, TaskHandle>();

  constructor(private readonly ctx: ControllerContext, private readonly switches: ProvisionerSwitches = {}) {
    this.name = ctx.name;
    this.claims = ctx.informer('PersistentVolumeClaim', { add: (c) => this.consider(c), update: (c) => this.consider(c) });
    this.classes = ctx.informer('StorageClass', { add: () => this.all(), update: () => this.all() });
    this.volumes = ctx.informer('PersistentVolume', { add: (v) => this.reclaim(v), update: (v) => this.reclaim(v) });
    this.nodes = ctx.informer('Node', {});
  }

  private informers(): Informer[] { return [this.claims, this.classes, this.volumes, this.nodes]; }

  start(): void { for (const i of this.informers()) i.start(); }
  stop(): void {
    for (const i of this.informers()) i.stop();
    // An operation under way is lost with the process; the claim is considered again after the restart.
    for (const h of this.inFlight.values()) this.ctx.clock.cancel(h);
    this.inFlight.clear();
  }
  setWatchDelay(ms: number): void { for (const i of this.informers()) i.setDelay(ms); }

  private all(): void { for (const c of this.claims.cache.values()) this.consider(c); }

  private consider(claim: KubeObject): void {
    const uid = claim.metadata.uid!;
    if (this.inFlight.has(uid)) return;
    const sc = this.classes.get(undefined, claimClass(claim));
    if (!sc || !shouldProvision(claim, sc)) return;
    // Idempotent: the volume already made for this claim is not made again.
    if (this.volumes.get(undefined, volumeNameFor(claim)) || this.ctx.store.get('PersistentVolume', undefined, volumeNameFor(claim))) return;
    const provisioner = String(sc['provisioner']);
    this.ctx.recorder.record(claim, 'Normal', PROVISIONING, msgProvisioning(`${claim.metadata.namespace}/${claim.metadata.name}`), this.component(provisioner));
    const h = this.ctx.clock.schedule(this.ctx.config.provisionLatencyMs, () => {
      this.inFlight.delete(uid);
      const selected = claim.metadata.annotations?.[ANN_SELECTED_NODE];
      const pv = provisionedVolume(claim, sc, selected === undefined ? undefined : (this.nodes.get(undefined, selected)?.metadata.labels ?? {}));
      if (this.switches.leakOnClaimDelete && !this.ctx.store.getByUid(uid)) delete pv.spec.claimRef;
      this.ctx.storage.disk(pv);
      this.ctx.store.create(pv);
      const live = this.ctx.store.getByUid(uid);
      if (live) this.ctx.recorder.record(live, 'Normal', PROVISIONING_SUCCEEDED, msgProvisioned(pv.metadata.name!), this.component(provisioner));
    });
    this.inFlight.set(uid, h);
  }

  /** The event source: external-provisioner names itself after its driver. */
  private component(provisioner: string): string { return `${provisioner}_csi-provisioner`; }

  /** The volume as the reclaim decision reads it (the known bug reads its class's policy instead of its own). */
  private judged(pv: KubeObject): KubeObject {
    if (!this.switches.deleteByClassPolicy) return pv;
    const sc = this.classes.get(undefined, pv.spec?.storageClassName ?? '');
    const policy = typeof sc?.['reclaimPolicy'] === 'string' ? sc['reclaimPolicy'] : 'Delete';
    return { ...pv, spec: { ...pv.spec, persistentVolumeReclaimPolicy: policy } };
  }

  private reclaim(pv: KubeObject): void {
    const mine = (p: string) => !p.startsWith('kubernetes.io/');
    if (!shouldDelete(this.judged(pv), mine)) return;
    const { store } = this.ctx;
    const live = store.get('PersistentVolume', undefined, pv.metadata.name!);
    if (!live || !shouldDelete(this.judged(live), mine)) return;
    this.ctx.storage.destroy(live);
    if (!live.metadata.deletionTimestamp) store.delete('PersistentVolume', undefined, live.metadata.name!);
    const after = store.get('PersistentVolume', undefined, live.metadata.name!);
    if (after?.metadata.finalizers?.includes(PV_DELETION_PROTECTION_FINALIZER)) {
      store.update({ ...after, metadata: { ...after.metadata, finalizers: after.metadata.finalizers.filter((f: string) => f !== PV_DELETION_PROTECTION_FINALIZER) } } as KubeObject);
    }
  }
}
