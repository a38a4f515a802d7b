// revisionHistoryLimit: how many old ReplicaSets a Deployment keeps for
// rollbacks. Past the limit the lowest revisions go first, but only those
// fully scaled down (spec 0, status 0, latest generation observed) and not
// already being deleted: history is never bought with running pods.
// upstream: pkg/controller/deployment/sync.go (cleanupDeployment), util (ReplicaSetsByRevision)
import type { KubeObject } from '../../api/types.js';
import { replicasOf } from './fenceposts.js';
import { byRevision } from './replicasets.js';

/** The old ReplicaSets to delete now, lowest revision first. */
export function historyToDelete(d: KubeObject, oldRSs: readonly KubeObject[]): KubeObject[] {
  const limit = d.spec?.revisionHistoryLimit;
  if (limit === undefined || limit === null) return [];
  const alive = oldRSs.filter((rs) => !rs.metadata.deletionTimestamp);
  const diff = alive.length - limit;
  if (diff <= 0) return [];
  return [...alive].sort(byRevision).slice(0, diff).filter((rs) =>
    (rs.status?.replicas ?? 0) === 0 && replicasOf(rs) === 0 &&
    (rs.metadata.generation ?? 0) <= (rs.status?.observedGeneration ?? 0));
}
