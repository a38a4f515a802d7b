// A StatefulSet pod's identity: its name `<set>-<ordinal>`, hostname and
// subdomain, the pod-name and pod-index labels, and its claims
// `<template>-<set>-<ordinal>` mounted under the template's name. The
// controller recovers an ordinal by parsing the name, so a pod whose name
// does not parse is ignored, and one of another set with the same labels is
// not a member.
// upstream: pkg/controller/statefulset/stateful_set_utils.go (getParentNameAndOrdinal, getPodName,
// getPersistentVolumeClaimName, getPersistentVolumeClaims, identityMatches, storageMatches, updateStorage,
// initIdentity/updateIdentity, newStatefulSetPod, newVersionedStatefulSetPod, podInOrdinalRange, getStartOrdinal)
import type { KubeObject, OwnerReference } from '../../api/types.js';
import { podFromTemplate } from '../pod-template.js';
import { POD_REVISION_LABEL } from '../history.js';

/** upstream apps.StatefulSetPodNameLabel and apps.PodIndexLabel. */
export const POD_NAME_LABEL = 'statefulset.kubernetes.io/pod-name';
export const POD_INDEX_LABEL = 'apps.kubernetes.io/pod-index';

const ORDINAL = /^(.*)-([0-9]+)$/;

/** upstream getParentNameAndOrdinal: `(.*)-([0-9]+)$`; ordinal -1 when the name does not parse. */
export function parentAndOrdinal(pod: KubeObject): { parent: string; ordinal: number } {
  // Cached per object: a set of N parses its N pods' names several times a sync, and cached objects never change.
  let r = parsed.get(pod);
  if (r) return r;
  const m = ORDINAL.exec(pod.metadata.name ?? '');
  const n = m ? Number(m[2]) : NaN;
  // Go's strconv.ParseInt(s, 10, 32): out of int32 range fails to parse.
  r = m && Number.isSafeInteger(n) && n <= 0x7fffffff ? { parent: m[1]!, ordinal: n } : { parent: '', ordinal: -1 };
  if (Object.isFrozen(pod)) parsed.set(pod, r);
  return r;
}
const parsed = new WeakMap<KubeObject, { parent: string; ordinal: number }>();

export const ordinalOf = (pod: KubeObject): number => parentAndOrdinal(pod).ordinal;

/** upstream isMemberOf: the name parses to this set's name. */
export const isMemberOf = (set: KubeObject, pod: KubeObject): boolean => parentAndOrdinal(pod).parent === set.metadata.name;

export const replicasOf = (set: KubeObject): number => set.spec?.replicas ?? 1;
/** upstream getStartOrdinal: spec.ordinals.start (default 0). */
export const startOrdinal = (set: KubeObject): number => set.spec?.ordinals?.start ?? 0;
/** upstream getEndOrdinal: start + replicas - 1. */
export const endOrdinal = (set: KubeObject): number => startOrdinal(set) + replicasOf(set) - 1;

export function inOrdinalRange(pod: KubeObject, set: KubeObject): boolean {
  const o = ordinalOf(pod);
  return o >= startOrdinal(set) && o <= endOrdinal(set);
}

export const podName = (set: KubeObject, ordinal: number): string => `${set.metadata.name}-${ordinal}`;
export const claimName = (template: KubeObject | any, set: KubeObject, ordinal: number): string =>
  `${template.metadata?.name}-${set.metadata.name}-${ordinal}`;

/** upstream getPersistentVolumeClaims: each template's claim for this pod, labelled with the set's matchLabels. */
export function claimsFor(set: KubeObject, ordinal: number): KubeObject[] {
  const matchLabels = set.spec?.selector?.matchLabels ?? {};
  return (set.spec?.volumeClaimTemplates ?? []).map((t: any) => ({
    apiVersion: 'v1', kind: 'PersistentVolumeClaim',
    metadata: {
      ...structuredClone(t.metadata ?? {}),
      name: claimName(t, set, ordinal), namespace: set.metadata.namespace,
      labels: { ...(t.metadata?.labels ?? {}), ...matchLabels },
    },
    spec: structuredClone(t.spec ?? {}),
  }) as KubeObject);
}

