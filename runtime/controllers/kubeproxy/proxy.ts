// kube-proxy: the Service routing every node does, one proxy per node (the
// DaemonSet). Each node's proxy has its own view of Services and
// EndpointSlices: it hears of a change after its own watch delay, programs
// its rules at most once a second (--iptables-min-sync-period 1s), keeps
// them while its node is partitioned or the process is stopped, and lists
// everything again when it reconnects (see model/controllers/kubeproxy/
// machine.ts). A request goes by the rules of the node it is sent from, as
// last programmed, so a pod that was just deleted or became unready may
// still be picked there. Where one connection goes is the pure decision
// (model/controllers/kubeproxy: endpointsFor, chooseEndpoint).
//
// Cost: one change is queued once and shared by every node's queue; each
// node applies only what changed since its last sync (O(change), not
// O(service)), and a relist (restart, heal) is the one full rebuild.
//
// A pod that answers a connection appends an entry to the data log of each
// volume it mounts.
// upstream: pkg/proxy/iptables/proxier.go (syncProxyRules, minSyncPeriod), pkg/proxy/config (the informer handlers),
//           pkg/proxy/endpointslicecache.go (the per-slice cache updated by each change)
import type { KubeObject } from '../../../model/api/types.js';
import { AffinityTable, chooseEndpoint, endpointsFor, watchedByKubeProxy, LABEL_SERVICE_NAME, type PortSelector } from '../../../model/controllers/kubeproxy/index.js';
import { proxyMachine, type ProxyAction, type ProxyEvent } from '../../../model/controllers/kubeproxy/machine.js';
import { send, start, stateName, type Step } from '../../../model/machines/drive.js';
import type { TaskHandle } from '../../clock.js';
import type { Component } from '../../context.js';
import type { Informer } from '../../informer.js';
import type { RandomStream } from '../../random.js';
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

/** One answered connection, for whoever listens (invariants). */
export interface Connection {
  service: KubeObject;
  from: string;
  /** The pod that answered (it exists, runs, and has the endpoint's IP). */
  pod: KubeObject;
  timeMs: number;
}

/** A connection the rules sent to an address no pod serves (the pod is gone, stopped, or has another address now). */
export interface StaleConnection {
  service: KubeObject;
  from: string;
  /** namespace/name of the endpoint's pod (its targetRef), if it named one. */
  pod: string | undefined;
  ip: string;
  timeMs: number;
}

/** A change heard from the API, queued once and shared by every node's queue. */
interface Change { readonly atMs: number; readonly kind: 'Service' | 'EndpointSlice'; readonly key: string; readonly obj: KubeObject | null }

const keyOf = (o: KubeObject): string => `${o.metadata.namespace}/${o.metadata.name}`;
const serviceKeyOfSlice = (s: KubeObject): string | undefined => {
  const svc = s.metadata.labels?.[LABEL_SERVICE_NAME];
  return svc === undefined ? undefined : `${s.metadata.namespace}/${svc}`;
};

export interface ProxySwitches {
  /** Known bug: a slice update is merged into the programmed copy (removed endpoints stay) and a slice delete is ignored. */
  keepRemovedEndpoints?: boolean;
}

/** The buggy merge: the new slice's endpoints plus the old ones it no longer lists. */
function mergedSlice(old: KubeObject, next: KubeObject): KubeObject {
  const eps = [...((next['endpoints'] as any[] | undefined) ?? [])];
  const have = new Set(eps.map((e) => (e.addresses ?? []).join(',')));
  for (const e of (old['endpoints'] as any[] | undefined) ?? []) if (!have.has((e.addresses ?? []).join(','))) eps.push(e);
  return { ...next, endpoints: eps };
}

