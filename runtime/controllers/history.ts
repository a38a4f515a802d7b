// The ControllerRevision calls StatefulSet and DaemonSet controllers share:
// create a revision (on a name collision with different data, bump the
// collision count and try the next name; equal data is the same revision),
// renumber one (a rollback to an earlier template), delete one.
// upstream: pkg/controller/history/controller_history.go (realHistory.CreateControllerRevision,
// UpdateControllerRevision, DeleteControllerRevision)
import type { KubeObject } from '../../model/api/types.js';
import { ApiError } from '../../model/api/errors.js';
import { canonicalJson } from '../../model/controllers/deployment/hash.js';
import { newRevision } from '../../model/controllers/history.js';
import type { RuntimeContext } from '../context.js';

/** A limit on everything: names tried before giving up on a collision streak. */
const MAX_COLLISIONS = 1000;

/**
 * Create the revision of `template` numbered `revision`; returns it (or the
 * equal one that holds its name) and the collision count it ended with.
 */
export function createRevision(ctx: RuntimeContext, owner: KubeObject, template: unknown, revision: number, collisionCount: number): { revision: KubeObject; collisionCount: number } {
  let count = collisionCount;
  for (let i = 0; i < MAX_COLLISIONS; i++) {
    const cr = newRevision(owner, template, revision, count);
    try {
      return { revision: ctx.store.create(cr), collisionCount: count };
    } catch (e) {
      if (!(e instanceof ApiError) || e.reason !== 'AlreadyExists') throw e;
      const exists = ctx.store.get('ControllerRevision', cr.metadata.namespace, cr.metadata.name!);
      if (!exists) throw e;
      if (canonicalJson(exists.data) === canonicalJson(cr.data)) return { revision: exists, collisionCount: count };
      count++;
    }
  }
  throw new ApiError('InternalError', `too many ControllerRevision name collisions for ${owner.metadata.name}`);
}

/** upstream UpdateControllerRevision: give an existing revision a new number (a rollback). */
export function renumberRevision(ctx: RuntimeContext, revision: KubeObject, number: number): KubeObject {
  if (Number(revision.revision) === number) return revision;
  const live = ctx.store.get('ControllerRevision', revision.metadata.namespace, revision.metadata.name!) ?? revision;
  return ctx.store.update({ ...live, revision: number } as KubeObject);
}

/** Delete a revision; one already gone is not an error. */
export function deleteRevision(ctx: RuntimeContext, revision: KubeObject, actor: string): void {
  try {
    ctx.store.delete('ControllerRevision', revision.metadata.namespace, revision.metadata.name!, { uid: revision.metadata.uid, actor });
  } catch (e) {
    if (!(e instanceof ApiError) || (e.reason !== 'NotFound' && e.reason !== 'Conflict')) throw e;
  }
}
