// The ReplicaSet controller, and the ReplicationController manager built
// from the same code (upstream converts RCs to ReplicaSets on the way in;
// here one class is parameterised by kind). Handlers only enqueue owner keys
// and lower expectations; sync reconciles one owner from the two informer
// caches: claim pods (adopt matching orphans, release owned pods that no
// longer match), then — only if every create and delete it asked for has
// been observed — create or delete pods, then write status.
// upstream: pkg/controller/replicaset/replica_set.go (addPod, updatePod, deletePod, syncReplicaSet,
// manageReplicas, claimPods), pkg/controller/replication/replication_controller.go
import type { KubeObject } from '../../../model/api/types.js';
import { ApiError } from '../../../model/api/errors.js';
import { SelectorError, type Selector } from '../../../model/labels/index.js';
import { claim, controllerRef, ownerOf } from '../../../model/controllers/claim.js';
import { isPodActive, isPodReady, slowStartBatch, SLOW_START_INITIAL_BATCH } from '../../../model/controllers/podutil.js';
import {
  calculateStatus, manageReplicas, ownerSelector, type ReplicaKind,
} from '../../../model/controllers/replicaset/manage.js';
import type { OwnerReference } from '../../../model/api/types.js';
import type { RuntimeContext } from '../../context.js';
import type { Informer } from '../../informer.js';
import { WorkLoopController } from '../workloop.js';
import { PodControl } from '../podcontrol.js';
import { resolveControllerRef } from '../refmanager.js';

/** What differs between the two API flavours. */
export interface ReplicaKindSpec {
  kind: ReplicaKind;
  /** The controller's name in kube-controller-manager (for restart and watch-delay). */
  name: string;
  /** The source component of its events (upstream's EventSource). */
  eventComponent: string;
  /** apps/v1 reports status.terminatingReplicas (behind its feature gate, off in v1.32); core/v1 has no such field. */
  terminatingReplicas: boolean;
}

// upstream: cmd/kube-controller-manager/names (replicaset-controller, replicationcontroller-controller);
// replication_controller.go records events as "replication-controller".
export const REPLICASET_KIND: ReplicaKindSpec = {
  kind: 'ReplicaSet', name: 'replicaset-controller', eventComponent: 'replicaset-controller', terminatingReplicas: true,
};
export const REPLICATIONCONTROLLER_KIND: ReplicaKindSpec = {
  kind: 'ReplicationController', name: 'replicationcontroller-controller', eventComponent: 'replication-controller', terminatingReplicas: false,
};

/** The known bugs this controller's code can switch on (declared in its module). */
export interface ReplicaSetSwitches {
  /** Act on the cache without waiting for the expectations of earlier creates and deletes. */
  ignoreExpectations?: boolean;
  /** Adopt pods that another controller already owns, replacing its ControllerRef. */
  adoptOwned?: boolean;
}

const sameLabels = (a: KubeObject, b: KubeObject): boolean => {
  const x = a.metadata.labels ?? {}, y = b.metadata.labels ?? {};
  const kx = Object.keys(x);
  return kx.length === Object.keys(y).length && kx.every((k) => x[k] === y[k]);
};
const sameRef = (a: OwnerReference | undefined, b: OwnerReference | undefined): boolean =>
  a === b || (a !== undefined && b !== undefined && a.uid === b.uid && a.kind === b.kind && a.name === b.name && a.apiVersion === b.apiVersion);

export class ReplicaSetController extends WorkLoopController {
  readonly name: string;
  private readonly owners: Informer;
  private readonly pods: Informer;
  private readonly podControl: PodControl;
  /** Compiled selectors, per cached owner object (cache objects are immutable; a change is a new object). */
  private selectors = new WeakMap<KubeObject, Selector | null>();

  constructor(ctx: RuntimeContext, readonly spec: ReplicaKindSpec = REPLICASET_KIND, private readonly switches: ReplicaSetSwitches = {}) {
    super(ctx);
    this.name = spec.name;
    this.podControl = new PodControl(ctx, spec.eventComponent, spec.name);
    this.owners = this.informer(spec.kind, {
      add: (o) => this.enqueue(WorkLoopController.keyOf(o)),
      update: (cur, old) => {
        if (cur.metadata.uid !== old.metadata.uid) this.expectations.forget(WorkLoopController.keyOf(old));
        this.enqueue(WorkLoopController.keyOf(cur));
      },
      delete: (o) => { const k = WorkLoopController.keyOf(o); this.expectations.forget(k); this.enqueue(k); },
    });
    this.pods = this.informer('Pod', {
      add: (p) => this.addPod(p),
      update: (cur, old) => this.updatePod(cur, old),
      delete: (p) => this.deletePod(p),
    });
    this.pods.enableIndexes();
  }

