// Service clusterIP and nodePort allocation, as the v1.32 API server's
// Service store does it: two range allocators and a pure planner that turns
// a create, update or delete into values to take and give back, or into the
// error the client sees.
export { IPAllocator, DEFAULT_SERVICE_CIDR, MAX_CIDR_HOST_BITS, MIN_CIDR_ADDRESSES } from './ip-allocator.js';
export { PortAllocator, type PortRange } from './port-allocator.js';
export { RangeAllocator } from './range.js';
export { SubrangeBitmap, staticBlockSize, IP_STATIC_BLOCK, PORT_STATIC_BLOCK } from './bitmap.js';
export {
  ERR_FULL, ERR_IP_ALLOCATED, ERR_PORT_ALLOCATED, ipNotInRange, portNotInRange,
  type AllocatorError, type AllocatorErrorKind, type AllocResult,
} from './errors.js';
export { commitAllocations, PendingAllocations, type AllocationChanges, type Allocators } from './pending.js';
export { initIPFamilies, CLUSTER_FAMILIES } from './families.js';
export { parseIPv4, formatIPv4, parseCIDR, familyOf, type IPFamily } from './ipv4.js';
export {
  planServiceCreate, planServiceUpdate, planServiceAllocation, commitServicePlan, serviceReleases, releaseService,
  type ServiceAllocationPlan, type ServiceAllocationOutcome,
} from './service.js';
