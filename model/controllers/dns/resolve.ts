// Cluster DNS, as CoreDNS's kubernetes plugin answers A queries, pure: a
// Service's name gives its clusterIP; a headless Service's name gives the
// addresses of its ready endpoints (NXDOMAIN when it has none, as kube-dns
// and CoreDNS answer and the DNS spec says since kubernetes/dns#245); a
// headless Service's endpoint is also `<hostname>.<service>` (the pod's
// hostname when its subdomain is the Service, as the EndpointSlice
// controller sets it), else `<a-b-c-d>.<service>`, its address dashed; an
// ExternalName Service is a CNAME; `<a-b-c-d>.<ns>.pod` is that address
// (`pods insecure`). A name is tried through the pod's search list
// (`<ns>.svc.cluster.local svc.cluster.local cluster.local`, ndots:5), as
// the kubelet writes resolv.conf.
// upstream: coredns plugin/kubernetes (kubernetes.go Records, findServices, parse.go),
//           kubernetes/dns docs/specification.md, pkg/kubelet/network/dns (the search list, ndots 5)
import type { KubeObject } from '../../api/types.js';

export const CLUSTER_DOMAIN = 'cluster.local';
const NDOTS = 5;

export interface DnsAnswer { readonly name: string; readonly type: 'A' | 'CNAME'; readonly data: string }
export interface DnsResult { readonly rcode: 'NOERROR' | 'NXDOMAIN'; readonly answers: readonly DnsAnswer[] }

/** What the DNS server reads: Services by name, and a Service's EndpointSlices. */
export interface DnsView {
  service(namespace: string, name: string): KubeObject | undefined;
  slices(namespace: string, service: string): readonly KubeObject[];
}

const NX: DnsResult = { rcode: 'NXDOMAIN', answers: [] };
const dashed = (ip: string) => ip.replace(/[.:]/g, '-');
const byText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** The pod's resolv.conf search list (dnsPolicy ClusterFirst). */
export function searchList(namespace: string): string[] {
  return [`${namespace}.svc.${CLUSTER_DOMAIN}`, `svc.${CLUSTER_DOMAIN}`, CLUSTER_DOMAIN];
}

/** The names a resolver tries for `name`, in order (glibc: absolute first when it has at least ndots dots). */
export function candidates(name: string, namespace: string): string[] {
  if (name.endsWith('.')) return [name.slice(0, -1)];
  const searched = searchList(namespace).map((d) => `${name}.${d}`);
  return name.split('.').length - 1 >= NDOTS ? [name, ...searched] : [...searched, name];
}

/** The ready addresses of a Service's slices, with the name each answers to under the Service. */
function endpoints(view: DnsView, svc: KubeObject): Array<{ ip: string; host: string }> {
  const out = new Map<string, string>();
  for (const s of view.slices(svc.metadata.namespace ?? 'default', svc.metadata.name!)) {
    if (s['addressType'] !== 'IPv4') continue;
    for (const e of (s['endpoints'] as any[] | undefined) ?? []) {
      if (e?.conditions?.ready === false) continue;
      for (const ip of e?.addresses ?? []) if (!out.has(ip)) out.set(ip, e.hostname ?? dashed(ip));
    }
  }
  return [...out].map(([ip, host]) => ({ ip, host })).sort((a, b) => byText(a.ip, b.ip));
}

/** One fully qualified name (no trailing dot). */
export function resolveFQDN(fqdn: string, view: DnsView): DnsResult {
  const name = fqdn.toLowerCase();
  const podZone = `.pod.${CLUSTER_DOMAIN}`;
  if (name.endsWith(podZone)) {
    const labels = name.slice(0, -podZone.length).split('.');
    if (labels.length !== 2) return NX;
    const ip = labels[0]!.split('-').join('.');
    return /^(\d{1,3})(\.\d{1,3}){3}$/.test(ip) ? { rcode: 'NOERROR', answers: [{ name: fqdn, type: 'A', data: ip }] } : NX;
  }
  const svcZone = `.svc.${CLUSTER_DOMAIN}`;
  if (!name.endsWith(svcZone)) return NX;
  const labels = name.slice(0, -svcZone.length).split('.');
  if (labels.length !== 2 && labels.length !== 3) return NX;
  const [ns, svcName] = [labels[labels.length - 1]!, labels[labels.length - 2]!];
  const svc = view.service(ns, svcName);
  if (!svc) return NX;
  const headless = svc.spec?.clusterIP === 'None';
  if (labels.length === 3) {
    if (!headless) return NX;
    const host = labels[0]!;
    const hits = endpoints(view, svc).filter((e) => e.host === host);
    return hits.length ? { rcode: 'NOERROR', answers: hits.map((e) => ({ name: fqdn, type: 'A' as const, data: e.ip })) } : NX;
  }
  if (svc.spec?.type === 'ExternalName') return { rcode: 'NOERROR', answers: [{ name: fqdn, type: 'CNAME', data: String(svc.spec.externalName ?? '') }] };
  if (!headless) {
    const ip = svc.spec?.clusterIP;
    return ip ? { rcode: 'NOERROR', answers: [{ name: fqdn, type: 'A', data: ip }] } : NX;
  }
  const eps = endpoints(view, svc);
  return eps.length ? { rcode: 'NOERROR', answers: eps.map((e) => ({ name: fqdn, type: 'A' as const, data: e.ip })) } : NX;
}

/** `name` as a pod in `namespace` looks it up: the first candidate that exists answers. */
export function resolve(name: string, namespace: string, view: DnsView): DnsResult & { readonly name: string } {
  for (const c of candidates(name, namespace)) {
    const r = resolveFQDN(c, view);
    if (r.rcode === 'NOERROR') return { ...r, name: c };
  }
  return { ...NX, name };
}
