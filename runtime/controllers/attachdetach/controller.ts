// attachdetach-controller: attaches the attachable volumes (CSI, in-tree
// block devices) of scheduled pods to their nodes and detaches them when no
// pod there wants them, writing node.status.volumesAttached as upstream's
// node status updater does. The kubelet mounts a volume only once it is in
// that list, and reports status.volumesInUse until it has unmounted it.
//
// The reconciler's order: detaches first, then attaches. A ReadWriteOnce
// volume attached to one node is refused to another with a Multi-Attach
// error (once per pod and node) until its detach completes; a detach waits
// for the kubelet's unmount, or six minutes on an unhealthy node, or not at
// all on a node with the out-of-service taint. One operation per volume at a
// time, as nestedpendingoperations keeps it. Upstream loops every 100 ms;
// the model runs the same loop only when a watched object changed or a
// timer it set is due, so an idle cluster costs nothing.
// upstream: pkg/controller/volume/attachdetach/attach_detach_controller.go, reconciler/reconciler.go,
//           statusupdater/node_status_updater.go, pkg/volume/util/operationexecutor/operation_generator.go
import type { KubeObject } from '../../../model/api/types.js';
import {
  RECONCILER_LOOP_PERIOD_MS, desiredState, detachDecision, multiAttachMessage, nodeHealthy, outOfService,
  type WantedVolume,
} from '../../../model/controllers/attachdetach/desired.js';
import { isMultiAttachAllowed, volumeMessage } from '../../../model/controllers/attachdetach/volumes.js';
import { claimsOfPod } from '../../../model/controllers/volumeprotection/index.js';
import type { TaskHandle } from '../../clock.js';
import type { Component } from '../../context.js';
import type { Informer } from '../../informer.js';
import type { ControllerContext } from '../definition.js';

const COMPONENT = 'attachdetach-controller';

interface Attachment {
  pvName: string;
  detachRequestedMs?: number;
  /** In node.status.volumesAttached: false once its detach has begun. */
  reported: boolean;
}

export interface AttachDetachSwitches {
  /** Known bug: attach a ReadWriteOnce volume to a second node without waiting for the first detach. */
  ignoreMultiAttach?: boolean;
}

export class AttachDetachController implements Component {
  readonly name: string;
  private pods: Informer;
  private nodes: Informer;
  private claims: Informer;
  private volumes: Informer;
  /** Pods that mount claims (the only ones that matter), by namespace/name. */
  private claimPods = new Map<string, KubeObject>();
  /** The actual state of the world: node → unique volume name → attachment. */
  private attached = new Map<string, Map<string, Attachment>>();
  /** Volumes with an attach or detach in flight. */
  private pending = new Set<string>();
  /** (volume, node) pairs whose Multi-Attach error was reported. */
  private reported = new Set<string>();
  private loop?: TaskHandle;
  private retry?: TaskHandle;
  private retryAt = Infinity;
  private ops = new Set<TaskHandle>();
  private running = false;

  constructor(private readonly ctx: ControllerContext, private readonly switches: AttachDetachSwitches = {}) {
    this.name = ctx.name;
    const kick = () => this.kick();
    const podKey = (p: KubeObject) => `${p.metadata.namespace}/${p.metadata.name}`;
    this.pods = ctx.informer('Pod', {
      add: (p) => { if (claimsOfPod(p).length) { this.claimPods.set(podKey(p), p); kick(); } },
      update: (p) => { if (claimsOfPod(p).length) { this.claimPods.set(podKey(p), p); kick(); } },
      delete: (p) => { if (this.claimPods.delete(podKey(p))) kick(); },
    });
    this.nodes = ctx.informer('Node', { add: kick, update: (n, old) => { if (this.nodeMatters(n, old)) kick(); }, delete: kick });
    this.claims = ctx.informer('PersistentVolumeClaim', { add: kick, update: kick, delete: kick });
    this.volumes = ctx.informer('PersistentVolume', { add: kick, update: kick, delete: kick });
    // Once every cache is full, the actual state is read from the nodes' status (upstream populateActualStateOfWorld).
    const informers = [this.pods, this.nodes, this.claims, this.volumes];
    for (const inf of informers) inf.onSynced = () => { if (informers.every((i) => i.synced)) { this.populate(); this.kick(); } };
  }

