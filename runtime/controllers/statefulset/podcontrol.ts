// The API calls the StatefulSet controller makes for one pod: create its
// claims (an existing claim of that name is re-used, one being deleted is an
// error), then the pod; delete a pod; put a pod's identity right; keep its
// claims' owner references as the retention policy says. Each records
// upstream's events, in upstream's words.
// upstream: pkg/controller/statefulset/stateful_pod_control.go (CreateStatefulPod, DeleteStatefulPod,
// UpdateStatefulPod, createPersistentVolumeClaims, createMissingPersistentVolumeClaims,
// ClaimsMatchRetentionPolicy, UpdatePodClaimForRetentionPolicy, PodClaimIsStale, recordPodEvent, recordClaimEvent)
import type { KubeObject } from '../../../model/api/types.js';
import { ApiError } from '../../../model/api/errors.js';
import { claimsFor, identityMatches, ordinalOf, withIdentity } from '../../../model/controllers/statefulset/identity.js';
import { claimOwnerMatches, claimOwnerRefsFor, hasStaleOwnerRef, retentionPolicy } from '../../../model/controllers/statefulset/retention.js';
import type { Informer } from '../../informer.js';
import type { RuntimeContext } from '../../context.js';

export const COMPONENT = 'statefulset-controller';

const title = (verb: string) => verb[0]!.toUpperCase() + verb.slice(1);

export class StatefulPodControl {
  constructor(private readonly ctx: RuntimeContext, private readonly claims: Informer, private readonly actor: string) {}

  private podEvent(verb: string, set: KubeObject, pod: KubeObject, err?: Error): void {
    const name = pod.metadata.name, setName = set.metadata.name;
    if (!err) this.ctx.recorder.record(set, 'Normal', `Successful${title(verb)}`, `${verb} Pod ${name} in StatefulSet ${setName} successful`, COMPONENT);
    else this.ctx.recorder.record(set, 'Warning', `Failed${title(verb)}`, `${verb} Pod ${name} in StatefulSet ${setName} failed error: ${err.message}`, COMPONENT);
  }

  private claimEvent(verb: string, set: KubeObject, pod: KubeObject, claim: KubeObject, err?: Error): void {
    const c = claim.metadata.name, name = pod.metadata.name, setName = set.metadata.name;
    if (!err) this.ctx.recorder.record(set, 'Normal', `Successful${title(verb)}`, `${verb} Claim ${c} Pod ${name} in StatefulSet ${setName} success`, COMPONENT);
    else this.ctx.recorder.record(set, 'Warning', `Failed${title(verb)}`, `${verb} Claim ${c} for Pod ${name} in StatefulSet ${setName} failed error: ${err.message}`, COMPONENT);
  }

  /** upstream createPersistentVolumeClaims: the missing claims are made; the first error is returned after all are tried. */
  createClaims(set: KubeObject, pod: KubeObject): ApiError | undefined {
    let first: ApiError | undefined;
    for (const claim of claimsFor(set, ordinalOf(pod))) {
      const have = this.claims.get(claim.metadata.namespace, claim.metadata.name!);
      if (!have) {
        try {
          this.ctx.store.create(claim);
          this.claimEvent('create', set, pod, claim);
        } catch (e) {
          if (!(e instanceof ApiError)) throw e;
          first ??= new ApiError(e.reason, `failed to create PVC ${claim.metadata.name}: ${e.message}`);
          if (e.reason !== 'AlreadyExists') this.claimEvent('create', set, pod, claim, e);
        }
      } else if (have.metadata.deletionTimestamp) {
        first ??= new ApiError('Conflict', `pvc ${claim.metadata.name} is being deleted`);
      }
    }
    return first;
  }

  /** upstream CreateStatefulPod: claims first, then the pod; an AlreadyExists is returned without an event. */
  create(set: KubeObject, pod: KubeObject): ApiError | undefined {
    const claimErr = this.createClaims(set, pod);
    if (claimErr) { this.podEvent('create', set, pod, claimErr); return claimErr; }
    let created: KubeObject;
    try {
      created = this.ctx.store.create(pod);
    } catch (e) {
      if (!(e instanceof ApiError)) throw e;
      if (e.reason === 'AlreadyExists') return e;
      this.podEvent('create', set, pod, e);
      return e;
    }
    const retention = this.updateClaimsForRetention(set, created);
    if (retention) { this.podEvent('update', set, created, retention); return retention; }
    this.podEvent('create', set, created);
    return undefined;
  }

