// What kube-proxy keeps of one Service port: its name for rules and
// comments, its traffic policies, and its session affinity.
//
// Why "externally accessible" matters even for ClusterIP traffic: a Service
// with a nodePort, an external IP or a load balancer address receives traffic
// from outside, and kube-proxy must be able to send a node's own clients to
// any endpoint (the Cluster endpoints) even when externalTrafficPolicy is
// Local. So such a Service always has both endpoint lists.
// upstream: pkg/proxy/serviceport.go (BaseServicePortInfo: ExternallyAccessible, UsesClusterEndpoints, UsesLocalEndpoints),
//           pkg/proxy/types.go (ServicePortName.String), pkg/proxy/util/utils.go (ShouldSkipService),
//           pkg/api/service/util.go (ExternalPolicyLocal, InternalPolicyLocal)
import type { KubeObject } from '../../api/types.js';
import { DEFAULT_CLIENT_IP_AFFINITY_SECONDS } from '../../api/admission/service.js';
import { watchedByKubeProxy } from './endpoints.js';

export interface ServicePortInfo {
  /** `namespace/name`, plus `:port` when the port is named: the text in kube-proxy's rule comments. */
  key: string;
  namespace: string;
  service: string;
  portName: string;
  port: number;
  protocol: string;
  nodePort: number;
  clusterIP: string;
  externallyAccessible: boolean;
  internalPolicyLocal: boolean;
  externalPolicyLocal: boolean;
  sessionAffinity: 'None' | 'ClientIP';
  /** sessionAffinityConfig.clientIP.timeoutSeconds; 0 without ClientIP affinity. */
  stickyMaxAgeSeconds: number;
}

/** Which port of the Service: its name, its number, or (when omitted) the first one. */
export type PortSelector = string | number | undefined;

/** upstream ShouldSkipService: no clusterIP (headless), ExternalName, or meant for another proxy. */
export function isProxied(service: KubeObject): boolean {
  const ip = service.spec?.clusterIP ?? '';
  return ip !== '' && ip !== 'None' && service.spec?.type !== 'ExternalName' && watchedByKubeProxy(service);
}

export function servicePortKey(namespace: string, name: string, portName: string): string {
  return `${namespace}/${name}${portName ? `:${portName}` : ''}`;
}

/** The proxied port of a Service, or undefined if the Service is not proxied or has no such port. */
export function servicePortInfo(service: KubeObject, which?: PortSelector): ServicePortInfo | undefined {
  if (!isProxied(service)) return undefined;
  const spec = service.spec ?? {};
  const ports: any[] = Array.isArray(spec.ports) ? spec.ports : [];
  const p = which === undefined ? ports[0]
    : typeof which === 'number' ? ports.find((x) => x?.port === which)
      : ports.find((x) => (x?.name ?? '') === which);
  if (!p) return undefined;
  const namespace = service.metadata?.namespace ?? '';
  const name = service.metadata?.name ?? '';
  const portName = p.name ?? '';
  const nodePort = typeof p.nodePort === 'number' ? p.nodePort : 0;
  const externalIPs = Array.isArray(spec.externalIPs) ? spec.externalIPs : [];
  const lbIngress = Array.isArray(service.status?.loadBalancer?.ingress) ? service.status.loadBalancer.ingress : [];
  // An ingress IP in Proxy mode is the load balancer's own address, not a VIP kube-proxy captures (LoadBalancerIPMode, GA in v1.32).
  const lbVIPs = lbIngress.filter((i: any) => i?.ip && i.ipMode !== 'Proxy');
  const externallyAccessible = nodePort !== 0 || externalIPs.length > 0 || lbVIPs.length > 0;
  const clientIP = spec.sessionAffinity === 'ClientIP';
  return {
    key: servicePortKey(namespace, name, portName),
    namespace, service: name, portName,
    port: p.port, protocol: p.protocol ?? 'TCP', nodePort,
    clusterIP: spec.clusterIP,
    externallyAccessible,
    internalPolicyLocal: spec.internalTrafficPolicy === 'Local',
    // upstream ExternalPolicyLocal: only for a Service that is externally accessible by its type or external IPs.
    externalPolicyLocal: spec.externalTrafficPolicy === 'Local' && externallyAccessibleByType(spec),
    sessionAffinity: clientIP ? 'ClientIP' : 'None',
    stickyMaxAgeSeconds: clientIP ? (spec.sessionAffinityConfig?.clientIP?.timeoutSeconds ?? DEFAULT_CLIENT_IP_AFFINITY_SECONDS) : 0,
  };
}

/** upstream apiservice.ExternallyAccessible: NodePort, LoadBalancer, or ClusterIP with external IPs. */
function externallyAccessibleByType(spec: any): boolean {
  return spec.type === 'NodePort' || spec.type === 'LoadBalancer'
    || (spec.type === 'ClusterIP' && Array.isArray(spec.externalIPs) && spec.externalIPs.length > 0);
}

/** upstream UsesClusterEndpoints: Cluster internal policy, or any outside traffic (for the short-circuit). */
export const usesClusterEndpoints = (i: ServicePortInfo) => !i.internalPolicyLocal || i.externallyAccessible;
/** upstream UsesLocalEndpoints. */
export const usesLocalEndpoints = (i: ServicePortInfo) => i.internalPolicyLocal || (i.externalPolicyLocal && i.externallyAccessible);
