// The API calls a controller that makes pods makes, as upstream's
// RealPodControl and PodControllerRefManager make them: create a pod from
// the template, delete one, adopt an orphan, release a pod (refmanager.ts),
// write the owner's status. Each mirrors the request upstream sends, so it
// fails where upstream's would.
// upstream: pkg/controller/controller_utils.go (RealPodControl.CreatePodsWithControllerRef, DeletePod,
// PatchPod; SuccessfulCreate/FailedCreate/SuccessfulDelete/FailedDelete events);
// pkg/controller/controller_ref_manager.go (AdoptPod, ReleasePod, RecheckDeletionTimestamp)
import type { KubeObject } from '../../model/api/types.js';
import { ApiError } from '../../model/api/errors.js';
import { ownerOf, ownerRefFor } from '../../model/controllers/claim.js';
import { podFromTemplate } from '../../model/controllers/pod-template.js';
import { statusUnchanged, type ReplicaStatus } from '../../model/controllers/replicaset/manage.js';
import type { RuntimeContext } from '../context.js';
import { adopt, recheckOwner, release } from './refmanager.js';

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

  /** upstream RecheckDeletionTimestamp (refmanager.ts). */
  recheckOwner(owner: KubeObject): void { recheckOwner(this.ctx, owner); }

  /** upstream AdoptPod (refmanager.ts); `steal` is the catalogue's fighting bug. False when the pod is gone. */
  adopt(owner: KubeObject, pod: KubeObject, steal = false): boolean { return adopt(this.ctx, owner, pod, steal); }

  /** upstream ReleasePod (refmanager.ts). */
  release(owner: KubeObject, pod: KubeObject): void { release(this.ctx, owner, pod); }

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