/** One node's kube-proxy: its queue of changes, its programmed rules and its session-affinity table. */
export class NodeProxy implements Component {
  readonly name: string;
  private step: Step<typeof proxyMachine> = start(proxyMachine);
  private delayMs = 0;
  private queue: Change[] = [];
  private relistDueMs: number | undefined;
  private pending?: TaskHandle;
  private lastSyncMs = -Infinity;
  /** The programmed rules: Services, and each Service's slices by slice key. */
  private services = new Map<string, KubeObject>();
  private slices = new Map<string, Map<string, KubeObject>>();
  private sliceService = new Map<string, string>();
  private partitioned = false;
  readonly affinity = new AffinityTable();
  readonly random: RandomStream;

  constructor(readonly node: string, private readonly daemon: KubeProxy, private readonly ctx: ControllerContext, private readonly switches: ProxySwitches = {}) {
    this.name = `kube-proxy/${node}`;
    this.random = ctx.streams.stream(`kube-proxy/${node}`);
    this.delayMs = ctx.config.proxyWatchDelayMs;
    this.fire('CONNECT');
  }

  /** Where the machine is: running.inSync, running.pending, stale or down. */
  get state(): string { return stateName(this.step.snapshot); }
  get down(): boolean { return this.state === 'down'; }

  // The process: a stop leaves the kernel's rules in place; a start lists everything again.
  start(): void { if (!this.partitioned) this.fire('CONNECT'); }
  stop(): void { this.fire('DISCONNECT'); }
  setWatchDelay(ms: number): void { this.delayMs = ms; }

  /** The hardware under the node, as the cluster's hardware machine moves it. */
  hardware(action: string): void {
    switch (action) {
      case 'stopKubelet': this.fire('CRASH'); return;
      case 'recoverKubelet': this.fire('RECOVER'); return;
      case 'partitionKubelet': this.partitioned = true; this.fire('DISCONNECT'); return;
      case 'healKubelet': this.partitioned = false; this.fire('CONNECT'); return;
    }
  }

  /** The node is gone: nothing more runs here. */
  remove(): void { this.ctx.clock.cancel(this.pending); this.pending = undefined; this.queue = []; }

  heard(c: Change): void {
    if (!this.state.startsWith('running')) return;
    this.queue.push(c);
    this.fire('CHANGE');
  }

  private fire(type: ProxyEvent['type']): void {
    const next = send(proxyMachine, this.step.snapshot, { type } as ProxyEvent);
    if (next.snapshot === this.step.snapshot) return;
    this.step = next;
    for (const a of next.actions) this.act(a as ProxyAction);
  }

  private act(a: ProxyAction): void {
    const { clock } = this.ctx;
    switch (a) {
      case 'dropQueued':
        this.queue = []; this.relistDueMs = undefined;
        clock.cancel(this.pending); this.pending = undefined;
        return;
      case 'relist': this.relistDueMs = clock.now() + this.delayMs; return;
      case 'scheduleSync': {
        const first = this.relistDueMs ?? (this.queue.length > 0 ? this.queue[0]!.atMs + this.delayMs : clock.now());
        const at = Math.max(clock.now(), this.lastSyncMs + MIN_SYNC_PERIOD_MS, first);
        clock.cancel(this.pending);
        this.pending = clock.scheduleAt(at, () => { this.pending = undefined; this.fire('SYNC'); });
        return;
      }
      case 'program': return this.program();
    }
  }

  /** Apply what this proxy has heard by now; anything still in flight waits for the next sync. */
  private program(): void {
    const now = this.ctx.clock.now();
    this.lastSyncMs = now;
    let i = 0;
    if (this.relistDueMs !== undefined && this.relistDueMs <= now) {
      this.relistDueMs = undefined;
      this.services.clear(); this.slices.clear(); this.sliceService.clear();
      for (const s of this.daemon.serviceCache()) this.apply('Service', keyOf(s), s);
      for (const s of this.daemon.sliceCache()) this.apply('EndpointSlice', keyOf(s), s);
      this.queue = this.queue.filter((c) => c.atMs + this.delayMs > now); // the list already holds these
    }
    while (i < this.queue.length && this.queue[i]!.atMs + this.delayMs <= now) {
      const c = this.queue[i++]!;
      this.apply(c.kind, c.key, c.obj);
    }
    if (i > 0) this.queue = this.queue.slice(i);
    if (this.queue.length > 0 || this.relistDueMs !== undefined) this.fire('CHANGE');
  }