  private selectorOf(owner: KubeObject): Selector | null {
    let s = this.selectors.get(owner);
    if (s === undefined) {
      try { s = ownerSelector(owner); } catch (e) { if (!(e instanceof SelectorError)) throw e; s = null; }
      this.selectors.set(owner, s);
    }
    return s;
  }

  /** upstream resolveControllerRef (refmanager.ts). */
  private resolve(ns: string | undefined, ref: OwnerReference): KubeObject | undefined {
    return resolveControllerRef(this.owners, this.spec.kind, ns, ref);
  }

  /** upstream getPodReplicaSets: every owner in the pod's namespace whose (non-empty) selector matches it. */
  private podOwners(pod: KubeObject): KubeObject[] {
    const out: KubeObject[] = [];
    for (const o of this.owners.cache.values()) {
      if (o.metadata.namespace !== pod.metadata.namespace) continue;
      const s = this.selectorOf(o);
      if (s && !s.empty() && s.matches(pod.metadata.labels)) out.push(o);
    }
    return out;
  }

  private addPod(pod: KubeObject): void {
    // After a restart a pod may first appear already terminating: that is a deletion, not a creation.
    if (pod.metadata.deletionTimestamp) { this.deletePod(pod); return; }
    const ref = controllerRef(pod);
    if (ref) {
      const o = this.resolve(pod.metadata.namespace, ref);
      if (!o) return;
      const key = WorkLoopController.keyOf(o);
      this.expectations.creationObserved(key);
      this.enqueue(key);
      return;
    }
    // An orphan: every owner that selects it gets a chance to adopt. No expectation waits on an orphan.
    for (const o of this.podOwners(pod)) this.enqueue(WorkLoopController.keyOf(o));
  }

  private updatePod(cur: KubeObject, old: KubeObject): void {
    if (cur.metadata.resourceVersion === old.metadata.resourceVersion) return;
    const labelChanged = !sameLabels(cur, old);
    if (cur.metadata.deletionTimestamp) {
      // A graceful delete: replacements start now, not when the kubelet finishes.
      this.deletePod(cur);
      if (labelChanged) this.deletePod(old);
      return;
    }
    const curRef = controllerRef(cur), oldRef = controllerRef(old);
    const refChanged = !sameRef(curRef, oldRef);
    if (refChanged && oldRef) {
      const o = this.resolve(old.metadata.namespace, oldRef);
      if (o) this.enqueue(WorkLoopController.keyOf(o));
    }
    if (curRef) {
      const o = this.resolve(cur.metadata.namespace, curRef);
      if (!o) return;
      const key = WorkLoopController.keyOf(o);
      this.enqueue(key);
      // Availability is time-based: look again once minReadySeconds have passed (plus upstream's 1s of skew).
      const minReady = o.spec?.minReadySeconds ?? 0;
      if (!isPodReady(old) && isPodReady(cur) && minReady > 0) this.enqueueAfter(key, minReady * 1000 + 1000);
      return;
    }
    if (labelChanged || refChanged) for (const o of this.podOwners(cur)) this.enqueue(WorkLoopController.keyOf(o));
  }

  private deletePod(pod: KubeObject): void {
    const ref = controllerRef(pod);
    if (!ref) return;
    const o = this.resolve(pod.metadata.namespace, ref);
    if (!o) return;
    const key = WorkLoopController.keyOf(o);
    this.expectations.deletionObserved(key, pod.metadata.uid);
    this.enqueue(key);
  }

  protected sync(key: string): void {
    const slash = key.indexOf('/');
    const ns = key.slice(0, slash), name = key.slice(slash + 1);
    const owner = this.owners.get(ns, name);
    if (!owner) { this.expectations.forget(key); return; }
    const needsSync = this.switches.ignoreExpectations === true || this.expectations.satisfied(key);
    const selector = this.selectorOf(owner);
    if (!selector) return;
    if (selector.empty()) {
      // upstream: the Deployment controller's guard; an empty selector would claim every pod in the namespace.
      const what = this.spec.kind.toLowerCase();
      this.ctx.recorder.record(owner, 'Warning', 'SelectingAll', `This ${what} is selecting all pods. A non-empty selector is required.`, this.spec.eventComponent);
      return;
    }
    // Only the pods a claim could act on — selected or owned — from the informer's indexes,
    // so a sync costs what the owner has, not the namespace (upstream scans the namespace).
    const all = this.pods.claimCandidates(ns, selector, owner.metadata.uid!);
    const claimed = this.claimPods(owner, selector, all.filter(isPodActive));
    let manageError: ApiError | undefined;
    if (needsSync && !owner.metadata.deletionTimestamp) manageError = this.manage(key, owner, claimed);
    const now = this.ctx.clock.now();
    const status = calculateStatus({
      owner, pods: claimed,
      terminating: this.spec.terminatingReplicas && this.ctx.featureGates.DeploymentReplicaSetTerminatingReplicas ? this.terminating(owner, selector, all) : undefined,
      manageError: manageError?.message, nowMs: now, iso: (ms) => this.ctx.clock.iso(ms), parse: (s) => this.ctx.clock.parse(s),
    });
    const written = this.podControl.writeStatus(owner, status);
    // A last line of defence against missed readiness events: look again after minReadySeconds.
    const minReady = written.spec?.minReadySeconds ?? 0;
    const replicas = written.spec?.replicas ?? 1;
    if (!manageError && minReady > 0 && (status.readyReplicas ?? 0) === replicas && (status.availableReplicas ?? 0) !== replicas) {
      this.enqueueAfter(key, minReady * 1000);
    }
    if (manageError) throw manageError;
  }