  start(): void {
    this.running = true;
    this.claimPods.clear(); this.attached.clear(); this.pending.clear(); this.reported.clear();
    for (const inf of [this.pods, this.nodes, this.claims, this.volumes]) inf.start();
  }

  stop(): void {
    this.running = false;
    for (const inf of [this.pods, this.nodes, this.claims, this.volumes]) inf.stop();
    for (const h of [this.loop, this.retry, ...this.ops]) this.ctx.clock.cancel(h);
    this.loop = this.retry = undefined; this.retryAt = Infinity; this.ops.clear();
  }

  setWatchDelay(ms: number): void { for (const inf of [this.pods, this.nodes, this.claims, this.volumes]) inf.setDelay(ms); }

  /** A node update matters only if what the reconciler reads of it changed. */
  private nodeMatters(n: KubeObject, old: KubeObject): boolean {
    const j = (x: unknown) => JSON.stringify(x ?? null);
    return j(n.status?.volumesInUse) !== j(old.status?.volumesInUse) || nodeHealthy(n) !== nodeHealthy(old)
      || outOfService(n) !== outOfService(old);
  }

  private populate(): void {
    const pvNames = new Map<string, string>();
    for (const byVol of this.desired().values()) for (const w of byVol.values()) pvNames.set(w.unique, w.pvName);
    for (const node of this.nodes.cache.values()) {
      const list = node.status?.volumesAttached ?? [];
      if (list.length === 0) continue;
      const m = new Map<string, Attachment>();
      for (const a of list) m.set(a.name, { pvName: pvNames.get(a.name) ?? a.name, reported: true });
      this.attached.set(node.metadata.name!, m);
    }
  }

  /** Run the reconciler on the next loop tick. */
  private kick(): void {
    if (!this.running || this.loop || ![this.pods, this.nodes, this.claims, this.volumes].every((i) => i.synced)) return;
    this.loop = this.ctx.clock.schedule(RECONCILER_LOOP_PERIOD_MS, () => { this.loop = undefined; this.reconcile(); });
  }

  private wakeAt(atMs: number): void {
    if (atMs >= this.retryAt) return;
    this.ctx.clock.cancel(this.retry);
    this.retryAt = atMs;
    this.retry = this.ctx.clock.scheduleAt(atMs, () => { this.retry = undefined; this.retryAt = Infinity; this.reconcile(); });
  }

  private desired(): Map<string, Map<string, WantedVolume>> {
    return desiredState(this.claimPods.values(), {
      claim: (ns, name) => this.claims.get(ns, name),
      volume: (name) => this.volumes.get(undefined, name),
    }, (pv) => isMultiAttachAllowed(pv));
  }