  /** upstream DeleteStatefulPod (with `force`: the split-brain bug's grace-0 delete). */
  delete(set: KubeObject, pod: KubeObject, force = false): ApiError | undefined {
    try {
      this.ctx.store.delete('Pod', pod.metadata.namespace, pod.metadata.name!, { uid: pod.metadata.uid, actor: this.actor, ...(force ? { gracePeriodSeconds: 0 } : {}) });
    } catch (e) {
      if (!(e instanceof ApiError)) throw e;
      this.podEvent('delete', set, pod, e);
      return e;
    }
    this.podEvent('delete', set, pod);
    return undefined;
  }

  /** upstream ClaimsMatchRetentionPolicy: every existing claim's references already as the policy wants. */
  claimsMatchRetention(set: KubeObject, pod: KubeObject): boolean {
    for (const c of claimsFor(set, ordinalOf(pod))) {
      const have = this.claims.get(c.metadata.namespace, c.metadata.name!);
      if (have && !claimOwnerMatches(have, set, pod)) return false;
    }
    return true;
  }

  /** upstream UpdatePodClaimForRetentionPolicy: patch each claim's owner references. */
  updateClaimsForRetention(set: KubeObject, pod: KubeObject): ApiError | undefined {
    for (const c of claimsFor(set, ordinalOf(pod))) {
      const have = this.claims.get(c.metadata.namespace, c.metadata.name!) ?? this.ctx.store.get('PersistentVolumeClaim', c.metadata.namespace, c.metadata.name!);
      if (!have) continue;
      const refs = claimOwnerRefsFor(have, set, pod);
      if (!refs) continue;
      try {
        const live = this.ctx.store.get('PersistentVolumeClaim', have.metadata.namespace, have.metadata.name!);
        if (!live) continue;
        const metadata = { ...live.metadata, ownerReferences: refs };
        if (refs.length === 0) delete (metadata as { ownerReferences?: unknown }).ownerReferences;
        this.ctx.store.update({ ...live, metadata } as KubeObject);
      } catch (e) {
        if (!(e instanceof ApiError)) throw e;
        return new ApiError(e.reason, `could not update claim ${have.metadata.name} for delete policy ownerRefs: ${e.message}`);
      }
    }
    return undefined;
  }

  /** upstream PodClaimIsStale: with whenScaled Delete, a claim still owned by an earlier pod of this name. */
  claimIsStale(set: KubeObject, pod: KubeObject): boolean {
    if (retentionPolicy(set).whenScaled === 'Retain') return false;
    return claimsFor(set, ordinalOf(pod)).some((c) => {
      const have = this.claims.get(c.metadata.namespace, c.metadata.name!);
      return have !== undefined && hasStaleOwnerRef(have, pod);
    });
  }

  /** upstream UpdateStatefulPod: put the identity labels right (and the claims' references), one update. */
  update(set: KubeObject, pod: KubeObject): ApiError | undefined {
    let dirty = false;
    const copy = { ...pod, metadata: { ...pod.metadata, labels: { ...(pod.metadata.labels ?? {}) } }, spec: { ...pod.spec } } as KubeObject;
    if (!identityMatches(set, copy)) {
      // Only the labels can change on a live pod (hostname and subdomain are immutable).
      const spec = copy.spec;
      withIdentity(set, copy, ordinalOf(copy));
      copy.spec = spec;
      dirty = true;
    }
    if (!this.claimsMatchRetention(set, pod)) {
      const e = this.updateClaimsForRetention(set, pod);
      if (e) { this.podEvent('update', set, pod, e); return e; }
    }
    if (!dirty) return undefined;
    try {
      const live = this.ctx.store.get('Pod', pod.metadata.namespace, pod.metadata.name!);
      if (!live || live.metadata.uid !== pod.metadata.uid) return undefined;
      this.ctx.store.update({ ...live, metadata: { ...live.metadata, labels: copy.metadata.labels } } as KubeObject);
    } catch (e) {
      if (!(e instanceof ApiError)) throw e;
      this.podEvent('update', set, pod, e);
      return e;
    }
    this.podEvent('update', set, pod);
    return undefined;
  }
}
