// A Deployment never creates a ReplicaSet for a pod template one of its live
// ReplicaSets already has (the pod-template-hash label aside). This is what
// makes `kubectl rollout undo` cheap and its history readable: rolling back
// re-uses the old ReplicaSet — its pods, its name — and gives it the next
// revision number, moving the old one to revision-history.
//
// Upstream guarantee: FindNewReplicaSet compares every ReplicaSet's template
// with EqualIgnoreHash before anything is created, and a create that hits
// AlreadyExists with an equal template adopts the existing one rather than
// bumping collisionCount (sync.go getNewReplicaSet). A stale cache cannot
// defeat it: the name is derived from the template, so a second create of
// the same template fails. Templates are compared by the harness's own
// semantic equality (properties/oracles/template.ts), not the controller's.
// Catches `deploy-rollback-new-rs` (a rollback that creates a fresh ReplicaSet).
// upstream: pkg/controller/deployment/sync.go (getNewReplicaSet), util/deployment_util.go (EqualIgnoreHash)
import type { Invariant } from '../../invariants/types.js';
import { sameTemplateIgnoringHash } from '../../oracles/template.js';
import { deploymentRef, ownedReplicaSets, rsLine } from './owned.js';

export const rollbackReusesRS: Invariant = {
  name: 'rollback-reuses-rs',
  description: 'a Deployment never creates a ReplicaSet whose pod template equals one of its live ReplicaSets\' (so a rollback re-uses the old one)',
  guards: 'sync.go getNewReplicaSet: FindNewReplicaSet by EqualIgnoreHash; AlreadyExists with an equal template is the new ReplicaSet, not a collision',
  create(cluster) {
    const found: string[] = [];
    cluster.store.onChange((type, rs) => {
      if (type !== 'ADDED' || rs.kind !== 'ReplicaSet' || found.length > 0) return;
      const ref = deploymentRef(rs);
      const d = ref ? cluster.store.getByUid(ref.uid) : undefined;
      if (!d) return;
      const twin = ownedReplicaSets(cluster.store, d).find((o) =>
        o.metadata.uid !== rs.metadata.uid && !o.metadata.deletionTimestamp && sameTemplateIgnoringHash(o.spec?.template, rs.spec?.template));
      if (twin) {
        found.push(`deployment ${d.metadata.namespace}/${d.metadata.name} created ReplicaSet ${rs.metadata.name} with the pod template of its ReplicaSet ${rsLine(twin)}` +
          (d.status?.collisionCount ? ` (collisionCount ${d.status.collisionCount})` : ''));
      }
    });
    return { name: 'rollback-reuses-rs', check: () => found[0] };
  },
};
