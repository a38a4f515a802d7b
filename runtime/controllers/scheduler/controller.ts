// kube-scheduler: watches pods and nodes, keeps a NodeInfo per node updated
// incrementally, and places pending pods one scheduling cycle at a time.
// A pod it has bound counts on its node at once ("assumed"), before the
// watch confirms it, as upstream's cache does. Unschedulable pods wait in a
// separate queue and return on a cluster change (node added or updated, pod
// deleted) after their back-off, or after 5 minutes at most.
// upstream: pkg/scheduler/schedule_one.go, internal/queue/scheduling_queue.go, internal/cache/cache.go
import type { KubeObject, Pod } from '../../../model/api/types.js';
import { newNodeInfo, setNode, addPod, removePod, type NodeInfo } from '../../../model/controllers/scheduler/node-info.js';
import { podRequests } from '../../../model/controllers/scheduler/requests.js';
import { schedulePod } from '../../../model/controllers/scheduler/index.js';
import { isClaimFullyBound, type ClaimLookup, type PodVolumes } from '../../../model/controllers/scheduler/volumes.js';
import { bindVolumeToClaim } from '../../../model/controllers/persistentvolume/bind.js';
import { ANN_SELECTED_NODE } from '../../../model/controllers/persistentvolume/events.js';
import { nodeAffinityAllows } from '../../../model/controllers/persistentvolume/helpers.js';
import type { Component, RuntimeContext } from '../../context.js';
import { Informer } from '../../informer.js';
import { Heap } from '../../heap.js';
import type { TaskHandle } from '../../clock.js';
import type { RandomStream } from '../../random.js';

const COMPONENT = 'default-scheduler';

interface QueuedPod { key: string; priority: number; seq: number }
interface Unschedulable { attempts: number; lastAttemptMs: number; flush?: TaskHandle }
/** A pod in PreBind: the volume objects and claims as the scheduler wrote them, and its poll. */
interface Binding { key: string; node: string; volumes: PodVolumes; deadline: number; poll?: TaskHandle }

const claimKeysOf = (pod: KubeObject): string[] => {
  const out: string[] = [];
  for (const v of pod.spec?.volumes ?? []) {
    const n = v?.persistentVolumeClaim?.claimName;
    if (typeof n === 'string' && n !== '') out.push(`${pod.metadata.namespace ?? 'default'}/${n}`);
  }
  return out;
};
const rvOf = (o: KubeObject): number => Number(o.metadata.resourceVersion ?? 0);
/** upstream CompareResourceVersion(written, seen) > 0: the cache has not caught up with our write. */
const older = (seen: KubeObject, written: KubeObject): boolean => rvOf(seen) < rvOf(written);

const terminal = (p: KubeObject) => p.status?.phase === 'Succeeded' || p.status?.phase === 'Failed';

export class Scheduler implements Component {
  readonly name = 'kube-scheduler';
  private pods: Informer;
  private nodes: Informer;
  private claims: Informer;
  private classes: Informer;
  private pvs: Informer;
  private volumeLookup: ClaimLookup;
  /** The assume cache: volumes and claims as this scheduler wrote them, until its informers show as much. */
  private assumedPVs = new Map<string, KubeObject>();
  private assumedClaims = new Map<string, KubeObject>();
  private pvList: KubeObject[] | null = null;
  /** How many counted pods use each claim (namespace/name): upstream NodeInfo.PVCRefCounts, summed. */
  private claimUsers = new Map<string, number>();
  /** Pods in PreBind, by uid. */
  private binding = new Map<string, Binding>();
  private infos = new Map<string, NodeInfo>();
  private infoList: NodeInfo[] = [];
  /**
   * Which node each counted pod is on, with what it asks. A pod may arrive
   * before its node does (the two caches fill independently): it is kept here
   * and counted when the node appears, as upstream's cache keeps pods of a node
   * it has not seen yet.
   */
  private placed = new Map<string, { node: string; req: ReturnType<typeof podRequests>; claims: string[] }>();
  private active = new Heap<QueuedPod>((a, b) => a.priority > b.priority || (a.priority === b.priority && a.seq < b.seq));
  private inActive = new Set<string>();
  private unschedulable = new Map<string, Unschedulable>();
  private seq = 0;
  private cycle?: TaskHandle;
  private rand: RandomStream;
  /** upstream nextStartNodeIndex: each cycle starts filtering where the last one stopped. */
  private cursor = { nextStartNodeIndex: 0 };
  /** Pods placed since start (for benchmarks and tests). */
  scheduledCount = 0;

