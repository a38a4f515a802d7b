// The API calls the ReplicaSet controller makes, as upstream's
// RealPodControl and PodControllerRefManager make them: create a pod from
// the template, delete one, adopt an orphan, release a pod, write status.
// Each mirrors the request upstream sends, so it fails where upstream's
// would: an adoption is a patch the API server applies to the *live* pod
// (a stale cache cannot overwrite another controller's ref — the API
// rejects a second controller reference), carrying the pod's uid as a
// precondition; a release that finds nothing to release is ignored.
// upstream: pkg/controller/controller_utils.go (RealPodControl.CreatePodsWithControllerRef, DeletePod,
// PatchPod; SuccessfulCreate/FailedCreate/SuccessfulDelete/FailedDelete events);
// pkg/controller/controller_ref_manager.go (AdoptPod, ReleasePod, RecheckDeletionTimestamp)
import type { KubeObject, OwnerReference } from '../../model/api/types.js';
import { ApiError, conflict, notFound } from '../../model/api/errors.js';
import { ownerRefFor } from '../../model/controllers/claim.js';
import { ownerOf, podFromTemplate, statusUnchanged, type ReplicaStatus } from '../../model/controllers/replicaset/manage.js';
import type { RuntimeContext } from '../context.js';

export class PodControl {
  constructor(private readonly ctx: RuntimeContext, private readonly component: string, private readonly actor: string) {}

  /** Create one pod from the owner's template; records SuccessfulCreate or FailedCreate. Returns the error, if any. */
  create(owner: KubeObject): ApiError | undefined {
    try {
      const pod = this.ctx.store.create(podFromTemplate(owner, ownerRefFor(ownerOf(owner))));
      this.ctx.recorder.record(owner, 'Normal', 'SuccessfulCreate', `Created pod: ${pod.metadata.name}`, this.component);
      return undefined;
    } catch (e) {
      if (!(e instanceof ApiError)) throw e;
      this.ctx.recorder.record(owner, 'Warning', 'FailedCreate', `Error creating: ${e.message}`, this.component);
      return e;
    }
  }

  /**
   * Delete one pod (with its uid as precondition, so a new pod that took the
   * name is never hit). `gone` when it was already gone: not an error upstream.
   */
  delete(owner: KubeObject, pod: KubeObject): 'deleted' | 'gone' | ApiError {
    try {
      this.ctx.store.delete('Pod', pod.metadata.namespace, pod.metadata.name!, { uid: pod.metadata.uid, actor: this.actor });
    } catch (e) {
      if (!(e instanceof ApiError)) throw e;
      if (e.reason === 'NotFound' || (e.reason === 'Conflict' && e.message.includes('Precondition failed'))) return 'gone';
      this.ctx.recorder.record(owner, 'Warning', 'FailedDelete', `Error deleting: ${e.message}`, this.component);
      return e;
    }
    this.ctx.recorder.record(owner, 'Normal', 'SuccessfulDelete', `Deleted pod: ${pod.metadata.name}`, this.component);
    return 'deleted';
  }

  /**
   * upstream RecheckDeletionTimestamp: before the first adoption of a sync, an
   * uncached GET confirms the owner still exists with the same uid and is not
   * being deleted. Throws (a retryable ApiError) when it may not adopt.
   */
  recheckOwner(owner: KubeObject): void {
    const live = this.ctx.store.get(owner.kind, owner.metadata.namespace, owner.metadata.name!);
    const k = this.ctx.store.registry.byName(owner.kind)!;
    if (!live) throw notFound(k.resource, k.group, owner.metadata.name!);
    if (live.metadata.uid !== owner.metadata.uid) {
      throw new ApiError('Conflict', `original ${owner.kind} ${owner.metadata.namespace}/${owner.metadata.name} is gone: got uid ${live.metadata.uid}, wanted ${owner.metadata.uid}`);
    }
    if (live.metadata.deletionTimestamp) {
      throw new ApiError('Conflict', `${owner.metadata.namespace}/${owner.metadata.name} has just been deleted at ${live.metadata.deletionTimestamp}`);
    }
  }

  /**
   * upstream AdoptPod: a strategic-merge patch adding the ControllerRef to the
   * live pod, with the pod's uid as precondition. `steal` is the catalogue's
   * fighting bug: it drops whatever controller reference the pod had.
   * Returns false when the pod is gone (ignored upstream); throws otherwise.
   */
  adopt(owner: KubeObject, pod: KubeObject, steal = false): boolean {
    const live = this.ctx.store.get('Pod', pod.metadata.namespace, pod.metadata.name!);
    if (!live) return false;
    if (live.metadata.uid !== pod.metadata.uid) {
      throw conflict('pods', '', pod.metadata.name!, `Precondition failed: UID in precondition: ${pod.metadata.uid}, UID in object meta: ${live.metadata.uid}`);
    }
    const mine = ownerRefFor(ownerOf(owner));
    const refs: OwnerReference[] = (live.metadata.ownerReferences ?? []).filter((r) => r.uid !== mine.uid && !(steal && r.controller));
    refs.push(mine);
    // Admission rejects a second controller reference: a stale view cannot take a pod someone else adopted.
    this.ctx.store.update({ ...live, metadata: { ...live.metadata, ownerReferences: refs } } as KubeObject);
    return true;
  }

  /** upstream ReleasePod: remove this owner's reference; a pod gone, replaced or already released is ignored. */
  release(owner: KubeObject, pod: KubeObject): void {
    const live = this.ctx.store.get('Pod', pod.metadata.namespace, pod.metadata.name!);
    if (!live || live.metadata.uid !== pod.metadata.uid) return;
    const refs = live.metadata.ownerReferences ?? [];
    if (!refs.some((r) => r.uid === owner.metadata.uid)) return;
    const metadata = { ...live.metadata, ownerReferences: refs.filter((r) => r.uid !== owner.metadata.uid) };
    if (metadata.ownerReferences.length === 0) delete (metadata as { ownerReferences?: unknown }).ownerReferences;
    this.ctx.store.update({ ...live, metadata } as KubeObject);
  }

  /**
   * upstream updateReplicaSetStatus: nothing when unchanged; otherwise
   * UpdateStatus from the cached object, and on a conflict one retry from a
   * fresh GET. Returns the object as written (or the cached one).
   */
  writeStatus(owner: KubeObject, status: ReplicaStatus): KubeObject {
    if (owner.metadata.generation === owner.status?.observedGeneration && statusUnchanged(owner.status, status)) return owner;
    const write = (o: KubeObject) => this.ctx.store.update({ ...o, status } as KubeObject, { subresource: 'status' });
    try {
      return write(owner);
    } catch (e) {
      if (!(e instanceof ApiError) || e.reason !== 'Conflict') throw e;
      const live = this.ctx.store.get(owner.kind, owner.metadata.namespace, owner.metadata.name!);
      if (!live || live.metadata.uid !== owner.metadata.uid) throw e;
      return write(live);
    }
  }
}
