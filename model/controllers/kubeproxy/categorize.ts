// Which of a Service port's endpoints kube-proxy may send traffic to.
//
// Ready endpoints first. Why the fallback to serving-and-terminating ones:
// during a rolling restart every old pod can be terminating (not ready, but
// still serving) before any new one is ready; sending nothing would drop
// every connection, so when no endpoint is ready kube-proxy uses the ones
// that still serve while they shut down. The fallback is decided separately
// for the Cluster list and for the Local list (this node only).
//
// "Has any endpoints" is about the whole cluster, not this node: it is what
// separates "rejected: nothing anywhere" from "dropped: nothing here" for a
// Local policy.
// upstream: pkg/proxy/topology.go (CategorizeEndpoints)
import type { KubeObject } from '../../api/types.js';
import { mergeEndpoints, type ProxyEndpoint } from './endpoints.js';
import { isProxied, servicePortInfo, usesClusterEndpoints, usesLocalEndpoints, type PortSelector, type ServicePortInfo } from './service-port.js';

export interface Categorized {
  /** The endpoints of the Cluster policy (every node); empty when the Service never uses it. */
  cluster: ProxyEndpoint[];
  /** The endpoints of the Local policy (this node); empty when the Service never uses it. */
  local: ProxyEndpoint[];
  /** Usable endpoints exist somewhere in the cluster. */
  hasAnyEndpoints: boolean;
}

const readyOrElseServingTerminating = (eps: readonly ProxyEndpoint[]): ProxyEndpoint[] => {
  const ready = eps.filter((e) => e.ready);
  return ready.length > 0 ? ready : eps.filter((e) => e.serving && e.terminating);
};

/** upstream CategorizeEndpoints, without topology hints. */
export function categorizeEndpoints(endpoints: readonly ProxyEndpoint[], info: ServicePortInfo): Categorized {
  let cluster: ProxyEndpoint[] = [];
  let local: ProxyEndpoint[] = [];
  let hasAnyEndpoints = false;
  if (usesClusterEndpoints(info)) {
    cluster = readyOrElseServingTerminating(endpoints);
    hasAnyEndpoints = cluster.length > 0;
  }
  if (usesLocalEndpoints(info)) {
    if (endpoints.some((e) => e.ready || (e.serving && e.terminating))) hasAnyEndpoints = true;
    local = readyOrElseServingTerminating(endpoints.filter((e) => e.isLocal));
  }
  return { cluster, local, hasAnyEndpoints };
}

export type Unrouted = 'NotProxied' | 'NoSuchPort';

export interface ServiceEndpoints extends Categorized {
  /** The port, or undefined when kube-proxy has no rules for it (see `unrouted`). */
  info: ServicePortInfo | undefined;
  unrouted?: Unrouted;
  /** Every merged endpoint of the port, usable or not, sorted by `ip:port`. */
  all: ProxyEndpoint[];
  /** The endpoints a connection to the clusterIP may reach from this node. */
  usable: ProxyEndpoint[];
}

/**
 * The endpoints of one Service port as the kube-proxy on `nodeName` sees them
 * (`port` picks the port by name or number; the first by default).
 */
export function endpointsFor(service: KubeObject, slices: readonly KubeObject[], nodeName: string, port?: PortSelector): ServiceEndpoints {
  const info = servicePortInfo(service, port);
  if (!info) {
    return { info: undefined, unrouted: isProxied(service) ? 'NoSuchPort' : 'NotProxied', all: [], cluster: [], local: [], usable: [], hasAnyEndpoints: false };
  }
  const all = mergeEndpoints(service, slices, { name: info.portName, protocol: info.protocol }, nodeName);
  const cat = categorizeEndpoints(all, info);
  return { info, all, ...cat, usable: info.internalPolicyLocal ? cat.local : cat.cluster };
}

