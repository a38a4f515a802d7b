// The deployment controller: Deployments own ReplicaSets, ReplicaSets own
// pods. Informer handlers only enqueue the Deployment a change concerns;
// the sync claims the Deployment's ReplicaSets from the cache (adopting
// matching orphans, releasing those that no longer match), then scales,
// rolls or recreates (./sync.ts). Pods are
// watched for one reason, as upstream: Recreate must not start the new
// ReplicaSet while an old pod still runs, so a deleted pod wakes it.
// There are no expectations: every write is to a ReplicaSet or the
// Deployment itself and is guarded by its resourceVersion instead.
// upstream: pkg/controller/deployment/deployment_controller.go (handlers, syncDeployment,
//           getReplicaSetsForDeployment, getPodMapForDeployment, requeueStuckDeployment's AddAfter)
import type { KubeObject } from '../../../model/api/types.js';
import { selectorFromLabelSelector } from '../../../model/labels/index.js';
import { claim, controllerRef, ownerOf } from '../../../model/controllers/claim.js';
import type { TaskHandle } from '../../clock.js';
import type { RuntimeContext } from '../../context.js';
import type { Informer } from '../../informer.js';
import { WorkLoopController } from '../workloop.js';
import { COMPONENT } from './writes.js';
import { adopt, ownerInCache, recheckOwner, release } from '../refmanager.js';
import {
  checkPausedConditions, isScalingEvent, rolloutRecreate, rolloutRolling, syncScale, syncStatusOnly, type SyncEnv,
} from './sync.js';

/** upstream: the rate limiter's floor for a Deployment at its deadline (10 qps bucket); see recheck(). */
const RECHECK_NOW_MS = 100;

/** The known bugs this controller's code can switch on (declared in its module). */
export interface DeploymentSwitches {
  /** Round a maxUnavailable percentage up instead of down. */
  roundUnavailableUp?: boolean;
  /** Treat a template matching an old ReplicaSet as a hash collision: a rollback makes a new ReplicaSet. */
  rollbackNewRS?: boolean;
}

export class DeploymentController extends WorkLoopController {
  readonly name = COMPONENT;
  private readonly deployments: Informer;
  private readonly replicaSets: Informer;
  private readonly pods: Informer;
  /** Pods by the uid of the ReplicaSet that controls them (the pod informer's cache, indexed). */
  private podsByOwner = new Map<string, Set<string>>();
  /** Pending progress rechecks: one per key, the earliest wins (the delaying queue's dedup). */
  private rechecks = new Map<string, { atMs: number; handle: TaskHandle }>();

  constructor(ctx: RuntimeContext, private readonly switches: DeploymentSwitches = {}) {
    super(ctx);
    const key = (d: KubeObject) => WorkLoopController.keyOf(d);
    this.deployments = this.informer('Deployment', {
      add: (d) => this.enqueue(key(d)),
      update: (d) => this.enqueue(key(d)),
      delete: (d) => this.enqueue(key(d)),
    });
    this.replicaSets = this.informer('ReplicaSet', {
      add: (rs) => this.onReplicaSet(rs),
      update: (rs, old) => this.onReplicaSetUpdate(rs, old),
      delete: (rs) => this.enqueueOwner(rs),
    });
    this.pods = this.informer('Pod', {
      add: (p) => this.indexPod(p, undefined),
      update: (p, old) => this.indexPod(p, old),
      delete: (p) => { this.indexPod(undefined, p); this.onPodDeleted(p); },
    });
  }

  override start(): void {
    this.podsByOwner.clear();
    super.start();
  }

  override stop(): void {
    for (const r of this.rechecks.values()) this.ctx.clock.cancel(r.handle);
    this.rechecks.clear();
    super.stop();
  }

  // ---- handlers: they only enqueue ----

  /** The Deployment a controller reference names, if the cache has it with that uid (refmanager.ts). */
  private ownerOf(o: KubeObject): KubeObject | undefined {
    return ownerInCache(this.deployments, 'Deployment', o);
  }

  private enqueueOwner(o: KubeObject): void {
    const d = this.ownerOf(o);
    if (d) this.enqueue(WorkLoopController.keyOf(d));
  }

  /** upstream getDeploymentsForReplicaSet: Deployments in the namespace whose selector matches an orphan. */
  private enqueueMatching(rs: KubeObject): void {
    for (const d of this.deployments.list()) {
      if (d.metadata.namespace !== rs.metadata.namespace) continue;
      const sel = selectorFromLabelSelector(d.spec?.selector);
      if (!sel.empty() && sel.matches(rs.metadata.labels ?? {})) this.enqueue(WorkLoopController.keyOf(d));
    }
  }

  private onReplicaSet(rs: KubeObject): void {
    if (rs.metadata.deletionTimestamp || controllerRef(rs)) return this.enqueueOwner(rs);
    this.enqueueMatching(rs);
  }

  private onReplicaSetUpdate(rs: KubeObject, old: KubeObject): void {
    if (rs.metadata.resourceVersion === old.metadata.resourceVersion) return;
    const cur = controllerRef(rs), prev = controllerRef(old);
    if (prev && prev.uid !== cur?.uid) this.enqueueOwner(old);
    if (cur) return this.enqueueOwner(rs);
    if (prev || JSON.stringify(rs.metadata.labels ?? {}) !== JSON.stringify(old.metadata.labels ?? {})) this.enqueueMatching(rs);
  }

