// The scheduler's volume plugins: VolumeRestrictions (ReadWriteOncePod) and
// VolumeBinding, as PreFilter (once per pod) and Filter (once per node).
//
// PreFilter sorts the pod's claims: fully bound ones, whose volume's node
// affinity each node must satisfy; unbound claims of a WaitForFirstConsumer
// class, which the scheduler itself binds (a matching volume that the node
// can reach) or has provisioned (the class's provisioner, its allowed
// topologies); and unbound claims that bind Immediately, which stop the pod:
// the PV binder, not the scheduler, must bind those first. A claim that does
// not exist or is being deleted stops the pod too (UnschedulableAndUnresolvable:
// preemption cannot help). A ReadWriteOncePod claim already used by a pod on
// any node makes every node fail (Unschedulable: evicting that pod would help).
//
// What Filter chose for the winning node is the pod's PodVolumes: the
// scheduler pre-binds those volumes and writes the selected-node annotation
// on the claims to provision, then waits for the binder to finish before it
// binds the pod (see the runtime scheduler's PreBind).
//
// PreFilter also narrows the nodes to those a bound volume pins by hostname
// (a local volume): the others are reported as "didn't satisfy plugin(s)
// [VolumeBinding]", as upstream's PreFilterResult makes them.
// Not modelled: CSIStorageCapacity, VolumeZone, node volume limits, in-tree
// disk conflicts, generic ephemeral volumes.
// upstream: pkg/scheduler/framework/plugins/volumebinding/volume_binding.go (PreFilter, Filter),
//           binder.go (GetPodVolumes, FindPodVolumes, checkBoundClaims, findMatchingVolumes,
//           checkVolumeProvisions, isPVCFullyBound), volumerestrictions/volume_restrictions.go,
//           component-helpers storage/volume (IsDelayBindingMode, CheckNodeAffinity)
import type { KubeObject, Labels } from '../../api/types.js';
import { ANN_BIND_COMPLETED, ANN_SELECTED_NODE, NOT_SUPPORTED_PROVISIONER } from '../persistentvolume/events.js';
import { findMatchingVolume } from '../persistentvolume/binding.js';
import { claimClass, isDelayBindingMode, nodeAffinityAllows } from '../persistentvolume/helpers.js';
import { compareQuantities } from '../persistentvolume/quantity.js';

export interface ClaimLookup {
  claim(namespace: string, name: string): KubeObject | undefined;
  storageClass(name: string): KubeObject | undefined;
  /** A PersistentVolume by name; absent: bound claims' volumes are not checked. */
  volume?(name: string): KubeObject | undefined;
  /** Every PersistentVolume the scheduler knows, for WaitForFirstConsumer claims. */
  volumes?(): readonly KubeObject[];
  /** Is the claim (namespace/name) used by a pod counted on some node (upstream IsPVCUsedByPods)? */
  claimInUse?(key: string): boolean;
}

export const REASON_UNBOUND_IMMEDIATE = 'pod has unbound immediate PersistentVolumeClaims';
export const REASON_VOLUME_NODE_CONFLICT = 'node(s) had volume node affinity conflict';
export const REASON_VOLUME_BIND_CONFLICT = "node(s) didn't find available persistent volumes to bind";
export const REASON_PV_NOT_EXIST = 'node(s) unavailable due to one or more pvc(s) bound to non-existent pv(s)';
export const REASON_RWOP_CONFLICT = 'node has pod using PersistentVolumeClaim with the same name and ReadWriteOncePod access mode';

/** Filter's failures as bits (several can hold at once, in upstream's reason order). */
export const VOLUME_NODE_CONFLICT = 1;
export const VOLUME_BIND_CONFLICT = 2;
export const VOLUME_PV_NOT_EXIST = 4;

