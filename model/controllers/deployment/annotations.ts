// The annotations a Deployment writes on its ReplicaSets, and the revision
// numbers they carry. A revision is a decimal integer (the e2e test adopts
// an RS at revision 3546343826724305832, past 2^53, so they are BigInts
// here). A ReplicaSet that becomes the new one again — a rollback — gets
// the next revision and keeps its old numbers in revision-history, so
// `kubectl rollout history` still finds them.
// upstream: pkg/controller/deployment/util/deployment_util.go (RevisionAnnotation, SetNewReplicaSetAnnotations,
//           copyDeploymentAnnotationsToReplicaSet, SetReplicasAnnotations, ReplicasAnnotationsNeedUpdate, MaxRevision)
import type { KubeObject } from '../../api/types.js';

export const REVISION = 'deployment.kubernetes.io/revision';
export const REVISION_HISTORY = 'deployment.kubernetes.io/revision-history';
export const DESIRED_REPLICAS = 'deployment.kubernetes.io/desired-replicas';
export const MAX_REPLICAS = 'deployment.kubernetes.io/max-replicas';
export const ROLLBACK_TO = 'deprecated.deployment.rollback.to';
export const LAST_APPLIED = 'kubectl.kubernetes.io/last-applied-configuration';
export const POD_TEMPLATE_HASH = 'pod-template-hash';
/** upstream maxRevHistoryLengthInChars (sync.go). */
export const MAX_REV_HISTORY_CHARS = 2000;

/** Annotations the controller never copies from a Deployment to its ReplicaSets (kubectl skips the same on undo). */
export const SKIP_COPY: ReadonlySet<string> = new Set([LAST_APPLIED, REVISION, REVISION_HISTORY, DESIRED_REPLICAS, MAX_REPLICAS, ROLLBACK_TO]);

const DECIMAL = /^[+-]?\d+$/;

/** The revision of a ReplicaSet (or Deployment); undefined when absent or not a number. Absent counts as 0 upstream. */
export function revisionOf(o: KubeObject): bigint | undefined {
  const v = o.metadata.annotations?.[REVISION];
  if (v === undefined) return 0n;
  return DECIMAL.test(v) ? BigInt(v) : undefined;
}

/** upstream MaxRevision: the largest parseable revision, 0 when there is none. */
export function maxRevision(rss: readonly KubeObject[]): bigint {
  let max = 0n;
  for (const rs of rss) { const v = revisionOf(rs); if (v !== undefined && v > max) max = v; }
  return max;
}

/** upstream copyDeploymentAnnotationsToReplicaSet: every Deployment annotation but the skipped ones. */
function copyDeploymentAnnotations(d: KubeObject, ann: Record<string, string>): boolean {
  let changed = false;
  for (const [k, v] of Object.entries(d.metadata.annotations ?? {})) {
    if (SKIP_COPY.has(k) || ann[k] === v) continue;
    ann[k] = v;
    changed = true;
  }
  return changed;
}

/** upstream SetReplicasAnnotations: desired-replicas and max-replicas; true when they changed. */
export function setReplicasAnnotations(ann: Record<string, string>, desired: number, max: number): boolean {
  let changed = false;
  if (ann[DESIRED_REPLICAS] !== String(desired)) { ann[DESIRED_REPLICAS] = String(desired); changed = true; }
  if (ann[MAX_REPLICAS] !== String(max)) { ann[MAX_REPLICAS] = String(max); changed = true; }
  return changed;
}

export function replicasAnnotationsNeedUpdate(rs: KubeObject, desired: number, max: number): boolean {
  const ann = rs.metadata.annotations ?? {};
  return ann[DESIRED_REPLICAS] !== String(desired) || ann[MAX_REPLICAS] !== String(max);
}

/**
 * upstream SetNewReplicaSetAnnotations, on a copy's annotation map: copy the Deployment's annotations,
 * raise the revision to `newRevision` if it is lower (moving the old number into revision-history,
 * capped at 2000 characters), and for a ReplicaSet about to be created, the replicas annotations.
 */
export function setNewReplicaSetAnnotations(
  d: KubeObject, ann: Record<string, string>, newRevision: bigint, exists: boolean, maxSurge: number,
): boolean {
  let changed = copyDeploymentAnnotations(d, ann);
  const had = Object.hasOwn(ann, REVISION);
  const oldText = ann[REVISION] ?? '';
  let old: bigint;
  if (oldText === '') old = 0n;
  else if (DECIMAL.test(oldText)) old = BigInt(oldText);
  else return false; // upstream: an unparseable revision leaves the annotations alone
  if (old < newRevision) {
    ann[REVISION] = newRevision.toString();
    changed = true;
    if (had) {
      const history = ann[REVISION_HISTORY] ?? '';
      const olds = history.split(',');
      if (olds[0]!.length === 0) ann[REVISION_HISTORY] = oldText;
      else {
        let total = history.length + oldText.length + 1;
        let start = 0;
        while (total > MAX_REV_HISTORY_CHARS && start < olds.length) { total -= olds[start]!.length + 1; start++; }
        if (total <= MAX_REV_HISTORY_CHARS) ann[REVISION_HISTORY] = [...olds.slice(start), oldText].join(',');
      }
    }
  }
  const replicas = d.spec?.replicas ?? 0;
  if (!exists && setReplicasAnnotations(ann, replicas, replicas + maxSurge)) changed = true;
  return changed;
}

/** upstream SetDeploymentRevision: the Deployment carries its new ReplicaSet's revision. True when it changed. */
export function setDeploymentRevision(ann: Record<string, string>, revision: string): boolean {
  if (ann[REVISION] === revision) return false;
  ann[REVISION] = revision;
  return true;
}

/** A desired-replicas or max-replicas annotation as a number (undefined when absent or malformed). */
export function intAnnotation(rs: KubeObject, key: string): number | undefined {
  const v = rs.metadata.annotations?.[key];
  return v !== undefined && /^-?\d+$/.test(v) ? Number(v) : undefined;
}
