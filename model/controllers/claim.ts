// ControllerRef claiming: which of the candidate objects a controller owns
// after this sync. It keeps what it owns and still selects, releases what it
// owns but no longer selects, adopts orphans it selects, and never touches
// what another controller owns — so overlapping controllers split objects
// first come, first served, and never fight over them.
// upstream: pkg/controller/controller_ref_manager.go (ClaimObject, AdoptPod, ReleasePod)
import type { KubeObject, OwnerReference } from '../api/types.js';

export interface Owner {
  apiVersion: string;
  kind: string;
  name: string;
  uid: string;
  /** The owner itself is being deleted: it adopts nothing and releases nothing. */
  deleting: boolean;
}

export interface ClaimResult {
  /** Objects this owner controls after the sync (kept and adopted). */
  claimed: KubeObject[];
  adopt: KubeObject[];
  release: KubeObject[];
}

/** The Owner an object is, for claiming and for the ControllerRef it gives its dependents. */
export function ownerOf(o: KubeObject): Owner {
  return { apiVersion: o.apiVersion, kind: o.kind, name: o.metadata.name!, uid: o.metadata.uid!, deleting: Boolean(o.metadata.deletionTimestamp) };
}

export function controllerRef(o: KubeObject): OwnerReference | undefined {
  return o.metadata.ownerReferences?.find((r) => r.controller === true);
}

export function ownerRefFor(owner: Owner): OwnerReference {
  return { apiVersion: owner.apiVersion, kind: owner.kind, name: owner.name, uid: owner.uid, controller: true, blockOwnerDeletion: true };
}

export function claim(owner: Owner, matches: (o: KubeObject) => boolean, candidates: readonly KubeObject[], bugs: { adoptOwned?: boolean } = {}): ClaimResult {
  const out: ClaimResult = { claimed: [], adopt: [], release: [] };
  for (const o of candidates) {
    const ref = controllerRef(o);
    if (ref && ref.uid === owner.uid) {
      if (matches(o)) out.claimed.push(o);
      // A deleting owner leaves its objects alone rather than releasing them.
      else if (!owner.deleting) out.release.push(o);
      continue;
    }
    // Owned by someone else: never stolen (unless the catalogue's fighting bug is on).
    if (ref && !bugs.adoptOwned) continue;
    if (owner.deleting || o.metadata.deletionTimestamp || !matches(o)) continue;
    out.adopt.push(o);
    out.claimed.push(o);
  }
  return out;
}
