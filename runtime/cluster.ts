// A simulated cluster: the store, the clock, the control-plane components and
// one kubelet per node, wired together. This is a library: no argv, no exit
// codes. Scenario steps and properties drive it through these methods.
import type { KubeObject } from '../model/api/types.js';
import { hardwareMachine, type HardwareAction, type HardwareEvent, type HardwareState } from '../model/machines/hardware.js';
import { start, send, stateName, type Step } from '../model/machines/drive.js';
import { VirtualClock, INSTANT_EVENTS_FLOOR, INSTANT_EVENTS_PER_OBJECT } from './clock.js';
import { RandomStreams } from './random.js';
import { ApiStore, type Admission } from './store.js';
import { EventRecorder } from './events.js';
import { DEFAULT_CONFIG, DEFAULT_FEATURE_GATES, type ClusterConfig, type FeatureGates, type ImageBehaviour, type NodeSpecInput } from './config.js';
import type { Component, RuntimeContext } from './context.js';
import { Kubelet } from './kubelet/kubelet.js';
import { Informer } from './informer.js';
import { processOf, type ControllerContext, type ControllerDefinition } from './controllers/definition.js';
import { nodeObject } from './nodes.js';
import { clusterAdmission, defaultAdmission } from './admission.js';
import { StorageBackend } from './storage.js';

export interface ClusterOptions {
  seed?: number;
  nodes: NodeSpecInput[];
  config?: Partial<ClusterConfig>;
  images?: Record<string, ImageBehaviour>;
  featureGates?: Partial<FeatureGates>;
  bugs?: string[];
  admission?: Admission;
  /** Events (clock tasks) in one run (default 50M). */
  maxEvents?: number;
  /** Objects besides Events the store may hold (default DEFAULT_MAX_OBJECTS). */
  maxObjects?: number;
  /**
   * Asked every few hundred events; true stops the run (Interrupted). The CLI
   * keeps its wall-time budget this way: the runtime never reads a wall clock.
   */
  interrupt?: () => boolean;
  /**
   * The controllers to run, in start order (properties/controllers/index.ts has the
   * built-ins): add one, replace a built-in with your own, or drop one.
   */
  controllers: readonly ControllerDefinition[];
}

/** A controller the cluster runs: its definition, its process and the running component. */
export interface RunningController { definition: ControllerDefinition; process: string; component: Component }

export class ClusterError extends Error {}

export class Cluster {
  readonly clock: VirtualClock;
  readonly streams: RandomStreams;
  readonly store: ApiStore;
  readonly recorder: EventRecorder;
  readonly ctx: RuntimeContext;
  readonly kubelets = new Map<string, Kubelet>();
  /** The simulated disks behind the volumes (their data logs). */
  get storage(): StorageBackend { return this.ctx.storage; }
  private hardware = new Map<string, Step<typeof hardwareMachine>>();
  /** The controllers, in start order. */
  readonly controllers: readonly RunningController[];
  private nodeCount = 0;
  private delays = new Map<string, number>();