  private apply(kind: Change['kind'], key: string, obj: KubeObject | null): void {
    if (kind === 'Service') {
      if (obj && watchedByKubeProxy(obj)) this.services.set(key, obj); else this.services.delete(key);
      return;
    }
    const prev = this.sliceService.get(key);
    if (this.switches.keepRemovedEndpoints && prev !== undefined) {
      const old = this.slices.get(prev)?.get(key);
      if (!obj) return; // the delete is lost
      if (old) obj = mergedSlice(old, obj);
    }
    if (prev !== undefined) {
      const m = this.slices.get(prev);
      m?.delete(key);
      if (m?.size === 0) this.slices.delete(prev);
      this.sliceService.delete(key);
    }
    const svc = obj && watchedByKubeProxy(obj) ? serviceKeyOfSlice(obj) : undefined;
    if (svc === undefined) return;
    let m = this.slices.get(svc);
    if (!m) this.slices.set(svc, (m = new Map()));
    m.set(key, obj!);
    this.sliceService.set(key, svc);
  }

  knows(namespace: string, name: string): boolean { return this.services.has(`${namespace}/${name}`); }

  /**
   * `count` new connections from a client on this node (its InternalIP) to
   * the Service's port. An answer from a pod that is no longer running is no
   * answer: the connection goes to an address nothing listens on.
   */
  request(namespace: string, name: string, count: number, port?: PortSelector): RequestResult {
    const { clock, store } = this.ctx;
    const result: RequestResult = { service: `${namespace}/${name}`, from: this.node, count, time: clock.iso(), answered: {}, errors: {} };
    const bump = (m: Record<string, number>, k: string) => { m[k] = (m[k] ?? 0) + 1; };
    if (this.down) { for (let i = 0; i < count; i++) bump(result.errors, 'NodeDown'); return result; }
    const svc = this.services.get(`${namespace}/${name}`);
    if (!svc) { for (let i = 0; i < count; i++) bump(result.errors, 'NotProxied'); return result; }
    const node = store.get('Node', undefined, this.node);
    const clientIP = (node?.status?.addresses ?? []).find((a: any) => a.type === 'InternalIP')?.address ?? '0.0.0.0';
    const slices = [...(this.slices.get(`${namespace}/${name}`)?.values() ?? [])];
    const eps = endpointsFor(svc, slices, this.node, port);
    for (let i = 0; i < count; i++) {
      const o = chooseEndpoint(eps, { clientIP, fromThisNode: true }, () => this.random.next(), this.affinity, clock.now());
      if (o.kind !== 'answered') { bump(result.errors, o.reason); continue; }
      const pod = o.pod ? store.get('Pod', namespace, o.pod) : undefined;
      const ip = o.endpoint.endpoint.split(':')[0];
      if (!pod || pod.status?.phase !== 'Running' || pod.status?.podIP !== ip) {
        bump(result.errors, 'StaleEndpoint');
        this.daemon.stale({ service: svc, from: this.node, pod: o.pod ? `${namespace}/${o.pod}` : undefined, ip: ip ?? '', timeMs: clock.now() });
        continue;
      }
      bump(result.answered, o.pod!);
      this.daemon.answered({ service: svc, from: this.node, pod, timeMs: clock.now() });
    }
    return result;
  }
}

/** kube-proxy, the DaemonSet: one NodeProxy per Node, fed from one watch of Services and EndpointSlices. */
export class KubeProxy implements Component {
  readonly name: string;
  private services: Informer;
  private slices: Informer;
  private nodes: Informer;
  private proxies = new Map<string, NodeProxy>();
  private listeners: Array<(c: Connection) => void> = [];
  private staleListeners: Array<(c: StaleConnection) => void> = [];
  private watching = false;