/** upstream updateStorage: each template's volume points at this pod's claim (replacing a volume of that name). */
export function withStorage(set: KubeObject, pod: KubeObject, ordinal: number): void {
  const templates: any[] = set.spec?.volumeClaimTemplates ?? [];
  if (templates.length === 0) return;
  const names = new Set(templates.map((t) => t.metadata?.name));
  const kept = (pod.spec.volumes ?? []).filter((v: any) => !names.has(v.name));
  pod.spec.volumes = [
    ...templates.map((t) => ({ name: t.metadata?.name, persistentVolumeClaim: { claimName: claimName(t, set, ordinal) } })),
    ...kept,
  ];
}

/** upstream updateIdentity: name, namespace, hostname, subdomain and the two labels. */
export function withIdentity(set: KubeObject, pod: KubeObject, ordinal: number): void {
  pod.metadata.name = podName(set, ordinal);
  pod.metadata.namespace = set.metadata.namespace;
  pod.metadata.labels = { ...(pod.metadata.labels ?? {}), [POD_NAME_LABEL]: pod.metadata.name, [POD_INDEX_LABEL]: String(ordinal) };
  pod.spec.hostname = pod.metadata.name;
  if (set.spec?.serviceName) pod.spec.subdomain = set.spec.serviceName;
}

/** upstream identityMatches: name, namespace and the pod-name (and pod-index) labels as the set would give them. */
export function identityMatches(set: KubeObject, pod: KubeObject): boolean {
  const { parent, ordinal } = parentAndOrdinal(pod);
  return ordinal >= 0 && parent === set.metadata.name && pod.metadata.name === podName(set, ordinal) &&
    pod.metadata.namespace === set.metadata.namespace &&
    pod.metadata.labels?.[POD_NAME_LABEL] === pod.metadata.name &&
    pod.metadata.labels?.[POD_INDEX_LABEL] === String(ordinal);
}

/** upstream storageMatches: every template's volume names this pod's claim. */
export function storageMatches(set: KubeObject, pod: KubeObject): boolean {
  const ordinal = ordinalOf(pod);
  if (ordinal < 0) return false;
  const byName = new Map<string, any>((pod.spec?.volumes ?? []).map((v: any) => [v.name, v]));
  return (set.spec?.volumeClaimTemplates ?? []).every((t: any) =>
    byName.get(t.metadata?.name)?.persistentVolumeClaim?.claimName === claimName(t, set, ordinal));
}

/** upstream newStatefulSetPod: the template's pod, owned by the set, with its identity and storage. */
export function newStatefulSetPod(set: KubeObject, template: any, ordinal: number, ref: OwnerReference): KubeObject {
  const pod = podFromTemplate({ ...set, spec: { ...set.spec, template } } as KubeObject, ref);
  withIdentity(set, pod, ordinal);
  withStorage(set, pod, ordinal);
  return pod;
}

/** upstream setPodRevision. */
export function withRevision(pod: KubeObject, revision: string): KubeObject {
  pod.metadata.labels = { ...(pod.metadata.labels ?? {}), [POD_REVISION_LABEL]: revision };
  return pod;
}

export const podRevision = (pod: KubeObject): string | undefined => pod.metadata.labels?.[POD_REVISION_LABEL];

/**
 * upstream newVersionedStatefulSetPod: ordinals below the partition are made
 * at the current revision, the rest at the update revision. (Upstream's
 * condition reads `RollingUpdate && (nil && below start) || (set && below
 * start+partition)`; Go's precedence makes the second clause stand alone,
 * and so it does here.)
 */
export function atCurrentRevision(set: KubeObject, ordinal: number): boolean {
  const strategy = set.spec?.updateStrategy ?? {};
  const ru = strategy.rollingUpdate;
  return (strategy.type === 'RollingUpdate' && ru === undefined && ordinal < startOrdinal(set)) ||
    (ru !== undefined && ordinal < startOrdinal(set) + (ru.partition ?? 0));
}
