// kube-scheduler: watches pods and nodes, keeps a NodeInfo per node updated
// incrementally, and places pending pods one scheduling cycle at a time.
// A pod it has bound counts on its node at once ("assumed"), before the
// watch confirms it, as upstream's cache does. Unschedulable pods wait in a
// separate queue and return on a cluster change (node added or updated, pod
// deleted) after their back-off, or after 5 minutes at most.
// upstream: pkg/scheduler/schedule_one.go, internal/queue/scheduling_queue.go, internal/cache/cache.go
import type { KubeObject, Pod } from '../../../model/api/types.js';
import type { PodVolumes } from '../../../model/controllers/scheduler/volumes.js';
import { newNodeInfo, setNode, addPod, removePod, type NodeInfo } from '../../../model/controllers/scheduler/node-info.js';
import { podRequests } from '../../../model/controllers/scheduler/requests.js';
import { schedulePod } from '../../../model/controllers/scheduler/index.js';
import type { Component, RuntimeContext } from '../../context.js';
import { Informer } from '../../informer.js';
import { Heap } from '../../heap.js';
import type { TaskHandle } from '../../clock.js';
import type { RandomStream } from '../../random.js';
import { VolumeBinding, claimKeysOf } from './volume-binding.js';

const COMPONENT = 'default-scheduler';

interface QueuedPod { key: string; priority: number; seq: number }
interface Unschedulable { attempts: number; lastAttemptMs: number; flush?: TaskHandle }
const terminal = (p: KubeObject) => p.status?.phase === 'Succeeded' || p.status?.phase === 'Failed';

export class Scheduler implements Component {
  readonly name = 'kube-scheduler';
  private pods: Informer;
  private nodes: Informer;
  private volumes: VolumeBinding;
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
    // A claim, class or volume that appears or changes may let a pod the volume plugins rejected go on.
    this.volumes = new VolumeBinding(ctx, this.name, () => this.moveAllToActive(), (n) => this.nodes.get(undefined, n), (k) => this.pods.cache.get(k));
    // Scheduling starts once every cache has synced (upstream WaitForCacheSync).
    const kick = () => { if (this.synced() && this.active.size > 0 && !this.cycle) this.cycle = this.ctx.clock.schedule(0, () => this.runCycle()); };
    for (const i of this.informers()) i.onSynced = kick;
  }

  private informers(): Informer[] { return [this.pods, this.nodes, ...this.volumes.informers()]; }
  private synced(): boolean { return this.informers().every((i) => i.synced); }

  start(): void {
    this.infos.clear(); this.infoList = []; this.placed.clear();
    this.volumes.reset();
    this.cursor = { nextStartNodeIndex: 0 };
    this.active.clear(); this.inActive.clear();
    for (const u of this.unschedulable.values()) this.ctx.clock.cancel(u.flush);
    this.unschedulable.clear();
    this.nodes.start(); for (const i of this.volumes.informers()) i.start(); this.pods.start();
  }

  stop(): void {
    for (const i of this.informers()) i.stop();
    this.ctx.clock.cancel(this.cycle);
    this.cycle = undefined;
    this.volumes.stop();
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
    this.volumes.countClaims(claims, 1);
    this.placed.set(uid, { node: nodeName, req, claims });
    const info = this.infos.get(nodeName);
    if (info) addPod(info, uid, req);
  }

  private unplace(uid: string): boolean {
    const p = this.placed.get(uid);
    if (!p) return false;
    this.placed.delete(uid);
    this.volumes.countClaims(p.claims, -1);
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
    if (!pod || pod.spec?.nodeName || pod.metadata.deletionTimestamp || this.volumes.isBinding(pod.metadata.uid!)) return;
    const result = schedulePod(pod as Pod, this.infoList, () => this.rand.next(), { cursor: this.cursor, nodeByName: (n) => this.infos.get(n), volumes: this.volumes.lookup });
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

  /** VolumeBinding's Reserve and PreBind, then the bind; a failed attempt forgets the assumed pod and queues it again. */
  private preBind(pod: KubeObject, node: string, volumes: PodVolumes, prior: Unschedulable | undefined): void {
    const key = `${pod.metadata.namespace}/${pod.metadata.name}`;
    let sync = true;
    this.volumes.preBind(pod, node, volumes, (o) => {
      if (o.ok) { this.bindPod(this.pods.cache.get(key) ?? pod, node); return; }
      // upstream handleBindingCycleError: forget the assumed pod, report, and queue it again (unless it is gone).
      this.unplace(pod.metadata.uid!);
      if (o.message === undefined) return;
      this.failed(pod, o.message, 'SchedulerError', sync ? prior : undefined);
      this.moveAllToActive();
    });
    sync = false;
  }
}