  private reconcile(): void {
    const now = this.ctx.clock.now();
    const desired = this.desired();
    // Detaches first: an attachment nothing on its node wants.
    for (const [node, byVol] of [...this.attached].sort(([a], [b]) => (a < b ? -1 : 1))) {
      for (const [unique, att] of [...byVol].sort(([a], [b]) => (a < b ? -1 : 1))) {
        if (desired.get(node)?.has(unique)) { att.detachRequestedMs = undefined; continue; }
        if (this.pending.has(unique)) continue;
        att.detachRequestedMs ??= now;
        const n = this.nodes.get(undefined, node);
        const mounted = (n?.status?.volumesInUse ?? []).includes(unique);
        const d = detachDecision({ mounted, requestedAtMs: att.detachRequestedMs, nowMs: now, healthy: nodeHealthy(n), outOfService: outOfService(n) });
        if (d.detach) this.detach(node, unique);
        else if (d.retryAtMs !== undefined) this.wakeAt(d.retryAtMs);
      }
    }
    // Then attaches, in node and volume order.
    for (const [node, byVol] of [...desired].sort(([a], [b]) => (a < b ? -1 : 1))) {
      for (const [unique, w] of [...byVol].sort(([a], [b]) => (a < b ? -1 : 1))) {
        if (this.attached.get(node)?.has(unique) || this.pending.has(unique)) continue;
        if (!w.multiAttach && !this.switches.ignoreMultiAttach) {
          const elsewhere = [...this.attached].filter(([other, m]) => other !== node && m.has(unique)).map(([other]) => other);
          if (elsewhere.length > 0) { this.reportMultiAttach(node, w, elsewhere, desired); continue; }
        }
        this.attach(node, w);
      }
    }
    // Reports of pairs no longer wanted are forgotten, so a later attempt reports again.
    for (const k of this.reported) {
      const [node, unique] = k.split('\n') as [string, string];
      if (!desired.get(node)?.has(unique) || this.attached.get(node)?.has(unique)) this.reported.delete(k);
    }
  }

  private reportMultiAttach(node: string, w: WantedVolume, elsewhere: string[], desired: Map<string, Map<string, WantedVolume>>): void {
    const k = `${node}\n${w.unique}`;
    if (this.reported.has(k)) return;
    this.reported.add(k);
    const holders = elsewhere.flatMap((other) => desired.get(other)?.get(w.unique)?.pods ?? []).sort();
    for (const p of w.pods) {
      const pod = this.claimPods.get(p);
      if (pod) this.ctx.recorder.record(pod, 'Warning', 'FailedAttachVolume', multiAttachMessage(w.pvName, pod.metadata.namespace ?? 'default', holders), COMPONENT);
    }
  }

  private attach(node: string, w: WantedVolume): void {
    this.pending.add(w.unique);
    const h = this.ctx.clock.schedule(this.ctx.config.volumeAttachMs, () => {
      this.ops.delete(h);
      this.pending.delete(w.unique);
      let m = this.attached.get(node);
      if (!m) this.attached.set(node, m = new Map());
      m.set(w.unique, { pvName: w.pvName, reported: true });
      this.writeNodeStatus(node);
      for (const p of w.pods) {
        const pod = this.claimPods.get(p);
        if (pod) this.ctx.recorder.record(pod, 'Normal', 'SuccessfulAttachVolume', volumeMessage('AttachVolume.Attach succeeded', w.pvName), COMPONENT);
      }
      this.kick();
    });
    this.ops.add(h);
  }

  /** The volume leaves volumesAttached first (the kubelet must stop using it), then the detach itself runs. */
  private detach(node: string, unique: string): void {
    this.pending.add(unique);
    const m = this.attached.get(node);
    const att = m?.get(unique);
    if (att) att.reported = false;
    this.writeNodeStatus(node);
    const h = this.ctx.clock.schedule(this.ctx.config.volumeDetachMs, () => {
      this.ops.delete(h);
      this.pending.delete(unique);
      m?.delete(unique);
      if (m && m.size === 0) this.attached.delete(node);
      this.kick();
    });
    this.ops.add(h);
  }

  /** node.status.volumesAttached from the actual state, sorted. */
  private writeNodeStatus(nodeName: string): void {
    const { store } = this.ctx;
    const node = store.get('Node', undefined, nodeName);
    if (!node) return;
    const names = [...(this.attached.get(nodeName)?.entries() ?? [])]
      .filter(([, a]) => a.reported).map(([u]) => u).sort();
    const volumesAttached = names.map((name) => ({ name, devicePath: '' }));
    const status = { ...node.status };
    if (volumesAttached.length > 0) status.volumesAttached = volumesAttached; else delete status.volumesAttached;
    store.update({ ...node, status } as KubeObject, { subresource: 'status' });
  }
}
