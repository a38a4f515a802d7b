// The EndpointSlice objects themselves: how a new one is made, which labels
// it must carry, whose it is, which partly-full slice takes leftovers, and
// when two endpoints are "the same" for the purpose of skipping a write.
//
// Why a slice's labels are the Service's: consumers (kube-proxy, DNS, users'
// tools) select slices by label, and a Service's labels are how users group
// Services; the three reserved keys are the controller's and a Service's own
// values for them are ignored.
// upstream: k8s.io/endpointslice utils.go (newEndpointSlice, getEndpointSlicePrefix, ownedBy,
//           getSliceToFill, setEndpointSliceLabels, isReservedLabelKey, isServiceIPSet,
//           ServiceControllerKey), reconciler.go (placeholderSliceCompare, ManagedByController),
//           util/controller_utils.go (EndpointsEqualBeyondHash)
import type { KubeObject, OwnerReference } from '../../api/types.js';
import { isDNS1123Subdomain } from '../../api/names.js';
import {
  CLUSTER_IP_NONE, CONTROLLER_QUALIFIED_NAME, IS_HEADLESS_SERVICE, LABEL_MANAGED_BY, LABEL_SERVICE_NAME, type AddressType,
} from './constants.js';
import { compareText, sortPorts } from './desired.js';
import type { Endpoint, EndpointPort } from './endpoints.js';

/** upstream isServiceIPSet: a clusterIP that is neither "None" nor empty. */
export function isServiceIPSet(service: KubeObject): boolean {
  const ip = service.spec?.clusterIP ?? '';
  return ip !== CLUSTER_IP_NONE && ip !== '';
}

const isReservedLabelKey = (k: string) => k === LABEL_SERVICE_NAME || k === LABEL_MANAGED_BY || k === IS_HEADLESS_SERVICE;

function sortedLabels(m: Record<string, string>): Record<string, string> {
  // Go writes map keys sorted; so does the model, so printed slices read the same.
  return Object.fromEntries(Object.keys(m).sort(compareText).map((k) => [k, m[k]!]));
}

/**
 * upstream setEndpointSliceLabels: the labels the slice must have (the
 * Service's non-reserved labels, the headless label when the Service has no
 * cluster IP, the service-name and managed-by labels), and whether the
 * slice's non-reserved labels differ from the Service's. A change in the
 * reserved labels alone does not count as a change; any other label on the
 * slice is dropped by the next write.
 */
export function endpointSliceLabels(slice: KubeObject, service: KubeObject, controllerName = CONTROLLER_QUALIFIED_NAME): { labels: Record<string, string>; changed: boolean } {
  const own = Object.entries(slice.metadata.labels ?? {}).filter(([k]) => !isReservedLabelKey(k));
  const svc: Record<string, string> = {};
  for (const [k, v] of Object.entries(service.metadata.labels ?? {})) if (!isReservedLabelKey(k)) svc[k] = v;
  const changed = own.length !== Object.keys(svc).length || own.some(([k, v]) => svc[k] !== v);
  if (!isServiceIPSet(service)) svc[IS_HEADLESS_SERVICE] = '';
  svc[LABEL_SERVICE_NAME] = service.metadata.name ?? '';
  svc[LABEL_MANAGED_BY] = controllerName;
  return { labels: sortedLabels(svc), changed };
}

/** upstream getEndpointSlicePrefix: `<service>-`, or the bare name if that would not be a valid generateName. */
export function endpointSlicePrefix(serviceName: string): string {
  const prefix = `${serviceName}-`;
  // upstream NameIsDNSSubdomain(prefix, true) masks a trailing dash by replacing the last two characters with "a".
  const masked = prefix.length > 1 ? `${prefix.slice(0, -2)}a` : prefix;
  return isDNS1123Subdomain(masked).length === 0 ? prefix : serviceName;
}

/** upstream metav1.NewControllerRef(service, v1 Service). */
export function serviceControllerRef(service: KubeObject): OwnerReference {
  return { apiVersion: 'v1', kind: 'Service', name: service.metadata.name ?? '', uid: service.metadata.uid ?? '', controller: true, blockOwnerDeletion: true };
}

/**
 * upstream newEndpointSlice: no name (the store draws the suffix of
 * generateName), the Service as controlling owner, its labels, no endpoints,
 * the ports (a copy, in canonical order).
 */
export function newEndpointSlice(service: KubeObject, ports: readonly EndpointPort[], addressType: AddressType, controllerName = CONTROLLER_QUALIFIED_NAME): KubeObject {
  const { labels } = endpointSliceLabels({ apiVersion: '', kind: '', metadata: {} }, service, controllerName);
  return {
    apiVersion: 'discovery.k8s.io/v1',
    kind: 'EndpointSlice',
    metadata: {
      generateName: endpointSlicePrefix(service.metadata.name ?? ''),
      namespace: service.metadata.namespace ?? '',
      labels,
      ownerReferences: [serviceControllerRef(service)],
    },
    addressType,
    endpoints: [],
    ports: sortPorts(ports),
  };
}

