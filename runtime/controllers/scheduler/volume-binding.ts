// The scheduler's half of volume binding: its caches of claims, classes and
// volumes (with the assume cache over them), how many counted pods use each
// claim, and PreBind — pre-bind the volumes chosen for a pod's node and mark
// the claims to provision with it, then check every second until the binder
// has bound them all (10 minutes at most). The scheduler binds the pod when
// this says done, and forgets it when this says failed.
// upstream: pkg/scheduler/framework/plugins/volumebinding (assume_cache.go, binder.go AssumePodVolumes,
//           BindPodVolumes, bindAPIUpdate, checkBindings, RevertAssumedPodVolumes)
import type { KubeObject } from '../../../model/api/types.js';
import { isClaimFullyBound, type ClaimLookup, type PodVolumes } from '../../../model/controllers/scheduler/volumes.js';
import { bindVolumeToClaim } from '../../../model/controllers/persistentvolume/bind.js';
import { ANN_SELECTED_NODE } from '../../../model/controllers/persistentvolume/events.js';
import { nodeAffinityAllows } from '../../../model/controllers/persistentvolume/helpers.js';
import type { RuntimeContext } from '../../context.js';
import { Informer } from '../../informer.js';
import type { TaskHandle } from '../../clock.js';

/** A pod in PreBind: the volume objects and claims as the scheduler wrote them, and its poll. */
interface Binding { key: string; node: string; volumes: PodVolumes; deadline: number; poll?: TaskHandle }

/** How a PreBind ended: the pod may be bound, or the attempt failed with this message (undefined: the pod is gone). */
export type BindOutcome = { ok: true } | { ok: false; message?: string };

export const claimKeysOf = (pod: KubeObject): string[] => {
  const out: string[] = [];
  for (const v of pod.spec?.volumes ?? []) {
    const n = v?.persistentVolumeClaim?.claimName;
    if (typeof n === 'string' && n !== '') out.push(`${pod.metadata.namespace ?? 'default'}/${n}`);
  }
  return out;
};
const rvOf = (o: KubeObject): number => Number(o.metadata.resourceVersion ?? 0);
/** upstream CompareResourceVersion(written, seen) > 0: the cache has not caught up with our write. */
const older = (seen: KubeObject, written: KubeObject): boolean => rvOf(seen) < rvOf(written);
const PREBIND = 'running PreBind plugin "VolumeBinding": ';

export class VolumeBinding {
  private claims: Informer;
  private classes: Informer;
  private pvs: Informer;
  /** The assume cache: volumes and claims as this scheduler wrote them, until its informers show as much. */
  private assumedPVs = new Map<string, KubeObject>();
  private assumedClaims = new Map<string, KubeObject>();
  private pvList: KubeObject[] | null = null;
  /** How many counted pods use each claim (namespace/name): upstream NodeInfo.PVCRefCounts, summed. */
  private claimUsers = new Map<string, number>();
  /** Pods in PreBind, by uid. */
  private binding = new Map<string, Binding>();
  readonly lookup: ClaimLookup;

  /**
   * `changed`: a claim, class or volume changed (pods waiting on volumes may fit now); `node` and `pod`
   * read the scheduler's caches.
   */
  constructor(
    private readonly ctx: RuntimeContext, component: string, changed: () => void,
    private readonly node: (name: string) => KubeObject | undefined, private readonly pod: (key: string) => KubeObject | undefined,
  ) {
    const claimSeen = (c: KubeObject) => {
      const key = `${c.metadata.namespace}/${c.metadata.name}`;
      const a = this.assumedClaims.get(key);
      if (a && !older(c, a)) this.assumedClaims.delete(key);
      changed();
    };
    const pvSeen = (v: KubeObject) => {
      const a = this.assumedPVs.get(v.metadata.name!);
      if (a && !older(v, a)) this.assumedPVs.delete(v.metadata.name!);
      this.pvList = null;
      changed();
    };
    this.claims = new Informer(ctx.store, 'PersistentVolumeClaim', component, { add: claimSeen, update: claimSeen });
    this.classes = new Informer(ctx.store, 'StorageClass', component, { add: changed, update: changed });
    this.pvs = new Informer(ctx.store, 'PersistentVolume', component, { add: pvSeen, update: pvSeen, delete: () => { this.pvList = null; } });
    this.lookup = {
      claim: (ns, name) => this.assumedClaims.get(`${ns}/${name}`) ?? this.claims.get(ns, name),
      storageClass: (name) => this.classes.get(undefined, name),
      volume: (name) => this.assumedPVs.get(name) ?? this.pvs.get(undefined, name),
      volumes: () => (this.pvList ??= [...this.pvs.cache.values()].map((v) => this.assumedPVs.get(v.metadata.name!) ?? v)),
      claimInUse: (key) => (this.claimUsers.get(key) ?? 0) > 0,
    };
  }

  informers(): Informer[] { return [this.claims, this.classes, this.pvs]; }

  /** A restart: every cache and count starts empty. */
  reset(): void { this.claimUsers.clear(); this.assumedPVs.clear(); this.assumedClaims.clear(); this.pvList = null; }

  /** A binding under way dies with the process; its pod is scheduled again after the restart. */
  stop(): void {
    for (const b of this.binding.values()) this.ctx.clock.cancel(b.poll);
    this.binding.clear();
  }

  isBinding(uid: string): boolean { return this.binding.has(uid); }

  /** A pod counted on a node (+1) or no longer (−1): its claims' use counts (ReadWriteOncePod). */
  countClaims(claims: readonly string[], delta: 1 | -1): void {
    for (const k of claims) {
      const n = (this.claimUsers.get(k) ?? 0) + delta;
      if (n > 0) this.claimUsers.set(k, n); else this.claimUsers.delete(k);
    }
  }

