// A simulated cluster: the store, the clock, the control-plane components and
// one kubelet per node, wired together. This is a library: no argv, no exit
// codes. Scenario steps and properties drive it through these methods.
import type { KubeObject } from '../model/api/types.js';
import { hardwareMachine } from '../model/machines/hardware.js';
import { start, send, stateName, type Step } from '../model/machines/drive.js';
import { VirtualClock } from './clock.js';
import { RandomStreams } from './random.js';
import { ApiStore, type Admission } from './store.js';
import { EventRecorder } from './events.js';
import { DEFAULT_CONFIG, type ClusterConfig, type ImageBehaviour, type NodeSpecInput } from './config.js';
import type { Component, RuntimeContext } from './context.js';
import { Kubelet } from './kubelet/kubelet.js';
import { NodeLifecycleController } from './controllers/nodelifecycle.js';
import { TaintEvictionController } from './controllers/tainteviction.js';
import { GarbageCollector } from './controllers/gc.js';
import { PodGC } from './controllers/podgc.js';
import { Scheduler } from './scheduler.js';
import { WORKLOAD_CONTROLLERS } from './controllers/registry.js';
import { nodeObject } from './nodes.js';
import { defaultAdmission } from './admission.js';

export interface ClusterOptions {
  seed?: number;
  nodes: NodeSpecInput[];
  config?: Partial<ClusterConfig>;
  images?: Record<string, ImageBehaviour>;
  bugs?: string[];
  admission?: Admission;
  maxEvents?: number;
}

export class ClusterError extends Error {}

export class Cluster {
  readonly clock: VirtualClock;
  readonly streams: RandomStreams;
  readonly store: ApiStore;
  readonly recorder: EventRecorder;
  readonly ctx: RuntimeContext;
  readonly kubelets = new Map<string, Kubelet>();
  private hardware = new Map<string, Step<typeof hardwareMachine>>();
  /** kube-controller-manager's controllers, by name. */
  readonly controllers: Component[];
  readonly scheduler: Scheduler;
  private nodeCount = 0;