/** The reasons of a set of VolumeBinding bits, in upstream's order. */
export function volumeReasons(bits: number): string[] {
  const out: string[] = [];
  if (bits & VOLUME_NODE_CONFLICT) out.push(REASON_VOLUME_NODE_CONFLICT);
  if (bits & VOLUME_BIND_CONFLICT) out.push(REASON_VOLUME_BIND_CONFLICT);
  if (bits & VOLUME_PV_NOT_EXIST) out.push(REASON_PV_NOT_EXIST);
  return out;
}

/** What PreFilter learnt about a pod's claims, for Filter to use on every node. */
export interface PodClaims {
  /** Fully bound claims: their volumes' node affinity must allow the node. */
  readonly bound: readonly KubeObject[];
  /** Unbound WaitForFirstConsumer claims, smallest request first. */
  readonly toBind: readonly KubeObject[];
  /** A ReadWriteOncePod claim of the pod is in use by another pod. */
  readonly rwopConflict: boolean;
}

export type VolumePreFilter = { readonly reject: string } | { readonly claims: PodClaims };

/** upstream isPVCFullyBound: the binder has finished (volumeName and the bind-completed annotation). */
export const isClaimFullyBound = (claim: KubeObject): boolean =>
  !!claim.spec?.volumeName && Object.hasOwn(claim.metadata.annotations ?? {}, ANN_BIND_COMPLETED);

/** PreFilter of VolumeRestrictions and VolumeBinding: a rejection, or the pod's claims sorted. */
export function volumePreFilter(pod: KubeObject, look: ClaimLookup): VolumePreFilter {
  const ns = pod.metadata.namespace ?? 'default';
  const bound: KubeObject[] = [];
  const toBind: KubeObject[] = [];
  let unboundImmediate = false;
  let rwopConflict = false;
  for (const v of pod.spec?.volumes ?? []) {
    const name = v?.persistentVolumeClaim?.claimName;
    if (typeof name !== 'string' || name === '') continue;
    const claim = look.claim(ns, name);
    if (!claim) return { reject: `persistentvolumeclaim ${JSON.stringify(name)} not found` };
    if ((claim.spec?.accessModes ?? []).includes('ReadWriteOncePod') && look.claimInUse?.(`${ns}/${name}`)) rwopConflict = true;
    if (claim.metadata.deletionTimestamp) return { reject: `persistentvolumeclaim ${JSON.stringify(name)} is being deleted` };
    if (isClaimFullyBound(claim)) { bound.push(claim); continue; }
    // A claim that names its volume is the PV binder's to bind, whatever its class (upstream GetPodVolumes).
    if (!claim.spec?.volumeName && isDelayBindingMode(claim, look.storageClass(claimClass(claim)))) toBind.push(claim);
    else unboundImmediate = true;
  }
  if (unboundImmediate) return { reject: REASON_UNBOUND_IMMEDIATE };
  toBind.sort((a, b) => compareQuantities(a.spec?.resources?.requests?.storage, b.spec?.resources?.requests?.storage));
  return { claims: { bound, toBind, rwopConflict } };
}

const LABEL_HOSTNAME = 'kubernetes.io/hostname';

/** upstream GetLocalPersistentVolumeNodeNames: the hostnames the volume's required terms pin (In), the union over terms. */
export function volumeNodeNames(pv: KubeObject): string[] {
  const terms = pv.spec?.nodeAffinity?.required?.nodeSelectorTerms;
  if (!Array.isArray(terms)) return [];
  const out = new Set<string>();
  for (const t of terms) {
    let nodes: Set<string> | undefined;
    for (const e of t?.matchExpressions ?? []) {
      if (e?.key !== LABEL_HOSTNAME || e?.operator !== 'In') continue;
      const vals = new Set<string>(e.values ?? []);
      nodes = nodes === undefined ? vals : new Set([...nodes].filter((n) => vals.has(n)));
    }
    for (const n of nodes ?? []) out.add(n);
  }
  return [...out].sort();
}

/**
 * upstream GetEligibleNodes: the nodes every bound volume pinned by hostname allows (their intersection),
 * or undefined when none is pinned (every node) or a volume cannot be found.
 */
