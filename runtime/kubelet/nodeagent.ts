// The kubelet's node side: it registers the Node object, renews its Lease in
// kube-node-lease every 10s, and posts node status when it changes or every
// 5 minutes. upstream: pkg/kubelet/kubelet_node_status.go, pkg/kubelet/nodelease
import type { KubeObject } from '../../model/api/types.js';
import { parseQuantity, milliValue } from '../../model/api/quantity.js';
import type { RuntimeContext } from '../context.js';
import type { TaskHandle } from '../clock.js';
import type { Allocatable } from './admit.js';

// upstream: the kubelet version this model mirrors.
export const KUBELET_VERSION = 'v1.32.0';
// upstream: pkg/kubelet/apis/config/v1beta1/defaults.go (nodeStatusUpdateFrequency 10s)
const NODE_STATUS_UPDATE_FREQUENCY_MS = 10_000;

export class NodeAgent {
  private leaseTimer?: TaskHandle;
  private statusTimer?: TaskHandle;
  private connected = true;
  readonly hostIP: string;
  /** status.volumesInUse, as the kubelet's volume manager reports it. */
  private volumesInUse: string[] = [];
  private inUseTimer?: TaskHandle;

  constructor(private readonly ctx: RuntimeContext, readonly nodeName: string, index: number, private template: KubeObject) {
    this.hostIP = `10.0.${Math.floor(index / 250)}.${(index % 250) + 2}`;
  }

  allocatable(): Allocatable {
    const node = this.ctx.store.get('Node', undefined, this.nodeName) ?? this.template;
    const a = node.status?.allocatable ?? node.status?.capacity ?? {};
    return { cpuMilli: milliValue(a.cpu ?? '0'), memory: parseQuantity(a.memory ?? '0'), pods: parseQuantity(a.pods ?? '0'), labels: node.metadata.labels ?? {} };
  }

  start(): void {
    this.connected = true;
    this.register();
    this.renewLease();
  }

  stop(): void {
    this.ctx.clock.cancel(this.leaseTimer);
    this.ctx.clock.cancel(this.statusTimer);
    this.ctx.clock.cancel(this.inUseTimer);
    this.leaseTimer = this.statusTimer = this.inUseTimer = undefined;
    // A crashed node's containers are gone; what it reported stays in the API until it posts again.
    this.volumesInUse = [];
  }

  /**
   * The mounted attachable volumes changed: posted with the next node status
   * update, which the kubelet checks every 10 s (nodeStatusUpdateFrequency).
   */
  setVolumesInUse(names: string[]): void {
    if (names.join('\n') === this.volumesInUse.join('\n')) return;
    this.volumesInUse = names;
    if (this.inUseTimer) return;
    this.inUseTimer = this.ctx.clock.schedule(NODE_STATUS_UPDATE_FREQUENCY_MS, () => { this.inUseTimer = undefined; this.postStatus(); });
  }

  setConnected(c: boolean): void {
    this.connected = c;
    if (c) { this.postStatus(); this.renewLease(); }
  }

  private register(): void {
    const { store } = this.ctx;
    if (!store.get('Node', undefined, this.nodeName)) store.create(this.template);
    const node = store.get('Node', undefined, this.nodeName);
    if (node) this.ctx.recorder.record(this.nodeRef(node), 'Normal', 'Starting', 'Starting kubelet.', 'kubelet', this.nodeName);
    this.postStatus();
  }

  // upstream: the kubelet's node events name the node by name, with the name as uid.
  private nodeRef(node: KubeObject): KubeObject {
    return { ...node, metadata: { ...node.metadata, uid: this.nodeName } } as KubeObject;
  }

  // upstream: pkg/kubelet/nodestatus/setters.go recordEventFunc on each condition change
  private static readonly CONDITION_EVENTS: Record<string, string> = {
    'MemoryPressure/False': 'NodeHasSufficientMemory', 'DiskPressure/False': 'NodeHasNoDiskPressure',
    'PIDPressure/False': 'NodeHasSufficientPID', 'Ready/True': 'NodeReady',
  };

