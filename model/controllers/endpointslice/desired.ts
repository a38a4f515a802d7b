// The desired state of one Service's slices: its endpoints grouped by the
// port list they resolve to, plus the identity keys the reconcile matches on.
//
// Why an endpoint's identity is only (namespace, name, hostname, addresses):
// everything else — readiness, node, zone — can then change in place, as an
// update of the slice the endpoint already sits in, instead of a remove and
// an add that could move it to another slice.
// upstream: k8s.io/endpointslice reconciler.go (reconcileByAddressType, desired state part),
//           util/endpointset.go (hashEndpoint), util/controller_utils.go (NewPortMapKey)
// Simplification: upstream keys are md5 sums of the Go structs' dumps and ports are sorted by
// those sums; the model keys are canonical JSON and ports sort by that text, so grouping and
// identity agree with upstream while the order of ports within a slice is the model's own.
import type { KubeObject } from '../../api/types.js';
import { ADDRESS_TYPE_IPV4, type AddressType } from './constants.js';
import { endpointPorts, podToEndpoint, shouldPodBeInEndpoints, type Endpoint, type EndpointPort } from './endpoints.js';

/** One port list's endpoints: the future contents of one or more slices. */
export interface PortGroup {
  /** portMapKey(ports). */
  key: string;
  /** The resolved ports in canonical order. */
  ports: EndpointPort[];
  /** Desired endpoints, addresses sorted, one per identity key. May be empty (see desiredEndpoints). */
  endpoints: Endpoint[];
}

export interface DesiredEndpoints {
  /** Sorted by key. */
  groups: PortGroup[];
  /** Pods skipped because their node is missing: the sync reports an error and is retried. */
  errors: string[];
}

/**
 * One port's identity. Like upstream's hash of pointer fields, an absent
 * name or protocol differs from "" (JSON null against "").
 */
export function portKey(p: EndpointPort): string {
  return JSON.stringify([p.name ?? null, p.port ?? null, p.protocol ?? null, p.appProtocol ?? null]);
}

/** The ports in canonical order (a copy). */
export function sortPorts(ports: readonly EndpointPort[]): EndpointPort[] {
  return ports.map((p) => ({ ...p })).sort((a, b) => compareText(portKey(a), portKey(b)));
}

/**
 * upstream NewPortMapKey: the same key for the same set of ports in any
 * order. In v1.32 a nil list and an empty one hash apart (fixed upstream in
 * 2026, "normalize nil ports to empty slice"); an absent `ports` is kept
 * apart from `[]` here the same way.
 */
export function portMapKey(ports: readonly EndpointPort[] | null | undefined): string {
  if (ports == null) return 'nil';
  return `[${sortPorts(ports).map(portKey).join(',')}]`;
}

/** upstream hashEndpoint: sorted addresses, hostname, targetRef namespace and name. */
export function endpointKey(ep: Endpoint): string {
  const addresses = [...(ep.addresses ?? [])].sort(compareText);
  return JSON.stringify([ep.targetRef?.namespace ?? '', ep.targetRef?.name ?? '', ep.hostname ?? '', addresses]);
}

/** Byte order for ASCII text, as Go's sort.Strings; never locale-dependent. */
export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * The desired part of upstream reconcileByAddressType. `pods` are the pods
 * the Service selects (syncService lists them); `getNode` reads the node
 * informer. A pod is left out when:
 *  - ShouldPodBeInEndpoints says so (terminal, or no IP);
 *  - its node is not found and publishNotReadyAddresses is off (an error is
 *    recorded so the sync is retried; with publishNotReadyAddresses it is
 *    kept, without a zone);
 *  - it has no address of the family.
 * Its port group is made before the node check, so a group can be empty,
 * which keeps that group's existing slices from being deleted as unwanted.
 * Endpoints keep the pods' order; addresses are sorted, as upstream's set
 * sorts them when hashing.
 */
export function desiredEndpoints(
  service: KubeObject,
  pods: readonly KubeObject[],
  getNode: (name: string) => KubeObject | undefined,
  addressType: AddressType = ADDRESS_TYPE_IPV4,
): DesiredEndpoints {
  const groups = new Map<string, { ports: EndpointPort[]; byKey: Map<string, Endpoint> }>();
  const errors: string[] = [];
  const svc = `${service.metadata.namespace ?? ''}/${service.metadata.name ?? ''}`;
  for (const pod of pods) {
    if (!shouldPodBeInEndpoints(pod, true)) continue;
    const ports = sortPorts(endpointPorts(service, pod));
    const key = portMapKey(ports);
    let group = groups.get(key);
    if (!group) groups.set(key, (group = { ports, byKey: new Map() }));
    const nodeName: string = pod.spec?.nodeName ?? '';
    const node = nodeName ? getNode(nodeName) : undefined;
    if (!node && !service.spec?.publishNotReadyAddresses) {
      errors.push(`skipping Pod ${pod.metadata.name} for Service ${svc}: Node ${nodeName} Not Found`);
      continue;
    }
    const ep = podToEndpoint(pod, node, service, addressType);
    if (ep.addresses.length === 0) continue;
    ep.addresses.sort(compareText);
    // A later pod with the same identity replaces the earlier one, as in a Go map.
    group.byKey.set(endpointKey(ep), ep);
  }
  const out = [...groups].map(([key, g]) => ({ key, ports: g.ports, endpoints: [...g.byKey.values()] }));
  return { groups: out.sort((a, b) => compareText(a.key, b.key)), errors };
}
