// The EndpointSlice controller's pure logic: what tests call directly and the
// runtime controller performs through the API (syncService, then the plan).
export * from './constants.js';
export {
  isPodTerminal, shouldPodBeInEndpoints, shouldSetHostname, isIPv6String, endpointAddresses, podToEndpoint,
  findPort, endpointPorts, type Endpoint, type EndpointPort,
} from './endpoints.js';
export {
  desiredEndpoints, endpointKey, portKey, portMapKey, sortPorts, type DesiredEndpoints, type PortGroup,
} from './desired.js';
export {
  isServiceIPSet, endpointSliceLabels, endpointSlicePrefix, serviceControllerRef, newEndpointSlice, ownedBy,
  managedByController, serviceControllerKey, getSliceToFill, endpointsEqualBeyondHash, equalsPlaceholder,
} from './slices.js';
export { reconcile, type ReconcileInput, type EndpointSlicePlan } from './reconcile.js';
export { managesService, podsForService, slicesForService, syncService, type SyncInput, type SyncResult } from './sync.js';
