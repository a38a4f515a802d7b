// The work loop every workload controller shares, as upstream's controllers
// are built: informer handlers only enqueue keys; a worker takes one key at
// a time and syncs it from the informer caches; a failed sync requeues the
// key with exponential back-off. Each key's life is the work-queue machine
// (model/controllers/workqueue.ts). Restarting the controller drops every
// queue, back-off and expectation, and rebuilds from a fresh list.
// upstream: staging/src/k8s.io/client-go/util/workqueue (DefaultControllerRateLimiter: 5ms..1000s per item)
import type { KubeObject } from '../../model/api/types.js';
import { workQueueMachine, type WorkQueueEvent } from '../../model/controllers/workqueue.js';
import { Expectations } from '../../model/controllers/expectations.js';
import { start, send, stateName, type Step } from '../../model/machines/drive.js';
import type { Component, RuntimeContext } from '../context.js';
import type { ControllerContext } from './definition.js';
import { Informer, type InformerHandlers } from '../informer.js';
import type { TaskHandle } from '../clock.js';
import { ApiError } from '../../model/api/errors.js';

const BASE_BACKOFF_MS = 5;
const MAX_BACKOFF_MS = 1000 * 1000;
/** A limit on everything: syncs of one key in a row before the loop yields the clock. */
const MAX_QUEUE = 1_000_000;

interface KeyState { step: Step<typeof workQueueMachine>; failures: number; timer?: TaskHandle }

export abstract class WorkLoopController implements Component {
  abstract readonly name: string;
  protected expectations: Expectations;
  private informers: Informer[] = [];
  private keys = new Map<string, KeyState>();
  private ready: string[] = [];
  private readyHead = 0;
  private pumping?: TaskHandle;
  private running = false;
  /** Syncs run and sync errors, for tests and benchmarks. */
  syncs = 0;
  syncErrors = 0;

  constructor(protected readonly ctx: RuntimeContext) {
    this.expectations = new Expectations(() => ctx.clock.now());
  }

  /** Create an informer owned by this controller (started and stopped with it). */
  protected informer(kind: string, handlers: InformerHandlers): Informer {
    // Watches are named PROCESS/NAME: a user's controller runs in its own process.
    const process = (this.ctx as Partial<ControllerContext>).process ?? 'kube-controller-manager';
    const inf = new Informer(this.ctx.store, kind, `${process}/${this.controllerName()}`, handlers);
    // Workers start only once every cache has synced (upstream WaitForCacheSync).
    inf.onSynced = () => { if (this.informers.every((i) => i.synced)) this.pump(); };
    this.informers.push(inf);
    return inf;
  }

  /** The name used for the component (and watch-delay); subclasses set `name`. */
  protected controllerName(): string { return this.name; }

  start(): void {
    this.stop();
    this.running = true;
    this.expectations = new Expectations(() => this.ctx.clock.now());
    for (const i of this.informers) i.start();
  }

  stop(): void {
    this.running = false;
    for (const i of this.informers) i.stop();
    // Every key's machine shuts down (its back-off timer goes with it), as upstream's ShutDown drops the queue.
    for (const key of [...this.keys.keys()]) this.event(key, { type: 'SHUTDOWN' });
    this.keys.clear();
    this.ready = [];
    this.readyHead = 0;
    this.ctx.clock.cancel(this.pumping);
    this.pumping = undefined;
  }

  setWatchDelay(ms: number): void { for (const i of this.informers) i.setDelay(ms); }

  /** Add a key to the queue (what every informer handler does). */
  enqueue(key: string): void {
    if (!this.running) return;
    this.event(key, { type: 'ENQUEUE' });
  }

  /** Enqueue after a delay (e.g. minReadySeconds, progress deadlines). */
  enqueueAfter(key: string, delayMs: number): void {
    this.ctx.clock.schedule(delayMs, () => this.enqueue(key));
  }

  queueState(key: string): string { const k = this.keys.get(key); return k ? stateName(k.step.snapshot) : 'idle'; }

  private event(key: string, ev: WorkQueueEvent): void {
    let ks = this.keys.get(key);
    if (!ks) { ks = { step: start(workQueueMachine), failures: 0 }; this.keys.set(key, ks); }
    const next = send(workQueueMachine, ks.step.snapshot, ev);
    if (next.snapshot === ks.step.snapshot) return;
    ks.step = next;
    for (const a of next.actions) this.act(key, ks, a);
  }

  private act(key: string, ks: KeyState, action: string): void {
    switch (action) {
      case 'onQueued':
        if (this.ready.length - this.readyHead >= MAX_QUEUE) throw new Error(`${this.name}: work queue over ${MAX_QUEUE} keys`);
        this.ready.push(key);
        this.pump();
        return;
      case 'onSync': return this.runSync(key);
      case 'onBackoff': {
        const delay = Math.min(BASE_BACKOFF_MS * 2 ** ks.failures, MAX_BACKOFF_MS);
        ks.failures++;
        ks.timer = this.ctx.clock.schedule(delay, () => { ks.timer = undefined; this.event(key, { type: 'BACKOFF_DONE' }); });
        return;
      }
      case 'onForget':
        ks.failures = 0;
        this.keys.delete(key);
        return;
      case 'onDropped':
        this.ctx.clock.cancel(ks.timer);
        ks.timer = undefined;
        return;
      default: throw new Error(`${this.name}: unknown work-queue action ${action}`);
    }
  }

  private pump(): void {
    if (this.pumping || !this.informers.every((i) => i.synced)) return;
    // A worker picks its next key once everything else due at this instant has run,
    // as a real worker is busy while events pile up: every event of the instant folds
    // into one sync of the key (the queue's dedup) instead of one sync per event.
    // Without it a 3,000-pod ReplicaSet synced once per pod, each sync reading every
    // pod: quadratic. No virtual time passes.
    this.pumping = this.ctx.clock.whenIdle(() => {
      this.pumping = undefined;
      if (this.readyHead >= this.ready.length) return;
      const key = this.ready[this.readyHead++]!;
      if (this.readyHead > 1024 && this.readyHead * 2 > this.ready.length) { this.ready = this.ready.slice(this.readyHead); this.readyHead = 0; }
      if (!this.running) return;
      this.event(key, { type: 'TAKE' });
      if (this.readyHead < this.ready.length) this.pump();
    });
  }

  private runSync(key: string): void {
    this.syncs++;
    let ok = true;
    try {
      this.sync(key);
    } catch (e) {
      if (!(e instanceof ApiError)) throw e;
      ok = false;
      this.syncErrors++;
    }
    this.event(key, { type: ok ? 'SYNC_OK' : 'SYNC_ERROR' });
  }

  /** Reconcile one key from the informer caches; throw an ApiError to retry with back-off. */
  protected abstract sync(key: string): void;

  /** `namespace/name` of an object, the queue's key. */
  static keyOf(o: KubeObject): string { return `${o.metadata.namespace ?? ''}/${o.metadata.name}`; }
}