  private indexPod(cur: KubeObject | undefined, old: KubeObject | undefined): void {
    const k = (p: KubeObject) => `${p.metadata.namespace}/${p.metadata.name}`;
    const prev = old ? controllerRef(old)?.uid : undefined;
    const next = cur ? controllerRef(cur)?.uid : undefined;
    if (prev && prev !== next) this.podsByOwner.get(prev)?.delete(k(old!));
    if (prev && !next && this.podsByOwner.get(prev)?.size === 0) this.podsByOwner.delete(prev);
    if (next) {
      let s = this.podsByOwner.get(next);
      if (!s) this.podsByOwner.set(next, (s = new Set()));
      s.add(k(cur!));
    }
  }

  /** upstream deletePod: a Recreate Deployment whose last old pod went may now scale its new ReplicaSet up. */
  private onPodDeleted(p: KubeObject): void {
    const ref = controllerRef(p);
    if (!ref || ref.kind !== 'ReplicaSet') return;
    const rs = this.replicaSets.get(p.metadata.namespace, ref.name);
    if (!rs || rs.metadata.uid !== ref.uid) return;
    const d = this.ownerOf(rs);
    if (!d || d.spec?.strategy?.type !== 'Recreate') return;
    const owned = this.replicaSets.list().filter((x) => controllerRef(x)?.uid === d.metadata.uid);
    if (owned.every((x) => (this.podsByOwner.get(x.metadata.uid!)?.size ?? 0) === 0)) this.enqueue(WorkLoopController.keyOf(d));
  }

  /** upstream enqueueAfter / enqueueRateLimited for the progress deadline; one pending recheck per key. */
  private recheck(key: string, ms: number): void {
    const delay = ms === 0 ? RECHECK_NOW_MS : ms;
    const atMs = this.ctx.clock.now() + delay;
    const cur = this.rechecks.get(key);
    if (cur && cur.atMs <= atMs) return;
    this.ctx.clock.cancel(cur?.handle);
    const handle = this.ctx.clock.schedule(delay, () => { this.rechecks.delete(key); this.enqueue(key); });
    this.rechecks.set(key, { atMs, handle });
  }

  // ---- the sync ----

  /** upstream getReplicaSetsForDeployment: claim the namespace's ReplicaSets (adopt, release), from the cache. */
  private claimReplicaSets(d: KubeObject): KubeObject[] {
    const candidates = this.replicaSets.list().filter((rs) => rs.metadata.namespace === d.metadata.namespace);
    const sel = selectorFromLabelSelector(d.spec.selector);
    const r = claim(ownerOf(d), (rs) => sel.matches(rs.metadata.labels ?? {}), candidates);
    if (r.adopt.length > 0) recheckOwner(this.ctx, d);
    for (const rs of r.adopt) adopt(this.ctx, d, rs);
    for (const rs of r.release) release(this.ctx, d, rs);
    return r.claimed.sort((a, b) => (a.metadata.name! < b.metadata.name! ? -1 : 1));
  }

  /** upstream getPodMapForDeployment: the Deployment's pods (by selector) grouped by owning ReplicaSet. */
  private podMap(d: KubeObject, rsList: readonly KubeObject[]): Map<string, KubeObject[]> {
    const sel = selectorFromLabelSelector(d.spec.selector);
    const out = new Map<string, KubeObject[]>();
    for (const rs of rsList) {
      const pods: KubeObject[] = [];
      for (const k of this.podsByOwner.get(rs.metadata.uid!) ?? []) {
        const [ns, name] = k.split('/');
        const p = this.pods.get(ns, name!);
        if (p && sel.matches(p.metadata.labels ?? {})) pods.push(p);
      }
      out.set(rs.metadata.uid!, pods);
    }
    return out;
  }

  protected sync(key: string): void {
    const slash = key.indexOf('/');
    const cached = this.deployments.get(key.slice(0, slash), key.slice(slash + 1));
    if (!cached) return;
    const d = structuredClone(cached);
    const env: SyncEnv = {
      ctx: this.ctx, cached,
      cachedRS: (ns, name) => this.replicaSets.get(ns, name),
      fence: { roundUnavailableUp: this.switches.roundUnavailableUp === true },
      rollbackNewRS: this.switches.rollbackNewRS === true,
      recheck: (ms) => this.recheck(key, ms),
    };
    // Validation forbids an empty selector in apps/v1, so upstream's SelectingAll branch cannot be reached here.
    const rsList = this.claimReplicaSets(d);
    if (d.metadata.deletionTimestamp) return syncStatusOnly(env, d, rsList);
    checkPausedConditions(env, d);
    if (d.spec.paused) return syncScale(env, d, rsList);
    if (isScalingEvent(env, d, rsList)) return syncScale(env, d, rsList);
    if (d.spec.strategy?.type === 'Recreate') return rolloutRecreate(env, d, rsList, this.podMap(d, rsList));
    rolloutRolling(env, d, rsList);
  }
}
