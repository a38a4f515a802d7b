// `kubectl rollout undo` for a Deployment (StatefulSets and DaemonSets: rollout-undo-history.ts): client-side since apps/v1. kubectl
// finds the ReplicaSet of the revision asked for (or the one before the
// current), copies its pod template — without the pod-template-hash label —
// into the Deployment, and sets the Deployment's annotations to that
// ReplicaSet's (keeping the Deployment's own revision bookkeeping). The
// controller then finds that ReplicaSet again as the new one and gives it
// the next revision number.
// upstream: staging/src/k8s.io/kubectl/pkg/polymorphichelpers/rollback.go (DeploymentRollbacker.Rollback,
//           deploymentRevision, getDeploymentPatch, annotationsToSkip)
import type { KubeObject } from '../../../model/api/types.js';
import { ApiError } from '../../../model/api/errors.js';
import { controllerRef } from '../../../model/controllers/claim.js';
import { POD_TEMPLATE_HASH, SKIP_COPY, equalIgnoreHash, revisionOf } from '../../../model/controllers/deployment/index.js';
import { selectorFromLabelSelector } from '../../../model/labels/index.js';
import type { ApiStore } from '../../store.js';
import type { Verb } from './types.js';
import { ns, target, targetExists } from './common.js';
import { historyUndo } from './rollout-undo-history.js';

/** What kubectl prints on success: `deployment.apps/web rolled back`, or that it skipped. */
export interface UndoResult { message: string; skipped: boolean; revision: bigint }

const badRequest = (m: string) => new ApiError('BadRequest', m);

/** upstream deploymentutil.GetAllReplicaSets as kubectl uses it: ReplicaSets this Deployment controls and selects. */
function ownedReplicaSets(store: ApiStore, d: KubeObject): KubeObject[] {
  const sel = selectorFromLabelSelector(d.spec?.selector);
  return store.list('ReplicaSet', { namespace: d.metadata.namespace, labelSelector: sel })
    .filter((rs) => controllerRef(rs)?.uid === d.metadata.uid);
}

/** upstream deploymentRevision: the ReplicaSet for `toRevision`, or (0) the one before the latest. */
export function replicaSetForRevision(store: ApiStore, d: KubeObject, toRevision: bigint): KubeObject {
  let latest: KubeObject | undefined, latestRev = -1n, previous: KubeObject | undefined, previousRev = -1n;
  for (const rs of ownedReplicaSets(store, d)) {
    const v = revisionOf(rs);
    if (v === undefined) continue;
    if (toRevision === 0n) {
      if (latestRev < v) { previousRev = latestRev; previous = latest; latestRev = v; latest = rs; }
      else if (previousRev < v) { previousRev = v; previous = rs; }
    } else if (toRevision === v) return rs;
  }
  if (toRevision > 0n) throw badRequest(`unable to find specified revision ${toRevision} in history`);
  if (!previous) throw badRequest(`no rollout history found for deployment "${d.metadata.name}"`);
  return previous;
}

/** Write the object with the revision's template back; an API error in kubectl's words ("failed restoring revision N"). */
export function restoreRevision(store: ApiStore, next: KubeObject, toRevision: number): void {
  delete next.metadata.resourceVersion;
  try {
    store.update(next);
  } catch (e) {
    if (e instanceof ApiError) throw new ApiError(e.reason, `failed restoring revision ${toRevision}: ${e.message}`, e.causes);
    throw e;
  }
}

/** kubectl rollout undo deployment/NAME [--to-revision=N]. Errors are kubectl's words, as ApiErrors (exit 2). */
export function rolloutUndo(store: ApiStore, namespace: string, name: string, toRevision = 0): UndoResult {
  if (toRevision < 0) throw badRequest(`unable to find specified revision ${toRevision} in history`);
  const d = store.mustGet('Deployment', namespace, name);
  const rs = replicaSetForRevision(store, d, BigInt(toRevision));
  const revision = revisionOf(rs) ?? 0n;
  if (d.spec?.paused) throw badRequest("you cannot rollback a paused deployment; resume it first with 'kubectl rollout resume' and try again");
  if (equalIgnoreHash(rs.spec?.template, d.spec?.template)) {
    return { message: `deployment.apps/${name} skipped rollback (current template already matches revision ${toRevision})`, skipped: true, revision };
  }
  const template = structuredClone(rs.spec.template);
  if (template.metadata?.labels) delete template.metadata.labels[POD_TEMPLATE_HASH];
  const annotations: Record<string, string> = {};
  for (const [k, v] of Object.entries(d.metadata.annotations ?? {})) if (SKIP_COPY.has(k)) annotations[k] = v;
  for (const [k, v] of Object.entries(rs.metadata.annotations ?? {})) if (!SKIP_COPY.has(k)) annotations[k] = v;
  // The JSON patch replaces /spec/template and /metadata/annotations; nothing else changes.
  const next = structuredClone(d);
  next.spec.template = template;
  next.metadata.annotations = annotations;
  restoreRevision(store, next, toRevision);
  return { message: `deployment.apps/${name} rolled back`, skipped: false, revision };
}

export const rolloutUndoVerb: Verb = {
  name: 'rollout-undo',
  value: 'target',
  options: { namespace: 'string', toRevision: 'nonNegInt' },
  execute(cluster, step) {
    const t = target(step, cluster);
    const toRevision = (step.options.toRevision as number | undefined) ?? 0;
    if (t.kind.kind === 'StatefulSet' || t.kind.kind === 'DaemonSet') {
      historyUndo(cluster.store, t.kind.kind, ns(step), t.name, toRevision);
      return undefined;
    }
    // upstream: kubectl's RollbackerFor words for a kind with no rollbacker
    if (t.kind.kind !== 'Deployment') throw new ApiError('BadRequest', `no rollbacker has been implemented for "${t.kind.kind}"`);
    rolloutUndo(cluster.store, ns(step), t.name, toRevision);
    return undefined;
  },
  applicable: (cluster, step) => targetExists(cluster, step),
};
