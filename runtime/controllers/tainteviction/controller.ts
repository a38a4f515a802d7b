// The taint-eviction controller: a pod on a node with NoExecute taints is
// deleted at once if it does not tolerate one, after the shortest
// tolerationSeconds if it tolerates them for a while, and never if it
// tolerates them forever. Removing the taint cancels a pending eviction.
// upstream: pkg/controller/tainteviction/taint_eviction.go (processPodOnNode, getMinTolerationTime)
import type { KubeObject } from '../../../model/api/types.js';
import { minTolerationMs } from '../../../model/controllers/tainteviction/tolerations.js';
import type { Component, RuntimeContext } from '../../context.js';
import { Informer } from '../../informer.js';
import type { TaskHandle } from '../../clock.js';

const COMPONENT = 'taint-eviction-controller';

interface Scheduled { handle: TaskHandle; createdMs: number; fireMs: number }

export class TaintEvictionController implements Component {
  readonly name = 'taint-eviction-controller';
  private nodes: Informer;
  private pods: Informer;
  private scheduled = new Map<string, Scheduled>();
  private byNode = new Map<string, Set<string>>();

  /** `ignoreTolerations`: the known bug that evicts at once, tolerations or not (declared in its module). */
  constructor(private readonly ctx: RuntimeContext, private readonly switches: { ignoreTolerations?: boolean } = {}) {
    const c = `kube-controller-manager/${this.name}`;
    this.nodes = new Informer(ctx.store, 'Node', c, { add: (n) => this.nodeChanged(n), update: (n) => this.nodeChanged(n), delete: (n) => this.nodeGone(n) });
    this.pods = new Informer(ctx.store, 'Pod', c, { add: (p) => this.podChanged(p), update: (p) => this.podChanged(p), delete: (p) => this.podGone(p) });
  }

  start(): void { this.scheduled.clear(); this.byNode.clear(); this.nodes.start(); this.pods.start(); }
  stop(): void {
    this.nodes.stop(); this.pods.stop();
    for (const s of this.scheduled.values()) this.ctx.clock.cancel(s.handle);
    this.scheduled.clear();
  }
  setWatchDelay(ms: number): void { this.nodes.setDelay(ms); this.pods.setDelay(ms); }

  private noExecute(node: KubeObject | undefined): any[] {
    return (node?.spec?.taints ?? []).filter((t: any) => t.effect === 'NoExecute');
  }

  private nodeChanged(node: KubeObject): void {
    for (const key of this.byNode.get(node.metadata.name!) ?? []) {
      const pod = this.pods.cache.get(key);
      if (pod) this.process(pod, node);
    }
  }

  private nodeGone(node: KubeObject): void {
    for (const key of this.byNode.get(node.metadata.name!) ?? []) this.cancel(key, false);
  }

  private podChanged(pod: KubeObject): void {
    const key = `${pod.metadata.namespace}/${pod.metadata.name}`;
    const nodeName = pod.spec?.nodeName;
    if (!nodeName) return;
    let set = this.byNode.get(nodeName);
    if (!set) this.byNode.set(nodeName, (set = new Set()));
    set.add(key);
    this.process(pod, this.nodes.get(undefined, nodeName));
  }

  private podGone(pod: KubeObject): void {
    const key = `${pod.metadata.namespace}/${pod.metadata.name}`;
    this.byNode.get(pod.spec?.nodeName)?.delete(key);
    this.cancel(key, false);
  }

  private process(pod: KubeObject, node: KubeObject | undefined): void {
    const key = `${pod.metadata.namespace}/${pod.metadata.name}`;
    const taints = this.noExecute(node);
    if (pod.metadata.deletionTimestamp) { this.cancel(key, false); return; }
    if (taints.length === 0) { this.cancel(key, true); return; }
    const now = this.ctx.clock.now();
    const tolerations = pod.spec?.tolerations ?? [];
    const min = this.switches.ignoreTolerations ? 0 : minTolerationMs(taints, tolerations);
    if (min === undefined || min === 0) { this.cancel(key, false); this.evict(pod, now); return; }
    if (min < 0) { this.cancel(key, true); return; }
    const existing = this.scheduled.get(key);
    const created = existing?.createdMs ?? now;
    if (existing && existing.createdMs + min === existing.fireMs) return;
    if (existing) this.ctx.clock.cancel(existing.handle);
    const fireMs = created + min;
    const handle = this.ctx.clock.scheduleAt(fireMs, () => {
      this.scheduled.delete(key);
      const cur = this.pods.cache.get(key);
      if (cur && cur.metadata.uid === pod.metadata.uid) this.evict(cur, fireMs);
    });
    this.scheduled.set(key, { handle, createdMs: created, fireMs });
  }

  private cancel(key: string, withEvent: boolean): void {
    const s = this.scheduled.get(key);
    if (!s) return;
    this.ctx.clock.cancel(s.handle);
    this.scheduled.delete(key);
    const pod = this.pods.cache.get(key);
    if (withEvent && pod) this.ctx.recorder.record(pod, 'Normal', 'TaintManagerEviction', `Cancelling deletion of Pod ${key}`, COMPONENT);
  }

  /** Mark the pod with DisruptionTarget, then delete it gracefully. */
  private evict(cached: KubeObject, _at: number): void {
    const { store, clock, recorder } = this.ctx;
    const pod = store.getByUid(cached.metadata.uid!);
    if (!pod || pod.metadata.deletionTimestamp) return;
    const key = `${pod.metadata.namespace}/${pod.metadata.name}`;
    recorder.record(pod, 'Normal', 'TaintManagerEviction', `Marking for deletion Pod ${key}`, COMPONENT);
    const conditions = [...(pod.status?.conditions ?? []).filter((c: any) => c.type !== 'DisruptionTarget'),
      { type: 'DisruptionTarget', status: 'True', lastTransitionTime: clock.iso(), reason: 'DeletionByTaintManager', message: 'Taint manager: deleting due to NoExecute taint' }];
    store.update({ ...pod, status: { ...pod.status, conditions } } as KubeObject, { subresource: 'status' });
    store.delete('Pod', pod.metadata.namespace, pod.metadata.name!, { uid: pod.metadata.uid, actor: COMPONENT });
  }
}
