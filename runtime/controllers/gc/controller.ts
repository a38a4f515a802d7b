// The garbage collector: dependents whose owners are all gone are deleted
// (background); an owner deleted in the foreground waits, holding the
// foregroundDeletion finalizer, until its blocking dependents are gone; an
// owner deleted with orphan propagation has its references removed from its
// dependents before it goes. Ownership is checked by uid: a new object with
// the owner's name is not the owner.
// upstream: pkg/controller/garbagecollector/garbagecollector.go (attemptToDeleteItem,
// orphanDependents, processDeletingDependentsItem). Simplification: the GC
// reads ownership from the store's owner index (upstream builds its own
// graph from informers and confirms with live GETs, which this equals).
import type { KubeObject } from '../../../model/api/types.js';
import type { Component, RuntimeContext } from '../../context.js';
import type { Watcher, WatchEvent } from '../../watch.js';

export class GarbageCollector implements Component {
  readonly name = 'garbage-collector-controller';
  private watchers: Watcher[] = [];
  private queued = new Set<string>();
  private delayMs = 0;
  private watched = new Set<string>();

  /** `ignoreOwnerUid`: the known bug that takes every owner reference for dangling (declared in its module). */
  constructor(private readonly ctx: RuntimeContext, private readonly switches: { ignoreOwnerUid?: boolean } = {}) {}

  start(): void {
    this.stop();
    // Every kind the server serves, custom kinds included (upstream's GC discovers them and resyncs its monitors).
    for (const k of this.ctx.store.registry.all()) this.watchKind(k.kind);
  }

  private watchKind(kind: string): void {
    if (kind === 'Event' || this.watched.has(kind)) return;
    this.watched.add(kind);
    const w = this.ctx.store.watch({ kind, component: `kube-controller-manager/${this.name}` }, (ev) => this.onEvent(ev));
    w.delayMs = this.delayMs;
    this.watchers.push(w);
    // Initial list: anything deleting or with owners is looked at.
    for (const o of this.ctx.store.list(kind)) if (o.metadata.ownerReferences?.length || o.metadata.deletionTimestamp) w.push({ type: 'ADDED', object: o });
  }

  stop(): void {
    for (const w of this.watchers) this.ctx.store.watches.remove(w);
    this.watchers = [];
    this.watched.clear();
    this.queued.clear();
  }

  setWatchDelay(ms: number): void { this.delayMs = ms; for (const w of this.watchers) w.delayMs = ms; }

  private onEvent(ev: WatchEvent): void {
    const o = ev.object;
    // A CRD that is served now brings a kind to watch.
    if (o.kind === 'CustomResourceDefinition' && ev.type !== 'DELETED') {
      const kind = o.spec?.names?.kind;
      if (kind && this.ctx.store.registry.customResource(kind)) this.watchKind(kind);
    }
    if (ev.type === 'DELETED') {
      for (const d of this.ctx.store.dependentsOf(o.metadata.uid!)) this.enqueue(d.metadata.uid!);
      // The owner of a deleted dependent may be waiting in the foreground.
      for (const ref of o.metadata.ownerReferences ?? []) this.enqueue(ref.uid);
      return;
    }
    if (o.metadata.deletionTimestamp || o.metadata.ownerReferences?.length) this.enqueue(o.metadata.uid!);
  }

  private enqueue(uid: string): void {
    if (this.queued.has(uid)) return;
    this.queued.add(uid);
    this.ctx.clock.schedule(0, () => { this.queued.delete(uid); this.process(uid); });
  }

  private process(uid: string): void {
    const obj = this.ctx.store.getByUid(uid);
    if (!obj) return;
    const fins = obj.metadata.finalizers ?? [];
    if (obj.metadata.deletionTimestamp && fins.includes('orphan')) this.orphan(obj);
    else if (obj.metadata.deletionTimestamp && fins.includes('foregroundDeletion')) this.foreground(obj);
    this.collectIfOwnersGone(uid);
  }

  /** An owner is live if an object with that uid exists (and is not itself being removed by the GC). */
  private ownerLive(ref: { uid: string }): boolean {
    if (this.switches.ignoreOwnerUid) return false;
    return this.ctx.store.getByUid(ref.uid) !== undefined;
  }

  private collectIfOwnersGone(uid: string): void {
    const { store } = this.ctx;
    const obj = store.getByUid(uid);
    const refs = obj?.metadata.ownerReferences ?? [];
    if (!obj || refs.length === 0) return;
    const live = refs.filter((r) => this.ownerLive(r));
    if (live.length === refs.length) return;
    if (live.length > 0) {
      // Some owners remain: only the dangling references are removed.
      store.update({ ...obj, metadata: { ...obj.metadata, ownerReferences: live } } as KubeObject);
      return;
    }
    if (obj.metadata.deletionTimestamp) return;
    store.delete(obj.kind, obj.metadata.namespace, obj.metadata.name!, { propagationPolicy: 'Background', uid, actor: this.name });
  }

  private orphan(owner: KubeObject): void {
    const { store } = this.ctx;
    for (const d of store.dependentsOf(owner.metadata.uid!)) {
      const refs = (d.metadata.ownerReferences ?? []).filter((r) => r.uid !== owner.metadata.uid);
      const metadata = { ...d.metadata, ownerReferences: refs };
      if (refs.length === 0) delete (metadata as any).ownerReferences;
      store.update({ ...d, metadata } as KubeObject);
    }
    this.removeFinalizer(owner, 'orphan');
  }

  private foreground(owner: KubeObject): void {
    const { store } = this.ctx;
    const deps = store.dependentsOf(owner.metadata.uid!);
    let blocking = 0;
    for (const d of deps) {
      const ref = d.metadata.ownerReferences?.find((r) => r.uid === owner.metadata.uid);
      if (ref?.blockOwnerDeletion) blocking++;
      if (!d.metadata.deletionTimestamp) {
        const others = (d.metadata.ownerReferences ?? []).filter((r) => r.uid !== owner.metadata.uid && this.ownerLive(r));
        if (others.length > 0) continue;
        store.delete(d.kind, d.metadata.namespace, d.metadata.name!, { propagationPolicy: 'Foreground', uid: d.metadata.uid, actor: this.name });
      }
    }
    if (blocking === 0) this.removeFinalizer(owner, 'foregroundDeletion');
  }

  private removeFinalizer(obj: KubeObject, name: string): void {
    const cur = this.ctx.store.getByUid(obj.metadata.uid!);
    if (!cur) return;
    const finalizers = (cur.metadata.finalizers ?? []).filter((f) => f !== name);
    this.ctx.store.update({ ...cur, metadata: { ...cur.metadata, finalizers } } as KubeObject);
  }
}