  /** `ignoreAssumedPods`: the known bug that counts a bound pod only once the watch confirms it (declared in its module). */
  constructor(private readonly ctx: RuntimeContext, private readonly switches: { ignoreAssumedPods?: boolean } = {}) {
    this.rand = ctx.streams.stream('kube-scheduler');
    this.pods = new Informer(ctx.store, 'Pod', this.name, { add: (p) => this.podChanged(p), update: (p) => this.podChanged(p), delete: (p) => this.podGone(p) });
    this.nodes = new Informer(ctx.store, 'Node', this.name, { add: (n) => this.nodeChanged(n), update: (n) => this.nodeChanged(n), delete: (n) => this.nodeGone(n) });
    // A claim or class that appears or changes may let a pod the volume PreFilter rejected go on.
    const volumesChanged = () => this.moveAllToActive();
    const claimSeen = (c: KubeObject) => {
      const key = `${c.metadata.namespace}/${c.metadata.name}`;
      const a = this.assumedClaims.get(key);
      if (a && !older(c, a)) this.assumedClaims.delete(key);
      this.moveAllToActive();
    };
    const pvSeen = (v: KubeObject) => {
      const a = this.assumedPVs.get(v.metadata.name!);
      if (a && !older(v, a)) this.assumedPVs.delete(v.metadata.name!);
      this.pvList = null;
      this.moveAllToActive();
    };
    this.claims = new Informer(ctx.store, 'PersistentVolumeClaim', this.name, { add: claimSeen, update: claimSeen });
    this.classes = new Informer(ctx.store, 'StorageClass', this.name, { add: volumesChanged, update: volumesChanged });
    this.pvs = new Informer(ctx.store, 'PersistentVolume', this.name, { add: pvSeen, update: pvSeen, delete: () => { this.pvList = null; } });
    this.volumeLookup = {
      claim: (ns, name) => this.assumedClaims.get(`${ns}/${name}`) ?? this.claims.get(ns, name),
      storageClass: (name) => this.classes.get(undefined, name),
      volume: (name) => this.assumedPVs.get(name) ?? this.pvs.get(undefined, name),
      volumes: () => (this.pvList ??= [...this.pvs.cache.values()].map((v) => this.assumedPVs.get(v.metadata.name!) ?? v)),
      claimInUse: (key) => (this.claimUsers.get(key) ?? 0) > 0,
    };
    // Scheduling starts once every cache has synced (upstream WaitForCacheSync).
    const kick = () => { if (this.synced() && this.active.size > 0 && !this.cycle) this.cycle = this.ctx.clock.schedule(0, () => this.runCycle()); };
    for (const i of this.informers()) i.onSynced = kick;
  }

  private informers(): Informer[] { return [this.pods, this.nodes, this.claims, this.classes, this.pvs]; }
  private synced(): boolean { return this.informers().every((i) => i.synced); }

  start(): void {
    this.infos.clear(); this.infoList = []; this.placed.clear(); this.claimUsers.clear();
    this.assumedPVs.clear(); this.assumedClaims.clear(); this.pvList = null;
    this.cursor = { nextStartNodeIndex: 0 };
    this.active.clear(); this.inActive.clear();
    for (const u of this.unschedulable.values()) this.ctx.clock.cancel(u.flush);
    this.unschedulable.clear();
    this.nodes.start(); this.claims.start(); this.classes.start(); this.pvs.start(); this.pods.start();
  }

  stop(): void {
    for (const i of this.informers()) i.stop();
    this.ctx.clock.cancel(this.cycle);
    this.cycle = undefined;
    // A binding under way dies with the process; its pod is scheduled again after the restart.
    for (const b of this.binding.values()) this.ctx.clock.cancel(b.poll);
    this.binding.clear();
  }

  setWatchDelay(ms: number): void { for (const i of this.informers()) i.setDelay(ms); }

  /** NodeInfos as the scheduler sees them (tests, invariants). */
  nodeInfos(): readonly NodeInfo[] { return this.infoList; }

  private nodeChanged(node: KubeObject): void {
    const name = node.metadata.name!;
    const info = this.infos.get(name);
    if (info) setNode(info, node as any);
    else {
      const ni = newNodeInfo(node as any);
      this.infos.set(name, ni);
      this.infoList.push(ni);
      for (const [uid, p] of this.placed) if (p.node === name) addPod(ni, uid, p.req);
    }
    this.moveAllToActive();
  }

