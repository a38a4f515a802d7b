// The node-lifecycle controller: every node-monitor-period it checks when it
// last heard from each kubelet (Lease renewals and NodeStatus posts, timed by
// when *it* observed them, as upstream's probeTimestamp). Silence longer than
// the grace period sets the node's conditions Unknown, marks its pods not
// ready and taints it NoExecute (rate-limited per zone); a heartbeat undoes it.
// upstream: pkg/controller/nodelifecycle/node_lifecycle_controller.go
import type { KubeObject } from '../../../model/api/types.js';
import { nodeMachine, type NodeMachineEvent } from '../../../model/controllers/nodelifecycle/machine.js';
import { start, send, stateName, type Step } from '../../../model/machines/drive.js';
import type { Component, RuntimeContext } from '../../context.js';
import { Informer } from '../../informer.js';
import type { TaskHandle } from '../../clock.js';

export const TAINT_UNREACHABLE = 'node.kubernetes.io/unreachable';
export const TAINT_NOT_READY = 'node.kubernetes.io/not-ready';
const COMPONENT = 'node-controller';

interface NodeHealth { step: Step<typeof nodeMachine>; probeMs: number; leaseRenew?: string; heartbeat?: string; registeredMs: number }

export class NodeLifecycleController implements Component {
  readonly name = 'node-lifecycle-controller';
  private health = new Map<string, NodeHealth>();
  private nodes: Informer;
  private leases: Informer;
  private pods: Informer;
  private timer?: TaskHandle;
  /** Token bucket for NoExecute tainting: 0.1 node/s by default, burst 1. */
  private nextTaintAllowedMs = 0;
  private pendingTaint: string[] = [];

  constructor(private readonly ctx: RuntimeContext) {
    const c = `kube-controller-manager/${this.name}`;
    this.nodes = new Informer(ctx.store, 'Node', c, { add: (n) => this.observeNode(n), update: (n) => this.observeNode(n), delete: (n) => this.transition(n.metadata.name!, 'DELETE') });
    this.leases = new Informer(ctx.store, 'Lease', c, { add: (l) => this.observeLease(l), update: (l) => this.observeLease(l) });
    this.pods = new Informer(ctx.store, 'Pod', c, {});
  }

  start(): void {
    this.health.clear();
    this.pendingTaint = [];
    this.nodes.start(); this.leases.start(); this.pods.start();
    this.schedule();
  }

  stop(): void {
    this.nodes.stop(); this.leases.stop(); this.pods.stop();
    this.ctx.clock.cancel(this.timer);
  }

  setWatchDelay(ms: number): void { for (const i of [this.nodes, this.leases, this.pods]) i.setDelay(ms); }

  /** The machine state of each node, for tests and the diagram. */
  states(): Map<string, string> {
    return new Map([...this.health].map(([n, h]) => [n, stateName(h.step.snapshot)]));
  }

  private schedule(): void {
    this.timer = this.ctx.clock.schedule(this.ctx.config.nodeMonitorPeriodMs, () => { this.monitor(); this.schedule(); });
  }

  private entry(name: string): NodeHealth {
    let h = this.health.get(name);
    if (!h) {
      h = { step: start(nodeMachine), probeMs: this.ctx.clock.now(), registeredMs: this.ctx.clock.now() };
      this.health.set(name, h);
    }
    return h;
  }

  private observeNode(node: KubeObject): void {
    if (!this.health.has(node.metadata.name!)) {
      // upstream: node_lifecycle_controller.go (RegisteredNode, "Registered Node X in Controller")
      this.ctx.recorder.record(node, 'Normal', 'RegisteredNode', `Node ${node.metadata.name} event: Registered Node ${node.metadata.name} in Controller`, COMPONENT);
    }
    const h = this.entry(node.metadata.name!);
    const ready = (node.status?.conditions ?? []).find((c: any) => c.type === 'Ready');
    if (ready && ready.lastHeartbeatTime !== h.heartbeat) {
      h.heartbeat = ready.lastHeartbeatTime;
      h.probeMs = this.ctx.clock.now();
      // A heartbeat the kubelet posted counts; the Unknown we wrote ourselves does not.
      if (ready.status === 'True') this.transition(node.metadata.name!, 'HEARTBEAT_READY');
      else if (ready.status === 'False') this.transition(node.metadata.name!, 'HEARTBEAT_NOT_READY');
    }
  }

  private observeLease(lease: KubeObject): void {
    if (lease.metadata.namespace !== 'kube-node-lease') return;
    const h = this.health.get(lease.metadata.name!);
    if (!h || lease.spec?.renewTime === h.leaseRenew) return;
    h.leaseRenew = lease.spec?.renewTime;
    h.probeMs = this.ctx.clock.now();
    const node = this.nodes.get(undefined, lease.metadata.name!);
    const ready = (node?.status?.conditions ?? []).find((c: any) => c.type === 'Ready');
    // A renewed lease alone does not make an Unknown node Ready: the kubelet's status post does.
    if (ready?.status === 'True' && h.step.snapshot.matches('registering')) this.transition(lease.metadata.name!, 'HEARTBEAT_READY');
  }

  private monitor(): void {
    const now = this.ctx.clock.now();
    const { nodeMonitorGracePeriodMs, nodeStartupGracePeriodMs } = this.ctx.config;
    for (const [name, h] of this.health) {
      const s = h.step.snapshot;
      const grace = s.matches('registering') ? nodeStartupGracePeriodMs : nodeMonitorGracePeriodMs;
      if (now - h.probeMs > grace && !s.matches('unknown') && !s.matches('neverUpdated')) this.transition(name, 'GRACE_EXPIRED');
    }
    this.taintPending();
  }