/** upstream ownedBy: an ownerReference (controller or not) to this Service's uid, kind Service, apiVersion v1. */
export function ownedBy(slice: KubeObject, service: KubeObject): boolean {
  return (slice.metadata.ownerReferences ?? []).some((o) => o.uid === service.metadata.uid && o.kind === 'Service' && o.apiVersion === 'v1');
}

/** upstream ManagedByController: the managed-by label names this controller. */
export function managedByController(slice: KubeObject, controllerName = CONTROLLER_QUALIFIED_NAME): boolean {
  return slice.metadata.labels?.[LABEL_MANAGED_BY] === controllerName;
}

/** upstream ServiceControllerKey: `<namespace>/<service-name label>`, or undefined without the label. */
export function serviceControllerKey(slice: KubeObject): string | undefined {
  const name = slice.metadata.labels?.[LABEL_SERVICE_NAME];
  return name ? `${slice.metadata.namespace ?? ''}/${name}` : undefined;
}

const endpointsOf = (s: KubeObject): Endpoint[] => (Array.isArray(s.endpoints) ? s.endpoints : []);

/**
 * upstream getSliceToFill: the slice that would be closest to full after
 * taking `numEndpoints` more, without passing `maxEndpoints`; the first such
 * in the given order wins a tie, an exact fit stops the search.
 */
export function getSliceToFill(slices: readonly KubeObject[], numEndpoints: number, maxEndpoints: number): KubeObject | undefined {
  let closestDiff = maxEndpoints;
  let closest: KubeObject | undefined;
  for (const s of slices) {
    const diff = maxEndpoints - (numEndpoints + endpointsOf(s).length);
    if (diff >= 0 && diff < closestDiff) {
      closestDiff = diff;
      closest = s;
      if (diff === 0) return closest;
    }
  }
  return closest;
}

// Pointer semantics: absent (nil) differs from any value, "" and false included.
const changed = <T>(a: T | null | undefined, b: T | null | undefined) => (a == null) !== (b == null) || (a != null && a !== b);

/**
 * upstream EndpointsEqualBeyondHash: equal nodeName, zone, the three
 * conditions and targetRef (its resourceVersion ignored). Addresses and
 * hostname are part of the identity key, so they are equal already; hints
 * and deprecatedTopology are not compared.
 */
export function endpointsEqualBeyondHash(a: Endpoint, b: Endpoint): boolean {
  if (changed(a.nodeName, b.nodeName) || changed(a.zone, b.zone)) return false;
  const ca = a.conditions ?? {};
  const cb = b.conditions ?? {};
  if (changed(ca.ready, cb.ready) || changed(ca.serving, cb.serving) || changed(ca.terminating, cb.terminating)) return false;
  const ra = a.targetRef;
  const rb = b.targetRef;
  if (!ra || !rb) return !ra && !rb;
  // ObjectReference fields are plain strings in Go: absent is "".
  return (['kind', 'namespace', 'name', 'uid', 'apiVersion', 'fieldPath'] as const).every((k) => (ra[k] ?? '') === (rb[k] ?? ''));
}

const sameOwnerRef = (a: OwnerReference, b: OwnerReference) =>
  a.apiVersion === b.apiVersion && a.kind === b.kind && a.name === b.name && a.uid === b.uid
  && (a.controller ?? null) === (b.controller ?? null) && (a.blockOwnerDeletion ?? null) === (b.blockOwnerDeletion ?? null);

/**
 * upstream placeholderSliceCompare against a fresh placeholder: same
 * namespace, labels, owner references and address type, and no endpoints
 * and no ports (nil and empty are equal there). Other metadata — name,
 * annotations, resourceVersion — is ignored, so an existing placeholder is
 * kept rather than deleted and recreated.
 */
export function equalsPlaceholder(existing: KubeObject, placeholder: KubeObject): boolean {
  const la = existing.metadata.labels ?? {};
  const lb = placeholder.metadata.labels ?? {};
  const ra = existing.metadata.ownerReferences ?? [];
  const rb = placeholder.metadata.ownerReferences ?? [];
  return existing.apiVersion === placeholder.apiVersion && existing.kind === placeholder.kind
    && (existing.metadata.namespace ?? '') === (placeholder.metadata.namespace ?? '')
    && Object.keys(la).length === Object.keys(lb).length && Object.entries(lb).every(([k, v]) => la[k] === v)
    && ra.length === rb.length && ra.every((r, i) => sameOwnerRef(r, rb[i]!))
    && existing.addressType === placeholder.addressType
    && endpointsOf(existing).length === 0 && (Array.isArray(existing.ports) ? existing.ports.length : 0) === 0;
}