  private nodeGone(node: KubeObject): void {
    const name = node.metadata.name!;
    this.infos.delete(name);
    this.infoList = this.infoList.filter((n) => n.name !== name);
  }

  private podChanged(pod: KubeObject): void {
    const uid = pod.metadata.uid!;
    const key = `${pod.metadata.namespace}/${pod.metadata.name}`;
    if (pod.spec?.nodeName) {
      this.forget(key);
      if (terminal(pod)) { this.unplace(uid); this.moveAllToActive(); return; }
      this.place(uid, pod.spec.nodeName, pod);
      return;
    }
    if (pod.metadata.deletionTimestamp || (pod.spec?.schedulerName ?? COMPONENT) !== COMPONENT) { this.forget(key); return; }
    // A stale copy of a pod we have already bound (assumed) is not queued again.
    // upstream: pkg/scheduler/eventhandlers.go skipPodSchedule / Cache.IsAssumedPod
    if (this.placed.has(uid)) return;
    if (!this.inActive.has(key) && !this.unschedulable.has(key)) this.enqueue(key, pod.spec?.priority ?? 0);
  }

  private podGone(pod: KubeObject): void {
    this.forget(`${pod.metadata.namespace}/${pod.metadata.name}`);
    if (this.unplace(pod.metadata.uid!)) this.moveAllToActive();
  }

  private place(uid: string, nodeName: string, pod: KubeObject): void {
    const prev = this.placed.get(uid);
    if (prev?.node === nodeName) return;
    if (prev) this.unplace(uid);
    const req = podRequests(pod as Pod);
    const claims = claimKeysOf(pod);
    for (const k of claims) this.claimUsers.set(k, (this.claimUsers.get(k) ?? 0) + 1);
    this.placed.set(uid, { node: nodeName, req, claims });
    const info = this.infos.get(nodeName);
    if (info) addPod(info, uid, req);
  }

  private unplace(uid: string): boolean {
    const p = this.placed.get(uid);
    if (!p) return false;
    this.placed.delete(uid);
    for (const k of p.claims) {
      const n = (this.claimUsers.get(k) ?? 0) - 1;
      if (n > 0) this.claimUsers.set(k, n); else this.claimUsers.delete(k);
    }
    const info = this.infos.get(p.node);
    if (info) removePod(info, uid);
    return true;
  }

  private forget(key: string): void {
    this.inActive.delete(key);
    const u = this.unschedulable.get(key);
    if (u) { this.ctx.clock.cancel(u.flush); this.unschedulable.delete(key); }
  }

  private enqueue(key: string, priority: number): void {
    this.inActive.add(key);
    this.active.push({ key, priority, seq: ++this.seq });
    if (!this.cycle && this.synced()) this.cycle = this.ctx.clock.schedule(0, () => this.runCycle());
  }

  /** A cluster change may make waiting pods fit: each returns once its back-off has passed. */
  private moveAllToActive(): void {
    const now = this.ctx.clock.now();
    for (const [key, u] of this.unschedulable) {
      const backoff = Math.min(this.ctx.config.schedulerInitialBackOffMs * 2 ** (u.attempts - 1), this.ctx.config.schedulerMaxBackOffMs);
      const due = u.lastAttemptMs + backoff;
      this.ctx.clock.cancel(u.flush);
      u.flush = this.ctx.clock.scheduleAt(Math.max(now, due), () => this.retry(key));
    }
  }

  private retry(key: string): void {
    const u = this.unschedulable.get(key);
    if (!u) return;
    this.ctx.clock.cancel(u.flush);
    u.flush = undefined;
    const pod = this.pods.cache.get(key);
    if (!pod || pod.spec?.nodeName) { this.unschedulable.delete(key); return; }
    this.unschedulable.delete(key);
    this.enqueue(key, pod.spec?.priority ?? 0);
    this.unschedulable.set(key, u);
    this.inActive.add(key);
  }

  private runCycle(): void {
    this.cycle = undefined;
    const item = this.active.pop();
    if (item) {
      if (this.inActive.has(item.key)) this.scheduleOne(item.key);
    }
    if (this.active.size > 0) this.cycle = this.ctx.clock.schedule(0, () => this.runCycle());
  }

