// Which of a Deployment's ReplicaSets is the new one, which are old, the
// orders the controller walks them in, and the counts it adds up. The new
// ReplicaSet is the oldest one whose template equals the Deployment's,
// ignoring the pod-template-hash label — so a rollback finds and reuses the
// ReplicaSet it had before instead of creating another.
// upstream: pkg/controller/deployment/util/deployment_util.go (FindNewReplicaSet, FindOldReplicaSets,
//           EqualIgnoreHash, FindActiveOrLatest, IsSaturated, Get*ReplicaCountForReplicaSets),
//           pkg/controller/controller_utils.go (ReplicaSetsByCreationTimestamp, ReplicaSetsBySizeOlder/Newer,
//           FilterActiveReplicaSets)
import type { KubeObject } from '../../api/types.js';
import { semanticEqual } from '../../api/admission/workload-common.js';
import { DESIRED_REPLICAS, POD_TEMPLATE_HASH, intAnnotation, revisionOf } from './annotations.js';
import { replicasOf } from './fenceposts.js';

type RS = KubeObject;

/** Older first; equal timestamps by name. */
export function byCreationTimestamp(a: RS, b: RS): number {
  const ta = a.metadata.creationTimestamp ?? '', tb = b.metadata.creationTimestamp ?? '';
  if (ta !== tb) return ta < tb ? -1 : 1;
  const na = a.metadata.name ?? '', nb = b.metadata.name ?? '';
  return na < nb ? -1 : na > nb ? 1 : 0;
}

/** Larger first; equal sizes older first (scaling down). */
export const bySizeOlder = (a: RS, b: RS): number => replicasOf(b) - replicasOf(a) || byCreationTimestamp(a, b);
/** Larger first; equal sizes newer first (scaling up). */
export const bySizeNewer = (a: RS, b: RS): number => replicasOf(b) - replicasOf(a) || byCreationTimestamp(b, a);

/** upstream ReplicaSetsByRevision: lower revision first, then older. */
export function byRevision(a: RS, b: RS): number {
  const ra = revisionOf(a) ?? 0n, rb = revisionOf(b) ?? 0n;
  if (ra !== rb) return ra < rb ? -1 : 1;
  return byCreationTimestamp(a, b);
}

/** A template without the pod-template-hash label. */
export function withoutHash(template: any): any {
  const t = structuredClone(template ?? {});
  if (t.metadata?.labels) delete t.metadata.labels[POD_TEMPLATE_HASH];
  return t;
}

/** upstream EqualIgnoreHash: semantic equality of two pod templates, the hash label aside. */
export function equalIgnoreHash(a: any, b: any): boolean {
  return semanticEqual(withoutHash(a), withoutHash(b));
}

/**
 * upstream FindNewReplicaSet: the oldest ReplicaSet whose template matches. With the catalogue bug
 * `deploy-rollback-new-rs`, only the newest revision is looked at, so a rollback misses its old ReplicaSet.
 */
export function findNewReplicaSet(d: KubeObject, rss: readonly RS[], bugs: { onlyNewest?: boolean } = {}): RS | undefined {
  if (bugs.onlyNewest) {
    const newest = [...rss].sort(byRevision).at(-1);
    return newest && equalIgnoreHash(newest.spec?.template, d.spec?.template) ? newest : undefined;
  }
  return [...rss].sort(byCreationTimestamp).find((rs) => equalIgnoreHash(rs.spec?.template, d.spec?.template));
}

/** upstream FindOldReplicaSets: every ReplicaSet but the new one (all of them, not only those with replicas). */
export function findOldReplicaSets(rss: readonly RS[], newRS: RS | undefined): RS[] {
  return rss.filter((rs) => !newRS || rs.metadata.uid !== newRS.metadata.uid);
}

/** upstream FilterActiveReplicaSets: those with spec.replicas > 0. */
export const filterActive = (rss: readonly (RS | undefined)[]): RS[] => rss.filter((rs): rs is RS => rs !== undefined && replicasOf(rs) > 0);

const sumStatus = (rss: readonly (RS | undefined)[], field: string): number => {
  let n = 0;
  for (const rs of rss) if (rs) n += rs.status?.[field] ?? 0;
  return n;
};
/** Σ status.replicas (GetActualReplicaCountForReplicaSets). */
export const actualReplicas = (rss: readonly (RS | undefined)[]): number => sumStatus(rss, 'replicas');
export const readyReplicas = (rss: readonly (RS | undefined)[]): number => sumStatus(rss, 'readyReplicas');
export const availableReplicas = (rss: readonly (RS | undefined)[]): number => sumStatus(rss, 'availableReplicas');

/**
 * upstream FindActiveOrLatest: the one ReplicaSet with replicas, or — when none has any — the new one,
 * else the newest old one; undefined when several have replicas.
 */
export function findActiveOrLatest(newRS: RS | undefined, oldRSs: readonly RS[]): RS | undefined {
  if (!newRS && oldRSs.length === 0) return undefined;
  const olds = [...oldRSs].sort(byCreationTimestamp).reverse();
  const active = filterActive([...olds, newRS]);
  if (active.length === 0) return newRS ?? olds[0];
  return active.length === 1 ? active[0] : undefined;
}

/** upstream IsSaturated: the new ReplicaSet runs every replica, all available. */
export function isSaturated(d: KubeObject, rs: RS | undefined): boolean {
  if (!rs) return false;
  const desired = intAnnotation(rs, DESIRED_REPLICAS);
  const replicas = replicasOf(d);
  return desired !== undefined && replicasOf(rs) === replicas && desired === replicas && (rs.status?.availableReplicas ?? 0) === replicas;
}
