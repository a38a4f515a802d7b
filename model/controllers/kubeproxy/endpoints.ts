// The endpoints kube-proxy sees for one Service port: every EndpointSlice of
// the Service merged into one list, one entry per `ip:port`.
//
// Why merge by address: an endpoint can move between slices (the slice
// controller repacks them), so for a moment the same pod may sit in two
// slices. kube-proxy keys endpoints by `ip:port` so the pod is counted once;
// when two slices disagree, the copy on this node wins. Upstream visits the
// slices in Go map order, so which of two remote copies wins is arbitrary
// there; the model visits slices by name so a run replays exactly.
//
// Only what kube-proxy reads is kept: the first address, node, zone and the
// three conditions (a missing `ready` or `serving` counts as true, a missing
// `terminating` as false). The result is sorted by `ip:port` as text, the
// order the iptables rules are written in.
// upstream: pkg/proxy/endpointslicecache.go (newEndpointSliceInfo, endpointInfoByServicePort, addEndpoints,
//           endpointsMapFromEndpointInfo, byEndpoint), pkg/proxy/endpointschangetracker.go (supported address types),
//           cmd/kube-proxy/app/server.go (informer label selector)
import type { KubeObject } from '../../api/types.js';

/** upstream discovery.LabelServiceName: how a slice names its Service. */
export const LABEL_SERVICE_NAME = 'kubernetes.io/service-name';
/** upstream v1.IsHeadlessService: kube-proxy's informers skip objects carrying it. */
export const LABEL_HEADLESS = 'service.kubernetes.io/headless';
/** upstream apis.LabelServiceProxyName: the object belongs to another proxy; kube-proxy skips it. */
export const LABEL_SERVICE_PROXY_NAME = 'service.kubernetes.io/service-proxy-name';

/** kube-proxy's informer selector: `!service.kubernetes.io/service-proxy-name,!service.kubernetes.io/headless`. */
export function watchedByKubeProxy(obj: KubeObject): boolean {
  const labels = obj.metadata?.labels ?? {};
  return !(LABEL_SERVICE_PROXY_NAME in labels) && !(LABEL_HEADLESS in labels);
}

export interface ProxyEndpoint {
  /** `ip:port`, the merge key and the DNAT destination. */
  endpoint: string;
  ip: string;
  port: number;
  nodeName?: string;
  zone?: string;
  /** On the proxy's own node. */
  isLocal: boolean;
  ready: boolean;
  serving: boolean;
  terminating: boolean;
  /** The slice endpoint's targetRef, to name the pod that answered. */
  targetRef?: { kind?: string; namespace?: string; name?: string };
}

/** The Service port the endpoints are for: matched to slice ports by name and protocol. */
export interface PortKey {
  name: string;
  protocol: string;
}

const isIPv4 = (s: string) => /^(\d{1,3})(\.\d{1,3}){3}$/.test(s) && s.split('.').every((o) => Number(o) <= 255);
const byName = (a: KubeObject, b: KubeObject) => {
  const x = a.metadata?.name ?? '', y = b.metadata?.name ?? '';
  return x < y ? -1 : x > y ? 1 : 0;
};

/** The slices kube-proxy (single-stack IPv4) reads for this Service. */
export function slicesOf(service: KubeObject, slices: readonly KubeObject[]): KubeObject[] {
  const ns = service.metadata?.namespace ?? '';
  const name = service.metadata?.name ?? '';
  return slices
    .filter((s) => s.kind === 'EndpointSlice' && (s.metadata?.namespace ?? '') === ns && s.metadata?.labels?.[LABEL_SERVICE_NAME] === name)
    .filter(watchedByKubeProxy)
    // FQDN slices are not supported; IPv6 ones belong to the IPv6 proxier.
    .filter((s) => s.addressType === 'IPv4')
    .sort(byName);
}

/** One slice endpoint as kube-proxy keeps it, or undefined when unusable (no address, or the wrong family). */
function toProxyEndpoint(ep: any, port: number, nodeName: string): ProxyEndpoint | undefined {
  const addr = Array.isArray(ep?.addresses) ? ep.addresses[0] : undefined;
  if (typeof addr !== 'string' || !isIPv4(addr)) return undefined;
  const c = ep.conditions ?? {};
  const node = typeof ep.nodeName === 'string' ? ep.nodeName : undefined;
  return {
    endpoint: `${addr}:${port}`,
    ip: addr,
    port,
    ...(node !== undefined ? { nodeName: node } : {}),
    ...(typeof ep.zone === 'string' ? { zone: ep.zone } : {}),
    isLocal: nodeName !== '' && node === nodeName,
    ready: c.ready == null || c.ready === true,
    serving: c.serving == null || c.serving === true,
    terminating: c.terminating === true,
    ...(ep.targetRef ? { targetRef: { kind: ep.targetRef.kind, namespace: ep.targetRef.namespace, name: ep.targetRef.name } } : {}),
  };
}

/**
 * The merged endpoints of one Service port, as seen by the kube-proxy on
 * `nodeName`. A slice port matches by name ("" for an unnamed port, which is
 * what the store defaults a missing name to) and protocol (default TCP); a
 * port number of 0 or none is skipped, as upstream.
 */
export function mergeEndpoints(service: KubeObject, slices: readonly KubeObject[], port: PortKey, nodeName: string): ProxyEndpoint[] {
  const merged = new Map<string, ProxyEndpoint>();
  for (const slice of slicesOf(service, slices)) {
    const ports: any[] = Array.isArray(slice.ports) ? slice.ports : [];
    for (const sp of ports) {
      if ((sp?.name ?? '') !== port.name || (sp?.protocol ?? 'TCP') !== port.protocol) continue;
      if (typeof sp?.port !== 'number' || sp.port === 0) continue;
      for (const ep of Array.isArray(slice.endpoints) ? slice.endpoints : []) {
        const info = toProxyEndpoint(ep, sp.port, nodeName);
        if (!info) continue;
        if (!merged.has(info.endpoint) || info.isLocal) merged.set(info.endpoint, info);
      }
    }
  }
  return [...merged.values()].sort((a, b) => (a.endpoint < b.endpoint ? -1 : a.endpoint > b.endpoint ? 1 : 0));
}
