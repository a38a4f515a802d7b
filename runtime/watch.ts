// Watch streams. The store hands every change to the watchers interested in
// it, found through indexes (by kind, and for pods by spec.nodeName, as the
// kubelet's field-selector watch), so delivery costs O(interested watchers).
// Delivery goes through the clock: a watcher with a delay (the watch-delay
// fault) sees events late, which is where stale-cache bugs come from.
import type { KubeObject } from '../model/api/types.js';
import type { VirtualClock } from './clock.js';
import type { RandomStream } from './random.js';

export type WatchEventType = 'ADDED' | 'MODIFIED' | 'DELETED';
/** BOOKMARK marks the end of an informer's initial list (it never reaches store listeners). */
export interface WatchEvent { type: WatchEventType | 'BOOKMARK'; object: KubeObject }

export interface WatchOptions {
  kind: string;
  /** Only pods with this spec.nodeName (the kubelet's watch). */
  nodeName?: string;
  /** Who watches: the component name used by the watch-delay fault. */
  component: string;
}

export class Watcher {
  delayMs = 0;
  stopped = false;
  private queue: WatchEvent[] = [];
  private flushAt = -1;
  private lastDeliveryMs = 0;
  constructor(readonly opts: WatchOptions, private readonly clock: VirtualClock,
    private readonly rand: RandomStream, private readonly handler: (ev: WatchEvent) => void) {}

  /** Queue one event; delivery happens in a clock task, never inside the writer's call. */
  push(ev: WatchEvent): void {
    if (this.stopped) return;
    // While events held back by an earlier delay are still in flight, later ones queue
    // behind them: a watch never reorders, even when its delay is turned off.
    if (this.delayMs > 0 || this.lastDeliveryMs > this.clock.now()) {
      const jitter = this.delayMs > 0 ? Math.floor(this.rand.next() * this.delayMs) : 0;
      const at = Math.max(this.lastDeliveryMs, this.clock.now() + jitter);
      this.lastDeliveryMs = at;
      this.clock.scheduleAt(at, () => { if (!this.stopped) this.handler(ev); });
      return;
    }
    this.queue.push(ev);
    if (this.flushAt !== this.clock.now()) {
      this.flushAt = this.clock.now();
      this.clock.schedule(0, () => this.flush());
    }
  }

  private flush(): void {
    this.flushAt = -1;
    const batch = this.queue;
    this.queue = [];
    for (const ev of batch) {
      if (this.stopped) return;
      this.handler(ev);
    }
  }

  stop(): void { this.stopped = true; this.queue = []; }
}

export class WatchHub {
  private byKind = new Map<string, Set<Watcher>>();
  private byNode = new Map<string, Set<Watcher>>();
  constructor(private readonly clock: VirtualClock, private readonly rand: RandomStream) {}

  add(opts: WatchOptions, handler: (ev: WatchEvent) => void): Watcher {
    const w = new Watcher(opts, this.clock, this.rand, handler);
    const map = opts.nodeName !== undefined ? this.byNode : this.byKind;
    const key = opts.nodeName !== undefined ? opts.nodeName : opts.kind;
    let set = map.get(key);
    if (!set) map.set(key, (set = new Set()));
    set.add(w);
    return w;
  }

  remove(w: Watcher): void {
    w.stop();
    if (w.opts.nodeName !== undefined) this.byNode.get(w.opts.nodeName)?.delete(w);
    else this.byKind.get(w.opts.kind)?.delete(w);
  }

  /** Watchers of one component (for the watch-delay fault). */
  ofComponent(prefix: string): Watcher[] {
    const out: Watcher[] = [];
    for (const sets of [this.byKind, this.byNode]) {
      for (const set of sets.values()) for (const w of set) if (w.opts.component === prefix || w.opts.component.startsWith(`${prefix}/`)) out.push(w);
    }
    return out;
  }

  /** Fan a change out; a pod moving between nodes is ADDED/DELETED for the node watchers. */
  dispatch(type: WatchEventType, obj: KubeObject, old: KubeObject | undefined): void {
    const set = this.byKind.get(obj.kind);
    if (set) for (const w of set) w.push({ type, object: obj });
    if (obj.kind !== 'Pod' || this.byNode.size === 0) return;
    const newNode: string | undefined = obj.spec?.nodeName || undefined;
    const oldNode: string | undefined = old?.spec?.nodeName || undefined;
    if (oldNode && oldNode !== newNode) for (const w of this.byNode.get(oldNode) ?? []) w.push({ type: 'DELETED', object: obj });
    if (newNode) {
      const t: WatchEventType = type === 'DELETED' ? 'DELETED' : oldNode === newNode ? type : 'ADDED';
      for (const w of this.byNode.get(newNode) ?? []) w.push({ type: t, object: obj });
    }
  }
}