  constructor(private readonly ctx: ControllerContext, private readonly switches: ProxySwitches = {}) {
    this.name = ctx.name;
    const fan = (kind: Change['kind'], gone: boolean) => (o: KubeObject) => {
      const c: Change = { atMs: ctx.clock.now(), kind, key: keyOf(o), obj: gone ? null : o };
      for (const p of this.proxies.values()) p.heard(c);
    };
    this.services = ctx.informer('Service', { add: fan('Service', false), update: fan('Service', false), delete: fan('Service', true) });
    this.slices = ctx.informer('EndpointSlice', { add: fan('EndpointSlice', false), update: fan('EndpointSlice', false), delete: fan('EndpointSlice', true) });
    this.nodes = ctx.informer('Node', {
      add: (n) => { if (!this.proxies.has(n.metadata.name!)) this.proxies.set(n.metadata.name!, new NodeProxy(n.metadata.name!, this, ctx, switches)); },
      delete: (n) => { this.proxies.get(n.metadata.name!)?.remove(); this.proxies.delete(n.metadata.name!); },
    });
  }

  // The watch cache the proxies list from stays up across a restart of the proxies themselves.
  start(): void {
    if (!this.watching) { this.watching = true; this.nodes.start(); this.services.start(); this.slices.start(); }
    for (const p of this.proxies.values()) p.start();
  }
  stop(): void { for (const p of this.proxies.values()) p.stop(); }
  setWatchDelay(ms: number): void { for (const p of this.proxies.values()) p.setWatchDelay(ms); }

  perNode(node: string): NodeProxy | undefined { return this.proxies.get(node); }
  onNodeHardware(node: string, action: string): void {
    const p = this.proxies.get(node);
    if (!p) return;
    if (action === 'removeNode') { p.remove(); this.proxies.delete(node); return; }
    p.hardware(action);
  }

  serviceCache(): Iterable<KubeObject> { return this.services.cache.values(); }
  sliceCache(): Iterable<KubeObject> { return this.slices.cache.values(); }

  /** Be told of every answered connection. */
  onConnection(l: (c: Connection) => void): void { this.listeners.push(l); }
  /** Be told of every connection sent to an address no pod serves. */
  onStaleConnection(l: (c: StaleConnection) => void): void { this.staleListeners.push(l); }
  stale(c: StaleConnection): void { for (const l of this.staleListeners) l(c); }

  answered(c: Connection): void {
    for (const l of this.listeners) l(c);
    // The pod writes to each volume it mounts (its bound claims' volumes).
    const { store, storage } = this.ctx;
    for (const v of c.pod.spec?.volumes ?? []) {
      const claimName = v?.persistentVolumeClaim?.claimName;
      if (typeof claimName !== 'string') continue;
      const claim = store.get('PersistentVolumeClaim', c.pod.metadata.namespace, claimName);
      const pv = claim?.spec?.volumeName ? store.get('PersistentVolume', undefined, claim.spec.volumeName) : undefined;
      if (pv) storage.append(pv, c.pod, c.pod.spec.nodeName, c.timeMs, 'request');
    }
  }

  /** Is a Service in the programmed rules of the node (for the verb's error when it is not)? */
  knows(namespace: string, name: string, node: string): boolean { return this.proxies.get(node)?.knows(namespace, name) ?? false; }

  request(namespace: string, name: string, fromNode: string, count: number, port?: PortSelector): RequestResult {
    const p = this.proxies.get(fromNode);
    if (!p) {
      return { service: `${namespace}/${name}`, from: fromNode, count, time: this.ctx.clock.iso(), answered: {}, errors: count > 0 ? { NotProxied: count } : {} };
    }
    return p.request(namespace, name, count, port);
  }
}
