// kube-proxy's routing decision, pure: which endpoints a Service port has on
// a node (merged from EndpointSlices, categorised by readiness and traffic
// policy) and where one new connection goes (random pick, session affinity,
// or rejected / dropped / unrouted). The runtime owns the per-node affinity
// table and the seeded stream.
export {
  mergeEndpoints, slicesOf, watchedByKubeProxy, LABEL_SERVICE_NAME, LABEL_HEADLESS, LABEL_SERVICE_PROXY_NAME,
  type ProxyEndpoint, type PortKey,
} from './endpoints.js';
export {
  servicePortInfo, servicePortKey, isProxied, usesClusterEndpoints, usesLocalEndpoints, type ServicePortInfo, type PortSelector,
} from './service-port.js';
export { categorizeEndpoints, endpointsFor, type Categorized, type ServiceEndpoints, type Unrouted } from './categorize.js';
export { AffinityTable, affinityListKey, RECENT_LIST_MAX } from './affinity.js';
export { chooseEndpoint, describeOutcome, probability, randomPick, type ProxyOutcome, type ProxyRequest } from './choose.js';