  private scheduleOne(key: string): void {
    this.inActive.delete(key);
    const pod = this.pods.cache.get(key);
    const prior = this.unschedulable.get(key);
    this.unschedulable.delete(key);
    if (!pod || pod.spec?.nodeName || pod.metadata.deletionTimestamp || this.binding.has(pod.metadata.uid!)) return;
    const result = schedulePod(pod as Pod, this.infoList, () => this.rand.next(), { cursor: this.cursor, nodeByName: (n) => this.infos.get(n), volumes: this.volumeLookup });
    if ('node' in result) {
      // Assume first: the pod counts on its node before the bind is observed.
      if (!this.switches.ignoreAssumedPods) this.place(pod.metadata.uid!, result.node, pod);
      if (result.volumes) this.preBind(pod, result.node, result.volumes, prior);
      else this.bindPod(pod, result.node);
      return;
    }
    this.failed(pod, result.unschedulable, 'Unschedulable', prior);
  }

  /** The pod goes to its node; a failed bind forgets the assumption (the pod may be bound already, on a stale view). */
  private bindPod(pod: KubeObject, node: string): void {
    const { store, recorder } = this.ctx;
    const uid = pod.metadata.uid!;
    try {
      store.bind(pod.metadata.namespace!, pod.metadata.name!, uid, node);
    } catch {
      this.unplace(uid);
      const live = store.getByUid(uid);
      if (live?.spec?.nodeName && !terminal(live)) this.place(uid, live.spec.nodeName, live);
      return;
    }
    this.scheduledCount++;
    recorder.record(pod, 'Normal', 'Scheduled', `Successfully assigned ${pod.metadata.namespace}/${pod.metadata.name} to ${node}`, COMPONENT);
  }

  /** FailedScheduling, the PodScheduled=False condition, and a retry after the back-off (or 5 minutes). */
  private failed(pod: KubeObject, message: string, reason: 'Unschedulable' | 'SchedulerError', prior: Unschedulable | undefined): void {
    const { store, recorder, clock } = this.ctx;
    const key = `${pod.metadata.namespace}/${pod.metadata.name}`;
    const live = store.getByUid(pod.metadata.uid!);
    if (!live || live.spec?.nodeName) return;
    recorder.record(live, 'Warning', 'FailedScheduling', message, COMPONENT);
    const cond = (live.status?.conditions ?? []).find((c: any) => c.type === 'PodScheduled');
    if (!cond || cond.status !== 'False' || cond.message !== message || cond.reason !== reason) {
      const conditions = [...(live.status?.conditions ?? []).filter((c: any) => c.type !== 'PodScheduled'),
        { type: 'PodScheduled', status: 'False', lastProbeTime: null, lastTransitionTime: clock.iso(), reason, message }];
      store.update({ ...live, status: { ...live.status, phase: live.status?.phase ?? 'Pending', conditions } } as KubeObject, { subresource: 'status' });
    }
    const u: Unschedulable = { attempts: (prior?.attempts ?? 0) + 1, lastAttemptMs: clock.now() };
    // upstream podMaxInUnschedulablePodsDuration: retried after 5 minutes even without a cluster change.
    u.flush = clock.schedule(this.ctx.config.schedulerUnschedulableFlushMs, () => this.retry(key));
    this.unschedulable.set(key, u);
  }

  /**
   * Reserve and PreBind of VolumeBinding: pre-bind the chosen volumes, mark
   * the claims to provision with the node, then poll until all are bound.
   * upstream AssumePodVolumes, bindAPIUpdate (an API error ends the attempt; nothing is rolled back)
   */
  private preBind(pod: KubeObject, node: string, volumes: PodVolumes, prior: Unschedulable | undefined): void {
    const { store, clock } = this.ctx;
    const bindings: Array<{ claim: KubeObject; volume: KubeObject }> = [];
    const provisions: KubeObject[] = [];
    try {
      for (const { claim, volume } of volumes.bindings) {
        const next = bindVolumeToClaim(volume, claim);
        const written = next === volume ? volume : store.update(next);
        this.assumedPVs.set(written.metadata.name!, written);
        this.pvList = null;
        bindings.push({ claim, volume: written });
      }
      for (const claim of volumes.provisions) {
        let written = claim;
        if (claim.metadata.annotations?.[ANN_SELECTED_NODE] !== node) {
          written = store.update({ ...claim, metadata: { ...claim.metadata, annotations: { ...claim.metadata.annotations, [ANN_SELECTED_NODE]: node } } } as KubeObject);
        }
        this.assumedClaims.set(`${written.metadata.namespace}/${written.metadata.name}`, written);
        provisions.push(written);
      }
    } catch (e) {
      this.bindingFailed(pod, { bindings, provisions }, `running PreBind plugin "VolumeBinding": ${(e as Error).message}`, prior);
      return;
    }
    const b: Binding = { key: `${pod.metadata.namespace}/${pod.metadata.name}`, node, volumes: { bindings, provisions }, deadline: clock.now() + this.ctx.config.schedulerBindTimeoutMs };
    this.binding.set(pod.metadata.uid!, b);
    this.pollBinding(pod.metadata.uid!, b);
  }