export function eligibleNodes(claims: PodClaims, look: ClaimLookup): ReadonlySet<string> | undefined {
  if (!look.volume) return undefined;
  let out: Set<string> | undefined;
  for (const claim of claims.bound) {
    const pv = look.volume(claim.spec.volumeName);
    if (!pv) return undefined;
    const names = volumeNodeNames(pv);
    if (names.length === 0) continue;
    out = out === undefined ? new Set(names) : new Set(names.filter((n) => out!.has(n)));
  }
  return out;
}

/** A volume the scheduler binds to a claim, or a claim it has provisioned on the node. */
export interface PodVolumes {
  readonly bindings: ReadonlyArray<{ readonly claim: KubeObject; readonly volume: KubeObject }>;
  readonly provisions: readonly KubeObject[];
}

export interface NodeVolumes extends PodVolumes {
  /** VOLUME_* bits; 0 when the node can serve every claim. */
  readonly bits: number;
}

/** upstream MatchTopologySelectorTerms: no terms allows every node; a term needs each key's value among its values. */
export function matchTopologyTerms(terms: unknown, labels: Labels): boolean {
  if (!Array.isArray(terms) || terms.length === 0) return true;
  return terms.some((t) => ((t?.matchLabelExpressions ?? []) as Array<{ key: string; values?: string[] }>)
    .every((e) => Object.hasOwn(labels, e.key) && (e.values ?? []).includes(labels[e.key]!)));
}

/** upstream checkVolumeProvisions: can each claim be provisioned for this node? */
function provisionable(claims: readonly KubeObject[], labels: Labels, look: ClaimLookup): boolean {
  for (const claim of claims) {
    const sc = look.storageClass(claimClass(claim));
    const provisioner = sc?.['provisioner'];
    if (typeof provisioner !== 'string' || provisioner === '' || provisioner === NOT_SUPPORTED_PROVISIONER) return false;
    if (!matchTopologyTerms(sc!['allowedTopologies'], labels)) return false;
  }
  return true;
}

/** upstream FindPodVolumes: whether the node serves the pod's claims, and how. */
export function findPodVolumes(claims: PodClaims, nodeName: string, labels: Labels, look: ClaimLookup): NodeVolumes {
  let bits = 0;
  // checkBoundClaims: stops at the first volume that is missing or out of reach.
  for (const claim of claims.bound) {
    if (!look.volume) break;
    const pv = look.volume(claim.spec.volumeName);
    if (!pv) { bits |= VOLUME_PV_NOT_EXIST; break; }
    if (!nodeAffinityAllows(pv, labels)) { bits |= VOLUME_NODE_CONFLICT; break; }
  }
  if (claims.toBind.length === 0) return { bits, bindings: [], provisions: [] };
  const toProvision: KubeObject[] = [];
  const toMatch: KubeObject[] = [];
  for (const claim of claims.toBind) {
    const selected = claim.metadata.annotations?.[ANN_SELECTED_NODE];
    if (selected === undefined) toMatch.push(claim);
    else if (selected !== nodeName) return { bits: bits | VOLUME_BIND_CONFLICT, bindings: [], provisions: [] }; // the fast path
    else toProvision.push(claim);
  }
  const bindings: Array<{ claim: KubeObject; volume: KubeObject }> = [];
  const chosen = new Set<string>();
  const all = look.volumes?.() ?? [];
  for (const claim of toMatch) {
    const volume = findMatchingVolume(claim, all, { nodeLabels: labels, excluded: chosen, delayBinding: true });
    if (volume) { chosen.add(volume.metadata.name!); bindings.push({ claim, volume }); } else toProvision.push(claim);
  }
  // Claims without a volume here must be provisionable here; that alone decides the unbound claims.
  if (toProvision.length > 0 && !provisionable(toProvision, labels, look)) bits |= VOLUME_BIND_CONFLICT;
  return { bits, bindings, provisions: bits & VOLUME_BIND_CONFLICT ? [] : toProvision };
}
