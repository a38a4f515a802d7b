// An informer: a component's local cache of one kind, kept up to date by a
// watch. Handlers enqueue work; syncs read the cache. With a watch delay the
// cache lags the store — the stale reads real controllers suffer.
import type { KubeObject } from '../model/api/types.js';
import type { ApiStore } from './store.js';
import { objectKey } from './store.js';
import type { Watcher, WatchEvent } from './watch.js';
import { LabelIndex, type Selector } from '../model/labels/index.js';

export interface InformerHandlers {
  add?(obj: KubeObject): void;
  update?(obj: KubeObject, old: KubeObject): void;
  delete?(obj: KubeObject): void;
}

export class Informer {
  readonly cache = new Map<string, KubeObject>();
  private watcher?: Watcher;
  /** The watch delay survives restarts: it is the network's, not the component's. */
  private delayMs = 0;
  /** True once the initial list has been delivered (upstream HasSynced). */
  synced = false;
  /** Called once when the initial list has been delivered. */
  onSynced?: () => void;
  /**
   * Optional indexes over the cache (client-go's Indexers): a label index, and
   * objects by their controller's uid, so a controller's sync costs what it
   * owns and selects, not the whole namespace.
   */
  private labels?: LabelIndex<string>;
  private byController?: Map<string, Set<string>>;
  constructor(private readonly store: ApiStore, readonly kind: string, readonly component: string,
    private readonly handlers: InformerHandlers, readonly nodeName?: string) {}

  /** List, then watch: the initial objects arrive as ADDED through the same (possibly delayed) stream. */
  start(): void {
    this.stop();
    this.cache.clear();
    if (this.labels) { this.labels = new LabelIndex<string>(); this.byController = new Map(); }
    this.synced = false;
    const w = this.store.watch({ kind: this.kind, component: this.component, nodeName: this.nodeName }, (ev) => this.deliver(ev));
    w.delayMs = this.delayMs;
    this.watcher = w;
    const initial = this.store.list(this.kind, this.nodeName !== undefined ? { fieldSelector: [{ field: 'spec.nodeName', op: '=', value: this.nodeName }] } : {});
    for (const o of initial) w.push({ type: 'ADDED', object: o });
    // A bookmark after the list marks the cache synced, in order with the rest of the stream.
    w.push({ type: 'BOOKMARK', object: { apiVersion: 'v1', kind: this.kind, metadata: {} } });
  }

  stop(): void {
    if (this.watcher) this.store.watches.remove(this.watcher);
    this.watcher = undefined;
  }

  get running(): boolean { return this.watcher !== undefined; }

  setDelay(ms: number): void { this.delayMs = ms; if (this.watcher) this.watcher.delayMs = ms; }

  private deliver(ev: WatchEvent): void {
    if (ev.type === 'BOOKMARK') { this.synced = true; this.onSynced?.(); return; }
    const k = objectKey(ev.object);
    const old = this.cache.get(k);
    if (ev.type === 'DELETED') {
      if (!old) return;
      this.cache.delete(k);
      this.unindex(k, old);
      this.handlers.delete?.(ev.object);
      return;
    }
    // A stale ADDED after a newer MODIFIED (relist races) must not move the cache backwards.
    if (old && Number(old.metadata.resourceVersion) >= Number(ev.object.metadata.resourceVersion)) return;
    this.cache.set(k, ev.object);
    if (old) this.unindex(k, old);
    this.index(k, ev.object);
    if (old) this.handlers.update?.(ev.object, old);
    else this.handlers.add?.(ev.object);
  }

  get(ns: string | undefined, name: string): KubeObject | undefined {
    return this.cache.get(ns ? `${ns}/${name}` : name);
  }

  list(): KubeObject[] { return [...this.cache.values()]; }

  /** Keep the label and controller indexes (call before start). */
  enableIndexes(): void {
    this.labels ??= new LabelIndex<string>();
    this.byController ??= new Map();
  }

  private index(k: string, o: KubeObject): void {
    if (!this.labels) return;
    this.labels.set(k, o.metadata.labels ?? {});
    const ctl = o.metadata.ownerReferences?.find((r) => r.controller)?.uid;
    if (ctl) { let set = this.byController!.get(ctl); if (!set) this.byController!.set(ctl, (set = new Set())); set.add(k); }
  }

  private unindex(k: string, o: KubeObject): void {
    if (!this.labels) return;
    this.labels.delete(k);
    const ctl = o.metadata.ownerReferences?.find((r) => r.controller)?.uid;
    const set = ctl ? this.byController!.get(ctl) : undefined;
    if (set) { set.delete(k); if (set.size === 0) this.byController!.delete(ctl!); }
  }

  /**
   * Objects in `ns` that the selector matches or whose controller is `ownerUid`:
   * every object a claim could act on (the rest it would ignore). Without
   * indexes, the namespace's objects.
   */
  claimCandidates(ns: string, selector: Selector, ownerUid: string): KubeObject[] {
    if (!this.labels) return [...this.cache.values()].filter((o) => o.metadata.namespace === ns);
    const keys = new Set<string>(this.labels.select(selector));
    for (const k of this.byController!.get(ownerUid) ?? []) keys.add(k);
    const out: KubeObject[] = [];
    // The index's order is deterministic (first-indexed first), so the sync stays reproducible.
    for (const k of keys) { const o = this.cache.get(k); if (o && o.metadata.namespace === ns) out.push(o); }
    return out;
  }
}