  /** upstream FilterClaimedPods(FilterTerminatingPods(all)): owned, selected, deleting and not finished. */
  private terminating(owner: KubeObject, selector: Selector, all: readonly KubeObject[]): number {
    let n = 0;
    for (const p of all) {
      if (!p.metadata.deletionTimestamp || p.status?.phase === 'Succeeded' || p.status?.phase === 'Failed') continue;
      if (controllerRef(p)?.uid === owner.metadata.uid && selector.matches(p.metadata.labels)) n++;
    }
    return n;
  }

  /**
   * upstream claimPods: keep, adopt, release. Adoption first re-reads the owner
   * live (it must not be deleting). Every pod is tried; the first error aborts
   * the sync afterwards, before any create or delete.
   */
  private claimPods(owner: KubeObject, selector: Selector, active: KubeObject[]): KubeObject[] {
    const steal = this.switches.adoptOwned === true;
    const r = claim(ownerOf(owner), (p) => selector.matches(p.metadata.labels), active, { adoptOwned: steal });
    let error: ApiError | undefined;
    const keep = (e: unknown) => { if (!(e instanceof ApiError)) throw e; error ??= e; };
    for (const p of r.release) {
      try { this.podControl.release(owner, p); } catch (e) { keep(e); }
    }
    const dropped = new Set<KubeObject>();
    let rechecked = false;
    for (const p of r.adopt) {
      try {
        if (!rechecked) { this.podControl.recheckOwner(owner); rechecked = true; }
        if (!this.podControl.adopt(owner, p, steal)) dropped.add(p);
      } catch (e) { keep(e); dropped.add(p); }
    }
    if (error) throw error;
    return dropped.size === 0 ? r.claimed : r.claimed.filter((p) => !dropped.has(p));
  }

  /**
   * upstream manageReplicas: expectations are recorded before the first call,
   * so that any sync that runs before all the results are observed waits; a
   * create that failed or was never tried is marked observed at once.
   */
  private manage(key: string, owner: KubeObject, claimed: KubeObject[]): ApiError | undefined {
    const replicas = owner.spec?.replicas ?? 1;
    const plan = manageReplicas({
      // The related pods only rank deletions: not worth a scan of the cache otherwise.
      replicas, active: claimed, related: claimed.length > replicas ? this.relatedPods(owner) : [],
      nowMs: this.ctx.clock.now(), parse: (s) => this.ctx.clock.parse(s),
    });
    let first: ApiError | undefined;
    if (plan.create > 0) {
      this.expectations.expect(key, plan.create, 0);
      const ok = slowStartBatch(plan.create, SLOW_START_INITIAL_BATCH, () => {
        const e = this.podControl.create(owner);
        first ??= e;
        return e === undefined;
      });
      for (let i = ok; i < plan.create; i++) this.expectations.creationObserved(key);
      return first;
    }
    if (plan.delete.length === 0) return undefined;
    this.expectations.expect(key, 0, plan.delete.length, plan.delete.map((p) => p.metadata.uid!));
    for (const p of plan.delete) {
      const r = this.podControl.delete(owner, p);
      if (r === 'deleted') continue;
      // The informer will never report this deletion: lower the expectation now.
      this.expectations.deletionObserved(key, p.metadata.uid);
      if (r !== 'gone') first ??= r;
    }
    return first;
  }

  /** upstream getIndirectlyRelatedPods: pods of every owner with the same controller (none without one). */
  private relatedPods(owner: KubeObject): KubeObject[] {
    const ctl = controllerRef(owner);
    if (!ctl) return [];
    const seen = new Set<string>();
    const out: KubeObject[] = [];
    for (const o of this.owners.cache.values()) {
      if (o.metadata.namespace !== owner.metadata.namespace || controllerRef(o)?.uid !== ctl.uid) continue;
      const s = this.selectorOf(o);
      if (!s) continue;
      for (const p of this.pods.cache.values()) {
        if (p.metadata.namespace !== o.metadata.namespace || seen.has(p.metadata.uid!) || !s.matches(p.metadata.labels)) continue;
        seen.add(p.metadata.uid!);
        out.push(p);
      }
    }
    return out;
  }
}