  private transition(name: string, type: NodeMachineEvent['type']): void {
    const h = this.health.get(name);
    if (!h) return;
    const next = send(nodeMachine, h.step.snapshot, { type });
    if (next.snapshot === h.step.snapshot) return;
    h.step = next;
    for (const a of next.actions) this.act(name, a);
  }

  private act(name: string, action: string): void {
    switch (action) {
      case 'onUnknown': return this.markUnknown(name, 'NodeStatusUnknown', 'Kubelet stopped posting node status.');
      case 'onNeverUpdated': return this.markUnknown(name, 'NodeStatusNeverUpdated', 'Kubelet never posted node status.');
      case 'onReady': return this.setTaints(name, [], true);
      case 'onNotReady': {
        const node = this.ctx.store.get('Node', undefined, name);
        if (node) this.ctx.recorder.record(node, 'Normal', 'NodeNotReady', `Node ${name} status is now: NodeNotReady`, COMPONENT);
        this.markPodsNotReady(name);
        return this.queueTaint(name);
      }
      // The Node object is gone: so is what the controller knew of it.
      case 'onDeleted': this.health.delete(name); return;
      default: throw new Error(`node-lifecycle: unknown action ${action}`);
    }
  }

  private markUnknown(name: string, reason: string, message: string): void {
    const { store, clock, recorder } = this.ctx;
    const node = store.get('Node', undefined, name);
    if (!node) return;
    const now = clock.iso();
    const conditions = (node.status?.conditions ?? []).map((c: any) =>
      ['Ready', 'MemoryPressure', 'DiskPressure', 'PIDPressure'].includes(c.type) && c.status !== 'Unknown'
        ? { ...c, status: 'Unknown', reason, message, lastTransitionTime: now }
        : c);
    store.update({ ...node, status: { ...node.status, conditions } } as KubeObject, { subresource: 'status' });
    recorder.record(node, 'Normal', 'NodeNotReady', `Node ${name} status is now: NodeNotReady`, COMPONENT);
    this.markPodsNotReady(name);
    // upstream: TaintNodesByCondition adds the NoSchedule taint at once; NoExecute goes through the rate limiter.
    this.setTaints(name, [{ key: TAINT_UNREACHABLE, effect: 'NoSchedule' }], false);
    this.queueTaint(name);
  }

  // upstream: pkg/controller/util/node/controller_utils.go MarkPodsNotReady
  private markPodsNotReady(name: string): void {
    const { store, clock, recorder } = this.ctx;
    for (const cached of this.pods.list()) {
      if (cached.spec?.nodeName !== name) continue;
      const pod = store.getByUid(cached.metadata.uid!);
      if (!pod) continue;
      const conds = pod.status?.conditions ?? [];
      const ready = conds.find((c: any) => c.type === 'Ready');
      if (!ready || ready.status === 'False') continue;
      const conditions = conds.map((c: any) => c.type === 'Ready' ? { ...c, status: 'False', lastTransitionTime: clock.iso() } : c);
      store.update({ ...pod, status: { ...pod.status, conditions } } as KubeObject, { subresource: 'status' });
      recorder.record(pod, 'Warning', 'NodeNotReady', 'Node is not ready', COMPONENT);
    }
  }

  private queueTaint(name: string): void {
    if (!this.pendingTaint.includes(name)) this.pendingTaint.push(name);
    this.taintPending();
  }

  /** Apply queued NoExecute taints at the eviction rate; stop entirely if every node is down (partitioned control plane). */
  private taintPending(): void {
    const now = this.ctx.clock.now();
    const allDown = this.health.size > 0 && [...this.health.values()].every((h) => !h.step.snapshot.matches('ready'));
    if (allDown) return;
    while (this.pendingTaint.length > 0 && now >= this.nextTaintAllowedMs) {
      const name = this.pendingTaint.shift()!;
      const h = this.health.get(name);
      if (!h) continue;
      const s = h.step.snapshot;
      if (s.matches('ready') || s.matches('registering')) continue;
      const key = s.matches('notReady') ? TAINT_NOT_READY : TAINT_UNREACHABLE;
      this.setTaints(name, [{ key, effect: 'NoSchedule' }, { key, effect: 'NoExecute' }], false);
      this.nextTaintAllowedMs = now + Math.round(1000 / this.ctx.config.nodeEvictionRate);
    }
  }

  /** Replace the node's not-ready/unreachable taints with `want` (or remove them all when `clear`). */
  private setTaints(name: string, want: Array<{ key: string; effect: string }>, clear: boolean): void {
    const { store, clock } = this.ctx;
    const node = store.get('Node', undefined, name);
    if (!node) return;
    const ours = (t: any) => t.key === TAINT_UNREACHABLE || t.key === TAINT_NOT_READY;
    const current: any[] = node.spec?.taints ?? [];
    let taints = clear ? current.filter((t) => !ours(t)) : current.filter((t) => !ours(t) || want.some((w) => w.key === t.key));
    for (const w of want) {
      if (!taints.some((t) => t.key === w.key && t.effect === w.effect)) {
        taints = [...taints, w.effect === 'NoExecute' ? { ...w, timeAdded: clock.iso() } : { ...w }];
      }
    }
    if (clear) this.pendingTaint = this.pendingTaint.filter((n) => n !== name);
    if (JSON.stringify(taints) === JSON.stringify(current)) return;
    const spec = { ...node.spec, taints };
    if (taints.length === 0) delete spec.taints;
    store.update({ ...node, spec } as KubeObject);
  }
}