  /**
   * Reserve and PreBind: pre-bind the chosen volumes, mark the claims to provision with the node, then
   * poll until all are bound; `done` is told how it ended.
   * upstream AssumePodVolumes, bindAPIUpdate (an API error ends the attempt; nothing is rolled back)
   */
  preBind(pod: KubeObject, node: string, volumes: PodVolumes, done: (o: BindOutcome) => void): void {
    const { store, clock } = this.ctx;
    const bindings: Array<{ claim: KubeObject; volume: KubeObject }> = [];
    const provisions: KubeObject[] = [];
    try {
      for (const { claim, volume } of volumes.bindings) {
        const next = bindVolumeToClaim(volume, claim);
        const written = next === volume ? volume : store.update(next);
        this.assumedPVs.set(written.metadata.name!, written);
        this.pvList = null;
        bindings.push({ claim, volume: written });
      }
      for (const claim of volumes.provisions) {
        let written = claim;
        if (claim.metadata.annotations?.[ANN_SELECTED_NODE] !== node) {
          written = store.update({ ...claim, metadata: { ...claim.metadata, annotations: { ...claim.metadata.annotations, [ANN_SELECTED_NODE]: node } } } as KubeObject);
        }
        this.assumedClaims.set(`${written.metadata.namespace}/${written.metadata.name}`, written);
        provisions.push(written);
      }
    } catch (e) {
      this.revert({ bindings, provisions });
      done({ ok: false, message: `${PREBIND}${(e as Error).message}` });
      return;
    }
    const uid = pod.metadata.uid!;
    const b: Binding = { key: `${pod.metadata.namespace}/${pod.metadata.name}`, node, volumes: { bindings, provisions }, deadline: clock.now() + this.ctx.config.schedulerBindTimeoutMs };
    this.binding.set(uid, b);
    this.poll(uid, b, done);
  }

  /** upstream wait.Poll(time.Second, bindTimeout, checkBindings): the first check one second on. */
  private poll(uid: string, b: Binding, done: (o: BindOutcome) => void): void {
    b.poll = this.ctx.clock.schedule(1_000, () => {
      b.poll = undefined;
      if (this.binding.get(uid) !== b) return;
      const pod = this.pod(b.key);
      if (!pod || pod.metadata.uid !== uid) { this.binding.delete(uid); this.revert(b.volumes); done({ ok: false }); return; }
      let outcome: boolean | string;
      try {
        outcome = this.bindingsDone(b);
      } catch (e) {
        outcome = (e as Error).message;
      }
      if (outcome === true) { this.binding.delete(uid); done({ ok: true }); return; }
      if (outcome === false && this.ctx.clock.now() + 1_000 <= b.deadline) { this.poll(uid, b, done); return; }
      this.binding.delete(uid);
      this.revert(b.volumes);
      done({ ok: false, message: `${PREBIND}binding volumes: ${outcome === false ? 'timed out waiting for the condition' : outcome}` });
    });
  }

  /** upstream RevertAssumedPodVolumes: the caches show the API's objects again. */
  private revert(assumed: PodVolumes): void {
    for (const { volume } of assumed.bindings) this.assumedPVs.delete(volume.metadata.name!);
    for (const c of assumed.provisions) this.assumedClaims.delete(`${c.metadata.namespace}/${c.metadata.name}`);
    this.pvList = null;
  }

  /** upstream checkBindings: true when every claim is fully bound; throws where the attempt must start over. */
  private bindingsDone(b: Binding): boolean {
    const node = this.node(b.node);
    if (!node) throw new Error(`failed to get node ${JSON.stringify(b.node)}: node ${JSON.stringify(b.node)} not found`);
    const labels = node.metadata.labels ?? {};
    const affinity = (pv: KubeObject) => {
      if (!nodeAffinityAllows(pv, labels)) throw new Error(`pv ${JSON.stringify(pv.metadata.name)} node affinity doesn't match node ${JSON.stringify(b.node)}: no matching NodeSelectorTerms`);
    };
    for (const { claim, volume } of b.volumes.bindings) {
      const pv = this.pvs.get(undefined, volume.metadata.name!);
      if (!pv) throw new Error(`failed to check binding: cannot find PV ${JSON.stringify(volume.metadata.name)}`);
      const pvc = this.claims.get(claim.metadata.namespace, claim.metadata.name!);
      if (!pvc) throw new Error(`failed to check binding: cannot find PVC ${JSON.stringify(`${claim.metadata.namespace}/${claim.metadata.name}`)}`);
      if (older(pv, volume)) return false;
      affinity(pv);
      if (!pv.spec?.claimRef?.uid) throw new Error(`ClaimRef got reset for pv ${JSON.stringify(pv.metadata.name)}`);
      if (!isClaimFullyBound(pvc)) return false;
    }
    for (const claim of b.volumes.provisions) {
      const pvc = this.claims.get(claim.metadata.namespace, claim.metadata.name!);
      if (!pvc) throw new Error(`failed to check provisioning pvc: cannot find PVC ${JSON.stringify(`${claim.metadata.namespace}/${claim.metadata.name}`)}`);
      if (older(pvc, claim)) return false;
      if (pvc.metadata.annotations?.[ANN_SELECTED_NODE] !== b.node) throw new Error(`provisioning failed for PVC ${JSON.stringify(pvc.metadata.name)}`);
      if (pvc.spec?.volumeName) {
        const pv = this.pvs.get(undefined, pvc.spec.volumeName);
        if (!pv) return false;
        affinity(pv);
      }
      if (!isClaimFullyBound(pvc)) return false;
    }
    return true;
  }
}
