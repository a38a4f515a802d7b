// ControllerRevisions: the history StatefulSets and DaemonSets keep of their
// pod templates. A revision's data is the patch that would put its template
// back (`{"spec":{"template":{...,"$patch":"replace"}}}`); its name is
// `<owner>-<hash>`, the hash FNV-1 (32 bits) over that data's JSON, then the
// collision count in decimal, rendered through SafeEncodeString. Equal data
// means an equal revision: a template reverted to an earlier one re-uses that
// revision (bumping its number) instead of making a new one — that is how
// `rollout undo` works for these kinds.
// upstream: pkg/controller/history/controller_history.go (ControllerRevisionName, NewControllerRevision,
// HashControllerRevision, EqualRevision, FindEqualRevisions, SortControllerRevisions, NextRevision),
// pkg/controller/statefulset/stateful_set_utils.go (getPatch), pkg/controller/daemon/update.go (getPatch)
import type { KubeObject, OwnerReference } from '../api/types.js';
import { canonicalJson, safeEncodeString } from './deployment/hash.js';

/** The label on a revision that holds its hash (upstream ControllerRevisionHashLabel). */
export const REVISION_HASH_LABEL = 'controller.kubernetes.io/hash';
/** The label on a pod naming its revision (apps.ControllerRevisionHashLabelKey). */
export const POD_REVISION_LABEL = 'controller-revision-hash';
/** Revisions kept beyond the live ones, unless spec.revisionHistoryLimit says (apps/v1 default). */
export const DEFAULT_REVISION_HISTORY_LIMIT = 10;

const FNV32_OFFSET = 0x811c9dc5;
const FNV32_PRIME = 0x01000193;
const encoder = new TextEncoder();

/** FNV-1 (multiply, then xor), 32 bits: Go's hash/fnv New32, which HashControllerRevision uses. */
function fnv32(bytes: Uint8Array, seed = FNV32_OFFSET): number {
  let h = seed >>> 0;
  for (let i = 0; i < bytes.length; i++) h = (Math.imul(h, FNV32_PRIME) ^ bytes[i]!) >>> 0;
  return h >>> 0;
}

/** The revision data of an owner's template: the strategic-merge patch that restores it. */
export function revisionData(template: unknown): { spec: { template: Record<string, unknown> } } {
  return { spec: { template: { ...(template as Record<string, unknown> ?? {}), $patch: 'replace' } } };
}

/** The template a revision's data restores. */
export function templateOf(revision: KubeObject): Record<string, unknown> {
  const t = { ...((revision.data as any)?.spec?.template ?? {}) };
  delete t.$patch;
  return t;
}

/** upstream HashControllerRevision: over the data's bytes, then the probe (collision count) in decimal. */
export function hashRevision(data: unknown, collisionCount?: number): string {
  let h = fnv32(encoder.encode(canonicalJson(data)));
  if (collisionCount !== undefined && collisionCount !== null) h = fnv32(encoder.encode(String(collisionCount)), h);
  return safeEncodeString(String(h));
}

/** upstream ControllerRevisionName: the owner's name (cut to 223 characters), a dash, the hash. */
export function revisionName(prefix: string, hash: string): string {
  return `${prefix.length > 223 ? prefix.slice(0, 223) : prefix}-${hash}`;
}

/** upstream NewControllerRevision: labelled as the template, owned by the owner, named by its hash. */
export function newRevision(owner: KubeObject, template: any, revision: number, collisionCount?: number): KubeObject {
  const data = revisionData(template);
  const hash = hashRevision(data, collisionCount);
  const ref: OwnerReference = {
    apiVersion: owner.apiVersion, kind: owner.kind, name: owner.metadata.name!, uid: owner.metadata.uid!,
    controller: true, blockOwnerDeletion: true,
  };
  return {
    apiVersion: 'apps/v1', kind: 'ControllerRevision',
    metadata: {
      name: revisionName(owner.metadata.name!, hash), namespace: owner.metadata.namespace,
      labels: { ...(template?.metadata?.labels ?? {}), [REVISION_HASH_LABEL]: hash }, ownerReferences: [ref],
    },
    data, revision,
  } as KubeObject;
}

/** upstream EqualRevision: the same data (and the same hash label, when both have one). */
export function equalRevision(a: KubeObject | undefined, b: KubeObject | undefined): boolean {
  if (!a || !b) return a === b;
  const ha = a.metadata.labels?.[REVISION_HASH_LABEL], hb = b.metadata.labels?.[REVISION_HASH_LABEL];
  if (ha !== undefined && hb !== undefined && ha !== hb) return false;
  return canonicalJson(a.data) === canonicalJson(b.data);
}

/** upstream FindEqualRevisions. */
export function findEqualRevisions(revisions: readonly KubeObject[], needle: KubeObject): KubeObject[] {
  return revisions.filter((r) => equalRevision(r, needle));
}

/** upstream SortControllerRevisions: by revision number, then creation time, then name. */
export function sortRevisions(revisions: readonly KubeObject[]): KubeObject[] {
  return [...revisions].sort((a, b) =>
    (Number(a.revision ?? 0) - Number(b.revision ?? 0)) ||
    String(a.metadata.creationTimestamp ?? '').localeCompare(String(b.metadata.creationTimestamp ?? '')) ||
    a.metadata.name!.localeCompare(b.metadata.name!));
}

/** upstream NextRevision: one more than the highest (1 for none). Expects sorted revisions. */
export function nextRevision(sorted: readonly KubeObject[]): number {
  return sorted.length === 0 ? 1 : Number(sorted[sorted.length - 1]!.revision ?? 0) + 1;
}

/**
 * The revisions to delete to keep `limit` non-live ones, oldest first
 * (upstream truncateHistory for both kinds). `live` holds the names of
 * revisions some pod or the status still uses.
 */
export function revisionsToTrim(sorted: readonly KubeObject[], live: ReadonlySet<string>, limit: number): KubeObject[] {
  const history = sorted.filter((r) => !live.has(r.metadata.name!));
  return history.slice(0, Math.max(0, history.length - limit));
}
