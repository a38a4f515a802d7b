// The StatefulSet controller: handlers enqueue the set a pod belongs to (or
// every set that selects an orphan); a sync adopts orphaned revisions,
// claims the set's pods (selected AND named `<set>-<ordinal>`), and runs one
// pass of the ordered control loop (control.ts). There are no expectations:
// pod names are fixed, so a create a stale cache repeats fails with
// AlreadyExists instead of making a second pod — and a pod whose deletion
// has not finished still holds its name, which is the whole at-most-one
// guarantee on node failure.
// upstream: pkg/controller/statefulset/stateful_set.go (addPod, updatePod, deletePod, getPodsForStatefulSet,
// adoptOrphanRevisions, sync, syncStatefulSet)
import type { KubeObject } from '../../../model/api/types.js';
import { SelectorError, selectorFromLabelSelector, type Selector } from '../../../model/labels/index.js';
import { claim, controllerRef, ownerOf } from '../../../model/controllers/claim.js';
import { isPodReady } from '../../../model/controllers/podutil.js';
import { isMemberOf } from '../../../model/controllers/statefulset/identity.js';
import { statefulSetRolloutMachine } from '../../../model/controllers/statefulset/rollout-machine.js';
import { sortRevisions } from '../../../model/controllers/history.js';
import { send, start, stateName, type Step } from '../../../model/machines/drive.js';
import { ApiError } from '../../../model/api/errors.js';
import type { Informer } from '../../informer.js';
import type { ControllerContext } from '../definition.js';
import { WorkLoopController } from '../workloop.js';
import { adopt, recheckOwner, release, resolveControllerRef } from '../refmanager.js';
import { StatefulPodControl } from './podcontrol.js';
import { updateStatefulSet, type StatefulSetSwitches } from './control.js';

const UNREACHABLE = 'node.kubernetes.io/unreachable';

export class StatefulSetController extends WorkLoopController {
  readonly name: string;
  private readonly sets: Informer;
  private readonly pods: Informer;
  private readonly revisions: Informer;
  private readonly claims: Informer;
  private readonly nodes?: Informer;
  private readonly podControl: StatefulPodControl;
  private selectors = new WeakMap<KubeObject, Selector | null>();
  /** Each set's rollout machine, as its last sync left it. */
  private rollouts = new Map<string, Step<typeof statefulSetRolloutMachine>>();

  constructor(ctx: ControllerContext, private readonly switches: StatefulSetSwitches = {}) {
    super(ctx);
    this.name = ctx.name;
    const key = WorkLoopController.keyOf;
    this.sets = this.informer('StatefulSet', {
      add: (s) => this.enqueue(key(s)),
      update: (s) => this.enqueue(key(s)),
      delete: (s) => { this.rollouts.delete(key(s)); this.enqueue(key(s)); },
    });
    this.pods = this.informer('Pod', {
      add: (p) => this.addPod(p),
      update: (cur, old) => this.updatePod(cur, old),
      delete: (p) => this.deletePod(p),
    });
    this.pods.enableIndexes();
    this.revisions = this.informer('ControllerRevision', {});
    this.claims = this.informer('PersistentVolumeClaim', {});
    if (switches.replaceUnreachable) this.nodes = this.informer('Node', {});
    this.podControl = new StatefulPodControl(ctx, this.claims, this.name);
  }

  override start(): void {
    this.rollouts.clear();
    super.start();
  }

  /** The rollout machine's state for a set (`scaling.awaitingReady`), or undefined before its first sync. */
  rolloutState(ns: string, name: string): string | undefined {
    const s = this.rollouts.get(`${ns}/${name}`);
    return s ? stateName(s.snapshot) : undefined;
  }

  private selectorOf(set: KubeObject): Selector | null {
    let s = this.selectors.get(set);
    if (s === undefined) {
      try { s = selectorFromLabelSelector(set.spec?.selector ?? {}); } catch (e) { if (!(e instanceof SelectorError)) throw e; s = null; }
      this.selectors.set(set, s);
    }
    return s;
  }

  private resolve(ns: string | undefined, ref: { kind: string; name: string; uid: string }): KubeObject | undefined {
    return resolveControllerRef(this.sets, 'StatefulSet', ns, ref as any);
  }

  /** upstream getPodStatefulSets: the sets of the pod's namespace whose selector matches it. */
  private setsSelecting(pod: KubeObject): KubeObject[] {
    const out: KubeObject[] = [];
    for (const s of this.sets.cache.values()) {
      if (s.metadata.namespace !== pod.metadata.namespace) continue;
      const sel = this.selectorOf(s);
      if (sel && !sel.empty() && sel.matches(pod.metadata.labels)) out.push(s);
    }
    return out;
  }

  private addPod(pod: KubeObject): void {
    if (pod.metadata.deletionTimestamp) { this.deletePod(pod); return; }
    const ref = controllerRef(pod);
    if (ref) {
      const s = this.resolve(pod.metadata.namespace, ref);
      if (s) this.enqueue(WorkLoopController.keyOf(s));
      return;
    }
    for (const s of this.setsSelecting(pod)) this.enqueue(WorkLoopController.keyOf(s));
  }

