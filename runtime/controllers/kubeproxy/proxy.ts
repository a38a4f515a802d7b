// kube-proxy: the Service routing every node does. It watches Services and
// EndpointSlices and programs its rules at most once a second
// (--iptables-min-sync-period 1s): a request goes by the rules as last
// programmed, so a pod that was just deleted or became unready may still be
// picked for up to that long. Where one connection goes is the pure
// decision (model/controllers/kubeproxy: endpointsFor, chooseEndpoint); this
// file keeps the programmed snapshot, each node's session-affinity table and
// the seeded stream, and answers the `request` verb.
//
// Simplification: one proxy process stands for the per-node DaemonSet —
// every node's rules are programmed at the same moment, and a partitioned
// node's rules are not left stale.
// upstream: pkg/proxy/iptables/proxier.go (syncProxyRules, minSyncPeriod), pkg/proxy/config (the informer handlers)
import type { KubeObject } from '../../../model/api/types.js';
import { AffinityTable, chooseEndpoint, endpointsFor, watchedByKubeProxy, type PortSelector } from '../../../model/controllers/kubeproxy/index.js';
import type { TaskHandle } from '../../clock.js';
import type { Component } from '../../context.js';
import type { Informer } from '../../informer.js';
import type { ControllerContext } from '../definition.js';

export const MIN_SYNC_PERIOD_MS = 1_000;

/** One `request` step's results, as `run -o json` lists them. */
export interface RequestResult {
  service: string;
  from: string;
  count: number;
  time: string;
  /** Pod name → connections it answered. */
  answered: Record<string, number>;
  /** Reason → connections that got no answer. */
  errors: Record<string, number>;
}

export class KubeProxy implements Component {
  readonly name: string;
  private services: Informer;
  private slices: Informer;
  /** The rules as last programmed: Services by namespace/name, and their slices. */
  private programmedServices = new Map<string, KubeObject>();
  private programmedSlices: KubeObject[] = [];
  private lastSyncMs = -Infinity;
  private pending?: TaskHandle;
  private affinity = new Map<string, AffinityTable>();

  constructor(private readonly ctx: ControllerContext) {
    this.name = ctx.name;
    const changed = () => this.scheduleSync();
    this.services = ctx.informer('Service', { add: changed, update: changed, delete: changed });
    this.slices = ctx.informer('EndpointSlice', { add: changed, update: changed, delete: changed });
  }

  start(): void {
    // A restarted proxy keeps the kernel's rules (and conntrack) until it programs new ones; its affinity table is the kernel's too.
    this.services.start(); this.slices.start();
  }
  stop(): void {
    this.services.stop(); this.slices.stop();
    this.ctx.clock.cancel(this.pending);
    this.pending = undefined;
  }
  setWatchDelay(ms: number): void { this.services.setDelay(ms); this.slices.setDelay(ms); }

  private scheduleSync(): void {
    if (this.pending) return;
    const at = Math.max(this.ctx.clock.now(), this.lastSyncMs + MIN_SYNC_PERIOD_MS);
    this.pending = this.ctx.clock.scheduleAt(at, () => { this.pending = undefined; this.sync(); });
  }

  private sync(): void {
    this.lastSyncMs = this.ctx.clock.now();
    this.programmedServices = new Map([...this.services.cache.values()].filter(watchedByKubeProxy).map((s) => [`${s.metadata.namespace}/${s.metadata.name}`, s]));
    this.programmedSlices = [...this.slices.cache.values()].filter(watchedByKubeProxy);
  }

  /** Is a Service in the programmed rules (for the verb's error when it is not)? */
  knows(namespace: string, name: string): boolean { return this.programmedServices.has(`${namespace}/${name}`); }

  /**
   * `count` new connections from `fromNode` (a client on the node: its
   * InternalIP) to the Service's port. An answer from a pod that is no longer
   * running is no answer: the connection goes to an address nothing listens on.
   */
  request(namespace: string, name: string, fromNode: string, count: number, port?: PortSelector): RequestResult {
    const { clock, store } = this.ctx;
    const result: RequestResult = { service: `${namespace}/${name}`, from: fromNode, count, time: clock.iso(), answered: {}, errors: {} };
    const svc = this.programmedServices.get(`${namespace}/${name}`);
    const bump = (m: Record<string, number>, k: string) => { m[k] = (m[k] ?? 0) + 1; };
    if (!svc) { for (let i = 0; i < count; i++) bump(result.errors, 'NotProxied'); return result; }
    const node = store.get('Node', undefined, fromNode);
    const clientIP = (node?.status?.addresses ?? []).find((a: any) => a.type === 'InternalIP')?.address ?? '0.0.0.0';
    const eps = endpointsFor(svc, this.programmedSlices.filter((s) => s.metadata.namespace === namespace), fromNode, port);
    let table = this.affinity.get(fromNode);
    if (!table) this.affinity.set(fromNode, table = new AffinityTable());
    for (let i = 0; i < count; i++) {
      const o = chooseEndpoint(eps, { clientIP, fromThisNode: true }, () => this.ctx.random.next(), table, clock.now());
      if (o.kind !== 'answered') { bump(result.errors, o.reason); continue; }
      const pod = o.pod ? store.get('Pod', namespace, o.pod) : undefined;
      const ip = o.endpoint.endpoint.split(':')[0];
      if (!pod || pod.status?.phase !== 'Running' || pod.status?.podIP !== ip) bump(result.errors, 'StaleEndpoint');
      else bump(result.answered, o.pod!);
    }
    return result;
  }
}