  private conditions(now: string): unknown[] {
    // upstream: pkg/kubelet/nodestatus/setters.go (reasons and messages)
    const c = (type: string, status: string, reason: string, message: string) =>
      ({ type, status, lastHeartbeatTime: now, lastTransitionTime: now, reason, message });
    return [
      c('MemoryPressure', 'False', 'KubeletHasSufficientMemory', 'kubelet has sufficient memory available'),
      c('DiskPressure', 'False', 'KubeletHasNoDiskPressure', 'kubelet has no disk pressure'),
      c('PIDPressure', 'False', 'KubeletHasSufficientPID', 'kubelet has sufficient PID available'),
      c('Ready', 'True', 'KubeletReady', 'kubelet is posting ready status'),
    ];
  }

  /** Post NodeStatus: conditions keep their transition time while their status holds. */
  postStatus(): void {
    const { store, clock } = this.ctx;
    this.ctx.clock.cancel(this.statusTimer);
    this.statusTimer = clock.schedule(this.ctx.config.nodeStatusReportMs, () => this.postStatus());
    if (!this.connected) return;
    const node = store.get('Node', undefined, this.nodeName);
    if (!node) return;
    const now = clock.iso();
    const old = new Map<string, any>((node.status?.conditions ?? []).map((c: any) => [c.type, c]));
    const conditions = this.conditions(now).map((c: any) => {
      const prev = old.get(c.type);
      return prev && prev.status === c.status ? { ...c, lastTransitionTime: prev.lastTransitionTime } : c;
    });
    for (const c of conditions as any[]) {
      const prev = old.get(c.type);
      const reason = NodeAgent.CONDITION_EVENTS[`${c.type}/${c.status}`];
      if (reason && (!prev || prev.status !== c.status)) this.ctx.recorder.record(this.nodeRef(node), 'Normal', reason, `Node ${this.nodeName} status is now: ${reason}`, 'kubelet', this.nodeName);
    }
    const status: Record<string, unknown> = {
      ...this.template.status,
      ...node.status,
      conditions,
      addresses: [{ type: 'InternalIP', address: this.hostIP }, { type: 'Hostname', address: this.nodeName }],
      daemonEndpoints: { kubeletEndpoint: { Port: 10250 } },
      nodeInfo: {
        architecture: 'amd64', bootID: '', containerRuntimeVersion: 'containerd://1.7.24', kernelVersion: '6.1.0',
        kubeProxyVersion: KUBELET_VERSION, kubeletVersion: KUBELET_VERSION, machineID: '', operatingSystem: 'linux',
        osImage: 'kubemodel simulated node', systemUUID: '',
      },
    };
    if (this.volumesInUse.length > 0) status.volumesInUse = this.volumesInUse;
    else delete status.volumesInUse;
    store.update({ ...node, status } as KubeObject, { subresource: 'status' });
  }

  private renewLease(): void {
    const { store, clock, config } = this.ctx;
    this.ctx.clock.cancel(this.leaseTimer);
    this.leaseTimer = clock.schedule(config.leaseRenewIntervalMs, () => this.renewLease());
    if (!this.connected) return;
    const node = store.get('Node', undefined, this.nodeName);
    if (!node) return;
    const lease = store.get('Lease', 'kube-node-lease', this.nodeName);
    const spec = { holderIdentity: this.nodeName, leaseDurationSeconds: 40, renewTime: clock.isoMicro() };
    if (!lease) {
      store.create({
        apiVersion: 'coordination.k8s.io/v1', kind: 'Lease',
        metadata: { name: this.nodeName, namespace: 'kube-node-lease', ownerReferences: [{ apiVersion: 'v1', kind: 'Node', name: this.nodeName, uid: node.metadata.uid! }] },
        spec,
      });
    } else {
      store.update({ ...lease, spec: { ...lease.spec, ...spec } } as KubeObject);
    }
  }
}