  constructor(opts: ClusterOptions) {
    this.clock = new VirtualClock(opts.maxEvents);
    this.streams = new RandomStreams(opts.seed ?? 1);
    this.store = new ApiStore(this.clock, this.streams, opts.admission ?? defaultAdmission);
    this.recorder = new EventRecorder(this.store);
    this.ctx = {
      store: this.store, clock: this.clock, streams: this.streams, recorder: this.recorder,
      config: { ...DEFAULT_CONFIG, ...(opts.config ?? {}) },
      images: new Map(Object.entries(opts.images ?? {})),
      bugs: new Set(opts.bugs ?? []),
    };
    for (const ns of ['default', 'kube-system', 'kube-public', 'kube-node-lease']) {
      this.store.create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: ns, labels: { 'kubernetes.io/metadata.name': ns } }, spec: { finalizers: ['kubernetes'] }, status: { phase: 'Active' } });
    }
    this.controllers = [
      new NodeLifecycleController(this.ctx),
      new TaintEvictionController(this.ctx),
      new GarbageCollector(this.ctx),
      new PodGC(this.ctx),
      ...WORKLOAD_CONTROLLERS.map((make) => make(this.ctx)),
    ];
    this.scheduler = new Scheduler(this.ctx);
    for (const n of opts.nodes) this.nodeAdd(n);
    for (const c of this.controllers) c.start();
    this.scheduler.start();
    this.clock.settle();
  }

  get config(): ClusterConfig { return this.ctx.config; }

  // ---- hardware ----

  nodeAdd(spec: NodeSpecInput): void {
    if (this.kubelets.has(spec.name) || this.store.get('Node', undefined, spec.name)) throw new ClusterError(`nodes "${spec.name}" already exists`);
    const obj = nodeObject(spec);
    this.store.create(obj, { dryRun: true });
    const k = new Kubelet(this.ctx, spec.name, ++this.nodeCount, obj);
    this.kubelets.set(spec.name, k);
    this.hardware.set(spec.name, start(hardwareMachine));
    k.start();
  }

  nodeState(name: string): string {
    const h = this.hardware.get(name);
    if (!h) throw new ClusterError(`nodes "${name}" not found`);
    return stateName(h.snapshot);
  }

  private hw(name: string, type: 'CRASH' | 'RECOVER' | 'PARTITION' | 'HEAL' | 'REMOVE'): string[] {
    const h = this.hardware.get(name);
    if (!h) throw new ClusterError(`nodes "${name}" not found`);
    const next = send(hardwareMachine, h.snapshot, { type });
    if (next.snapshot === h.snapshot) throw new ClusterError(`node "${name}" is ${stateName(h.snapshot)}: cannot ${type.toLowerCase()}`);
    this.hardware.set(name, next);
    return next.actions;
  }

  nodeCrash(name: string): void { this.hw(name, 'CRASH'); this.kubelets.get(name)!.stop(); }
  nodeRecover(name: string): void { this.hw(name, 'RECOVER'); this.kubelets.get(name)!.recover(); }
  nodePartition(name: string): void { this.hw(name, 'PARTITION'); this.kubelets.get(name)!.partition(); }
  nodeHeal(name: string): void { this.hw(name, 'HEAL'); this.kubelets.get(name)!.heal(); }

  /** Hardware leaves: the kubelet stops and the Node object is deleted (PodGC then removes its pods). */
  nodeRemove(name: string): void {
    this.hw(name, 'REMOVE');
    this.kubelets.get(name)!.stop();
    this.kubelets.delete(name);
    if (this.store.get('Node', undefined, name)) this.store.delete('Node', undefined, name);
  }

  // ---- pods ----

  private kubeletOf(podName: string, ns: string): Kubelet {
    const pod = this.store.get('Pod', ns, podName);
    if (!pod) throw new ClusterError(`pods "${podName}" not found`);
    const k = pod.spec?.nodeName ? this.kubelets.get(pod.spec.nodeName) : undefined;
    if (!k) throw new ClusterError(`pod "${podName}" is not running on a node`);
    return k;
  }

  podFail(name: string, ns = 'default', exitCode = 1, container?: string): void {
    this.kubeletOf(name, ns).failContainer(name, ns, container, exitCode);
  }

  podReadiness(name: string, ns = 'default', ready: boolean, container?: string): void {
    this.kubeletOf(name, ns).setReadiness(name, ns, container, ready);
  }

  // ---- components ----

  /** All components by the names the scenario format uses. */
  components(name: string): Component[] {
    if (name === 'kube-scheduler') return [this.scheduler];
    if (name === 'kube-controller-manager') return this.controllers;
    const c = this.controllers.find((x) => x.name === name);
    if (c) return [c];
    const m = /^kubelet\/(.+)$/.exec(name);
    if (m && this.kubelets.has(m[1]!)) return [this.kubelets.get(m[1]!)!];
    throw new ClusterError(`unknown component "${name}" (kube-scheduler, kube-controller-manager, ${this.controllers.map((x) => x.name).join(', ')}, kubelet/NODE)`);
  }

  /** Restart: the component loses its in-memory state and rebuilds it from a fresh list. */
  restart(name: string): void {
    for (const c of this.components(name)) {
      if (c instanceof Kubelet) {
        if (this.nodeState(c.nodeName) !== 'up') continue;
        c.stop(); c.start();
      } else { c.stop(); c.start(); }
    }
  }

  watchDelay(name: string, delayMs: number): void {
    for (const c of this.components(name)) c.setWatchDelay(delayMs);
  }

  // ---- time ----

  /** Advance virtual time by `ms`, running everything due. */
  run(ms: number): void { this.clock.runUntil(this.clock.now() + ms); }

  /** Advance until `done()` holds (checked after every task) or `timeoutMs` passes. Returns whether it held. */
  runUntil(done: () => boolean, timeoutMs: number): boolean {
    if (done()) return true;
    const until = this.clock.now() + timeoutMs;
    return this.clock.runUntil(until, done) || done();
  }

  settle(): void { this.clock.settle(); }

  /** Every object in the store, Events included, in a stable order. */
  objects(): KubeObject[] {
    const out: KubeObject[] = [];
    for (const kind of [...this.store.kinds()].sort()) out.push(...this.store.list(kind));
    return out;
  }
}