  constructor(opts: ClusterOptions) {
    const churn = new Map<string, number>();
    this.clock = new VirtualClock({
      maxTasks: opts.maxEvents, interrupt: opts.interrupt,
      // The livelock bound grows with the cluster: creating 150k pods at once is legitimately busy.
      instantLimit: () => INSTANT_EVENTS_FLOOR + INSTANT_EVENTS_PER_OBJECT * this.store.objectCount,
      onLivelock: () => [...churn].sort((a, b) => b[1] - a[1]).slice(0, 3).map(([k, n]) => `${k} (${n} writes)`).join(', '),
    });
    this.streams = new RandomStreams(opts.seed ?? 1);
    this.store = new ApiStore(this.clock, this.streams, opts.admission ?? defaultAdmission);
    if (!opts.admission) this.store.admission = clusterAdmission(() => this.store.list('StorageClass'));
    if (opts.maxObjects !== undefined) this.store.maxObjects = opts.maxObjects;
    // Which objects are written at a busy instant: what a livelock error names.
    let churnAt = -1;
    this.store.onChange((_t, o) => {
      if (o.kind === 'Event' || this.clock.instantEvents < INSTANT_EVENTS_FLOOR / 2) return;
      if (churnAt !== this.clock.now()) { churn.clear(); churnAt = this.clock.now(); }
      const k = `${o.kind.toLowerCase()} ${o.metadata.namespace ? `${o.metadata.namespace}/` : ''}${o.metadata.name}`;
      churn.set(k, (churn.get(k) ?? 0) + 1);
    });
    this.recorder = new EventRecorder(this.store);
    this.ctx = {
      store: this.store, clock: this.clock, streams: this.streams, recorder: this.recorder,
      config: { ...DEFAULT_CONFIG, ...(opts.config ?? {}) },
      images: new Map(Object.entries(opts.images ?? {})),
      featureGates: { ...DEFAULT_FEATURE_GATES, ...(opts.featureGates ?? {}) },
      bugs: new Set(opts.bugs ?? []),
      storage: new StorageBackend(),
    };
    for (const ns of ['default', 'kube-system', 'kube-public', 'kube-node-lease']) {
      this.store.create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: ns, labels: { 'kubernetes.io/metadata.name': ns } }, spec: { finalizers: ['kubernetes'] }, status: { phase: 'Active' } });
    }
    const declared = new Set(opts.controllers.flatMap((d) => (d.bugs ?? []).map((b) => b.name)));
    for (const b of this.ctx.bugs) if (!declared.has(b)) throw new ClusterError(`unknown bug "${b}": no controller in this cluster declares it`);
    const names = new Set<string>();
    this.controllers = opts.controllers.map((definition) => {
      if (names.has(definition.name)) throw new ClusterError(`two controllers are named "${definition.name}"`);
      names.add(definition.name);
      const ctx: ControllerContext = {
        ...this.ctx, name: definition.name, process: processOf(definition),
        random: this.streams.stream(`controllers/${definition.name}`),
        informer: (kind, handlers) => new Informer(this.store, kind, `${processOf(definition)}/${definition.name}`, handlers),
        bug: (b) => this.ctx.bugs.has(typeof b === 'string' ? b : b.name),
      };
      return { definition, process: processOf(definition), component: definition.make(ctx) };
    });
    for (const n of opts.nodes) this.nodeAdd(n);
    for (const c of this.controllers) c.component.start();
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

  nodeState(name: string): HardwareState {
    const h = this.hardware.get(name);
    if (!h) throw new ClusterError(`nodes "${name}" not found`);
    return h.snapshot.value as HardwareState;
  }

  /** Send the node's hardware machine an event and carry out the actions of the transition it takes. */
  private hw(name: string, type: HardwareEvent['type']): void {
    const h = this.hardware.get(name);
    if (!h) throw new ClusterError(`nodes "${name}" not found`);
    const next = send(hardwareMachine, h.snapshot, { type });
    if (next.snapshot === h.snapshot) throw new ClusterError(`node "${name}" is ${stateName(h.snapshot)}: cannot ${type.toLowerCase()}`);
    this.hardware.set(name, next);
    for (const a of next.actions) this.hardwareAction(name, a as HardwareAction);
  }

  private hardwareAction(name: string, action: HardwareAction): void {
    this.kubeletAction(name, action);
    // What runs on the node besides the kubelet (kube-proxy) follows the same machine.
    for (const c of this.controllers) c.component.onNodeHardware?.(name, action);
  }

  private kubeletAction(name: string, action: HardwareAction): void {
    const kubelet = this.kubelets.get(name)!;
    switch (action) {
      case 'stopKubelet': return kubelet.stop();
      case 'recoverKubelet': return kubelet.recover();
      case 'partitionKubelet': return kubelet.partition();
      case 'healKubelet': return kubelet.heal();
      // Hardware leaves: the kubelet stops and the Node object is deleted (PodGC then removes its pods).
      case 'removeNode':
        kubelet.stop();
        this.kubelets.delete(name);
        if (this.store.get('Node', undefined, name)) this.store.delete('Node', undefined, name);
        return;
      default: throw new Error(`cluster: unknown hardware action ${action as string}`);
    }
  }

  nodeCrash(name: string): void { this.hw(name, 'CRASH'); }
  nodeRecover(name: string): void { this.hw(name, 'RECOVER'); }
  nodePartition(name: string): void { this.hw(name, 'PARTITION'); }
  nodeHeal(name: string): void { this.hw(name, 'HEAL'); }
  nodeRemove(name: string): void { this.hw(name, 'REMOVE'); }

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

  /**
   * Components by the names the scenario format uses: a process
   * (`kube-controller-manager`: every controller in it), one controller
   * (`replicaset-controller`), `kubelet/NODE`, or one node's instance of a
   * per-node component (`kube-proxy/NODE`).
   */
  components(name: string): Component[] {
    const inProcess = this.controllers.filter((c) => c.process === name);
    if (inProcess.length > 0) return inProcess.map((c) => c.component);
    const c = this.controllers.find((x) => x.definition.name === name);
    if (c) return [c.component];
    const m = /^([^/]+)\/(.+)$/.exec(name);
    if (m?.[1] === 'kubelet' && this.kubelets.has(m[2]!)) return [this.kubelets.get(m[2]!)!];
    if (m) {
      const perNode = this.controllers.filter((x) => (x.process === m[1] || x.definition.name === m[1]) && x.component.perNode)
        .map((x) => x.component.perNode!(m[2]!)).filter((x): x is Component => x !== undefined);
      if (perNode.length > 0) return perNode;
    }
    const processes = [...new Set(this.controllers.map((x) => x.process))];
    const daemons = [...new Set(this.controllers.filter((x) => x.component.perNode).map((x) => `${x.process}/NODE`))];
    const known = [...processes, ...this.controllers.map((x) => x.definition.name).filter((n) => !processes.includes(n)), 'kubelet/NODE', ...daemons];
    throw new ClusterError(`unknown component "${name}" (${known.join(', ')})`);
  }

  /** One controller's running component, by its name. */
  controller(name: string): Component | undefined {
    return this.controllers.find((x) => x.definition.name === name)?.component;
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
    this.delays.set(name, Math.max(this.delays.get(name) ?? 0, delayMs));
  }

  /**
   * The largest watch delay ever set on a component by this name (0 when
   * none): the fault as injected, for invariants that allow for lag.
   */
  maxWatchDelay(name: string): number { return this.delays.get(name) ?? 0; }

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
    // One object at a time: a spread of 100k objects would pass the engine's argument limit.
    for (const kind of [...this.store.kinds()].sort()) for (const o of this.store.list(kind)) out.push(o);
    return out;
  }
}
