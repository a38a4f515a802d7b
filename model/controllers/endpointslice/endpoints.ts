// Which pods of a Service become endpoints, and the discovery.k8s.io/v1
// Endpoint and EndpointPort objects the controller builds for each of them.
//
// Why terminating pods stay in: kube-proxy falls back to endpoints that are
// serving and terminating when none is ready, so a rolling restart does not
// drop connections. They are kept, flagged terminating and never "ready"
// (unless the Service publishes not-ready addresses).
//
// Why ports are computed per pod: a named targetPort can resolve to a
// different number on each pod, and one slice has one port list, so pods
// are grouped by their resolved ports (see desired.ts).
// upstream: k8s.io/endpointslice utils.go (podToEndpoint, getEndpointPorts, getEndpointAddresses, findPort),
//           k8s.io/endpointslice util/controller_utils.go (ShouldPodBeInEndpoints, ShouldSetHostname)
import type { Endpoint, EndpointPort } from 'kubernetes-types/discovery/v1.js';
import type { KubeObject } from '../../api/types.js';
import { isPodReady } from '../podutil.js';
import { ADDRESS_TYPE_IPV4, ADDRESS_TYPE_IPV6, CLUSTER_IP_NONE, LABEL_TOPOLOGY_ZONE, type AddressType } from './constants.js';

export type { Endpoint, EndpointPort };

/** Succeeded or Failed: all containers stopped for good. upstream: util/controller_utils.go (isPodTerminal). */
export function isPodTerminal(pod: KubeObject): boolean {
  const phase = pod.status?.phase;
  return phase === 'Succeeded' || phase === 'Failed';
}

/**
 * upstream ShouldPodBeInEndpoints: not terminal and has a pod IP (podIP or
 * podIPs); a terminating pod only when `includeTerminating`, which the
 * EndpointSlice reconciler always passes as true.
 */
export function shouldPodBeInEndpoints(pod: KubeObject, includeTerminating: boolean): boolean {
  if (isPodTerminal(pod)) return false;
  const ips: unknown[] = Array.isArray(pod.status?.podIPs) ? pod.status.podIPs : [];
  if (!pod.status?.podIP && ips.length === 0) return false;
  if (!includeTerminating && pod.metadata.deletionTimestamp) return false;
  return true;
}

/** upstream ShouldSetHostname: spec.hostname set, spec.subdomain is the Service's name, same namespace. */
export function shouldSetHostname(pod: KubeObject, service: KubeObject): boolean {
  const hostname: string = pod.spec?.hostname ?? '';
  return hostname.length > 0 && (pod.spec?.subdomain ?? '') === (service.metadata.name ?? '')
    && (service.metadata.namespace ?? '') === (pod.metadata.namespace ?? '');
}

// An IPv4-mapped IPv6 address is IPv4 to Go (To4() != nil).
const IPV4_MAPPED = /^::ffff:\d{1,3}(\.\d{1,3}){3}$/i;
/**
 * upstream utilnet.IsIPv6String, simplified: any text with a colon that is not
 * an IPv4-mapped address. (Go also counts an unparsable string as not IPv6.)
 */
export function isIPv6String(ip: string): boolean {
  return ip.includes(':') && !IPV4_MAPPED.test(ip);
}

/**
 * upstream getEndpointAddresses: the pod's status.podIPs of the slice's
 * family, in their order. Only podIPs is read, never podIP (the API server
 * keeps the two in step), so a pod with podIP alone gets no address and is
 * left out of every slice.
 */
export function endpointAddresses(pod: KubeObject, addressType: AddressType = ADDRESS_TYPE_IPV4): string[] {
  const out: string[] = [];
  for (const entry of Array.isArray(pod.status?.podIPs) ? pod.status.podIPs : []) {
    const ip = String(entry?.ip ?? '');
    if (isIPv6String(ip) === (addressType === ADDRESS_TYPE_IPV6)) out.push(ip);
  }
  return out;
}

/**
 * upstream podToEndpoint. serving is the pod's Ready condition whatever its
 * termination; ready is publishNotReadyAddresses || (serving && !terminating);
 * terminating is "has a deletionTimestamp". nodeName only when the pod has
 * one, zone only from a found node's non-empty topology.kubernetes.io/zone.
 * Fields are written in the Go struct's order, as `kubectl get -o yaml` shows them.
 */
export function podToEndpoint(pod: KubeObject, node: KubeObject | undefined, service: KubeObject, addressType: AddressType = ADDRESS_TYPE_IPV4): Endpoint {
  const serving = isPodReady(pod);
  const terminating = Boolean(pod.metadata.deletionTimestamp);
  const ready = Boolean(service.spec?.publishNotReadyAddresses) || (serving && !terminating);
  const ep: Endpoint = { addresses: endpointAddresses(pod, addressType), conditions: { ready, serving, terminating } };
  if (shouldSetHostname(pod, service)) ep.hostname = pod.spec.hostname;
  // ObjectReference fields are omitempty: an empty namespace or uid is left out.
  ep.targetRef = {
    kind: 'Pod',
    ...(pod.metadata.namespace ? { namespace: pod.metadata.namespace } : {}),
    ...(pod.metadata.name ? { name: pod.metadata.name } : {}),
    ...(pod.metadata.uid ? { uid: pod.metadata.uid } : {}),
  };
  if (pod.spec?.nodeName) ep.nodeName = pod.spec.nodeName;
  const zone: string | undefined = node?.metadata.labels?.[LABEL_TOPOLOGY_ZONE];
  if (zone) ep.zone = zone;
  return ep;
}

/**
 * upstream findPort (the copy in k8s.io/endpointslice utils.go): a numeric
 * targetPort is used as it is; a named one is the first containerPort in
 * spec.containers with that name and the Service port's protocol. In v1.32
 * this copy does not look at sidecar (restartable init) containers, unlike
 * pkg/api/v1/pod FindPort; that came in v1.33 (kubernetes/kubernetes#128850).
 * An absent targetPort is Go's zero IntOrString, the number 0 (admission
 * always defaults it to the port). Undefined means "no suitable port".
 */
export function findPort(pod: KubeObject, servicePort: any): number | undefined {
  const target = servicePort?.targetPort;
  if (typeof target !== 'string') return Number(target ?? 0);
  for (const c of Array.isArray(pod.spec?.containers) ? pod.spec.containers : []) {
    for (const p of Array.isArray(c?.ports) ? c.ports : []) {
      if ((p?.name ?? '') === target && p?.protocol === servicePort.protocol) return Number(p.containerPort);
    }
  }
  return undefined;
}

/**
 * upstream getEndpointPorts: one EndpointPort per Service port that resolves
 * on this pod (name — "" when unnamed —, port, protocol, appProtocol when
 * set); a port that does not resolve is dropped for this pod only. A headless
 * Service may have no ports at all.
 */
export function endpointPorts(service: KubeObject, pod: KubeObject): EndpointPort[] {
  const ports: any[] = Array.isArray(service.spec?.ports) ? service.spec.ports : [];
  if (ports.length === 0 && service.spec?.clusterIP === CLUSTER_IP_NONE) return [];
  const out: EndpointPort[] = [];
  for (const sp of ports) {
    const port = findPort(pod, sp);
    if (port === undefined) continue;
    // Go copies the Service port's strings, so an unset name or protocol is "" here, not absent.
    const ep: EndpointPort = { name: sp?.name ?? '', port, protocol: sp?.protocol ?? '' };
    if (sp?.appProtocol != null) ep.appProtocol = sp.appProtocol;
    out.push(ep);
  }
  return out;
}