  private updatePod(cur: KubeObject, old: KubeObject): void {
    if (cur.metadata.resourceVersion === old.metadata.resourceVersion) return;
    const labelsChanged = JSON.stringify(cur.metadata.labels ?? {}) !== JSON.stringify(old.metadata.labels ?? {});
    const curRef = controllerRef(cur), oldRef = controllerRef(old);
    const refChanged = curRef?.uid !== oldRef?.uid;
    if (this.switches.ignoreReadiness && !labelsChanged && !refChanged && !!cur.metadata.deletionTimestamp === !!old.metadata.deletionTimestamp) return;
    if (refChanged && oldRef) {
      const s = this.resolve(old.metadata.namespace, oldRef);
      if (s) this.enqueue(WorkLoopController.keyOf(s));
    }
    if (curRef) {
      const s = this.resolve(cur.metadata.namespace, curRef);
      if (!s) return;
      const key = WorkLoopController.keyOf(s);
      this.enqueue(key);
      // upstream: a pod that became ready is looked at again after minReadySeconds.
      const minReady = s.spec?.minReadySeconds ?? 0;
      if (!isPodReady(old) && isPodReady(cur) && minReady > 0) this.enqueueAfter(key, minReady * 1000);
      return;
    }
    if (labelsChanged || refChanged) for (const s of this.setsSelecting(cur)) this.enqueue(WorkLoopController.keyOf(s));
  }

  private deletePod(pod: KubeObject): void {
    const ref = controllerRef(pod);
    if (!ref) return;
    const s = this.resolve(pod.metadata.namespace, ref);
    if (s) this.enqueue(WorkLoopController.keyOf(s));
  }

  /** The set's revisions (owned by it), sorted; orphans its selector matches are adopted first. */
  private setRevisions(set: KubeObject): KubeObject[] {
    const sel = this.selectorOf(set);
    const out: KubeObject[] = [];
    for (const r of this.revisions.cache.values()) {
      if (r.metadata.namespace !== set.metadata.namespace) continue;
      const ref = controllerRef(r);
      if (ref?.uid === set.metadata.uid) out.push(r);
    }
    return sortRevisions(out.filter((r) => !sel || sel.matches(r.metadata.labels) || controllerRef(r)?.uid === set.metadata.uid));
  }

  /** upstream adoptOrphanRevisions: selected revisions without a controller are adopted (after a live recheck). */
  private adoptOrphanRevisions(set: KubeObject, sel: Selector): void {
    const orphans = [...this.revisions.cache.values()].filter((r) =>
      r.metadata.namespace === set.metadata.namespace && !controllerRef(r) && sel.matches(r.metadata.labels));
    if (orphans.length === 0) return;
    recheckOwner(this.ctx, set);
    for (const r of orphans) adopt(this.ctx, set, r);
  }

  protected sync(key: string): void {
    const slash = key.indexOf('/');
    const set = this.sets.get(key.slice(0, slash), key.slice(slash + 1));
    if (!set) return;
    const sel = this.selectorOf(set);
    if (!sel) return; // a non-transient error: upstream does not retry
    this.adoptOrphanRevisions(set, sel);
    const pods = this.claimPods(set, sel);
    const r = updateStatefulSet({
      ctx: this.ctx, pods: this.podControl, revisions: (s) => this.setRevisions(s), switches: this.switches, actor: this.name,
      nodeUnreachable: (n) => !!n && (this.nodes?.get(undefined, n)?.spec?.taints ?? []).some((t: any) => t.key === UNREACHABLE),
    }, set, pods);
    const prev = this.rollouts.get(key) ?? start(statefulSetRolloutMachine);
    this.rollouts.set(key, send(statefulSetRolloutMachine, prev.snapshot, { type: r.outcome }));
    if (r.error) throw r.error;
    // upstream: one more sync for clock skew while pods are not yet available.
    const minReady = set.spec?.minReadySeconds ?? 0;
    if (minReady > 0 && r.status && r.status.availableReplicas !== (set.spec?.replicas ?? 1)) this.enqueueAfter(key, minReady * 1000);
  }

  /** upstream getPodsForStatefulSet: ClaimPods with the selector and isMemberOf; adoption after a live recheck. */
  private claimPods(set: KubeObject, sel: Selector): KubeObject[] {
    const candidates = this.pods.claimCandidates(set.metadata.namespace!, sel, set.metadata.uid!);
    const r = claim(ownerOf(set), (p) => sel.matches(p.metadata.labels) && isMemberOf(set, p), candidates);
    let error: ApiError | undefined;
    const keep = (e: unknown) => { if (!(e instanceof ApiError)) throw e; error ??= e; };
    for (const p of r.release) { try { release(this.ctx, set, p); } catch (e) { keep(e); } }
    const dropped = new Set<KubeObject>();
    let rechecked = false;
    for (const p of r.adopt) {
      try {
        if (set.metadata.deletionTimestamp) { dropped.add(p); continue; }
        if (!rechecked) { recheckOwner(this.ctx, set); rechecked = true; }
        if (!adopt(this.ctx, set, p)) dropped.add(p);
      } catch (e) { keep(e); dropped.add(p); }
    }
    if (error) throw error;
    return dropped.size === 0 ? r.claimed : r.claimed.filter((p) => !dropped.has(p));
  }
}