  /** upstream wait.Poll(time.Second, bindTimeout, checkBindings): the first check one second on. */
  private pollBinding(uid: string, b: Binding): void {
    b.poll = this.ctx.clock.schedule(1_000, () => {
      b.poll = undefined;
      this.checkBinding(uid, b);
    });
  }

  private checkBinding(uid: string, b: Binding): void {
    if (this.binding.get(uid) !== b) return;
    const pod = this.pods.cache.get(b.key);
    if (!pod || pod.metadata.uid !== uid) { this.binding.delete(uid); this.unplace(uid); return; }
    let outcome: boolean | string;
    try {
      outcome = this.bindingsDone(b);
    } catch (e) {
      outcome = (e as Error).message;
    }
    if (outcome === true) {
      this.binding.delete(uid);
      this.bindPod(pod, b.node);
      return;
    }
    if (outcome === false && this.ctx.clock.now() + 1_000 <= b.deadline) { this.pollBinding(uid, b); return; }
    this.binding.delete(uid);
    const why = outcome === false ? 'timed out waiting for the condition' : outcome;
    this.bindingFailed(pod, b.volumes, `running PreBind plugin "VolumeBinding": binding volumes: ${why}`, undefined);
  }

  /** upstream checkBindings: true when every claim is fully bound; throws where the attempt must start over. */
  private bindingsDone(b: Binding): boolean {
    const node = this.nodes.get(undefined, b.node);
    if (!node) throw new Error(`failed to get node ${JSON.stringify(b.node)}: node ${JSON.stringify(b.node)} not found`);
    const labels = node.metadata.labels ?? {};
    for (const { claim, volume } of b.volumes.bindings) {
      const pv = this.pvs.get(undefined, volume.metadata.name!);
      if (!pv) throw new Error(`failed to check binding: cannot find PV ${JSON.stringify(volume.metadata.name)}`);
      const pvc = this.claims.get(claim.metadata.namespace, claim.metadata.name!);
      if (!pvc) throw new Error(`failed to check binding: cannot find PVC ${JSON.stringify(`${claim.metadata.namespace}/${claim.metadata.name}`)}`);
      if (older(pv, volume)) return false;
      if (!nodeAffinityAllows(pv, labels)) throw new Error(`pv ${JSON.stringify(pv.metadata.name)} node affinity doesn't match node ${JSON.stringify(b.node)}: no matching NodeSelectorTerms`);
      if (!pv.spec?.claimRef?.uid) throw new Error(`ClaimRef got reset for pv ${JSON.stringify(pv.metadata.name)}`);
      if (!isClaimFullyBound(pvc)) return false;
    }
    for (const claim of b.volumes.provisions) {
      const pvc = this.claims.get(claim.metadata.namespace, claim.metadata.name!);
      if (!pvc) throw new Error(`failed to check provisioning pvc: cannot find PVC ${JSON.stringify(`${claim.metadata.namespace}/${claim.metadata.name}`)}`);
      if (older(pvc, claim)) return false;
      if (pvc.metadata.annotations?.[ANN_SELECTED_NODE] !== b.node) throw new Error(`provisioning failed for PVC ${JSON.stringify(pvc.metadata.name)}`);
      if (pvc.spec?.volumeName) {
        const pv = this.pvs.get(undefined, pvc.spec.volumeName);
        if (!pv) return false;
        if (!nodeAffinityAllows(pv, labels)) throw new Error(`pv ${JSON.stringify(pv.metadata.name)} node affinity doesn't match node ${JSON.stringify(b.node)}: no matching NodeSelectorTerms`);
      }
      if (!isClaimFullyBound(pvc)) return false;
    }
    return true;
  }

  /** upstream handleBindingCycleError: forget the assumed pod and volumes, report, and queue the pod again. */
  private bindingFailed(pod: KubeObject, assumed: PodVolumes, message: string, prior: Unschedulable | undefined): void {
    this.unplace(pod.metadata.uid!);
    for (const { volume } of assumed.bindings) this.assumedPVs.delete(volume.metadata.name!);
    for (const c of assumed.provisions) this.assumedClaims.delete(`${c.metadata.namespace}/${c.metadata.name}`);
    this.pvList = null;
    this.failed(pod, message, 'SchedulerError', prior);
    this.moveAllToActive();
  }
}
