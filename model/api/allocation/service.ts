// What the Service store allocates for a create or an update, decided
// without touching the allocators: the Service as it will be stored (with
// clusterIPs, ipFamilies, ipFamilyPolicy, nodePorts and healthCheckNodePort
// filled in), the values to take and the values to give back, or the one
// error the client gets.
//
// Order, as upstream: IP families, then clusterIPs, then nodePorts, then the
// health check port; the first failure ends the request and nothing is
// taken. Upstream runs this before validating the object (the store's
// BeginCreate/BeginUpdate hooks come first), so a request with a taken
// clusterIP and a bad port name reports only the clusterIP.
// upstream: pkg/registry/core/service/storage/alloc.go (allocateCreate, allocateUpdate, releaseAllocatedResources),
//           pkg/registry/core/service/storage/storage.go (beginCreate, beginUpdate, normalizeClusterIPs)
import type { ApiError } from '../errors.js';
import { deepCopy, type KubeObject } from '../types.js';
import { allocClusterIPs, heldClusterIPs, updateClusterIPs } from './cluster-ips.js';
import { initIPFamilies } from './families.js';
import { allocNodePortsForCreate, allocNodePortsForUpdate, collectNodePorts, needsHealthCheck } from './node-ports.js';
import { commitAllocations, PendingAllocations, type AllocationChanges, type Allocators } from './pending.js';
import { serviceInvalid } from './status.js';

export interface ServiceAllocationPlan extends AllocationChanges {
  /** A copy of the request with the allocated values written in; the input is not changed. */
  service: KubeObject;
}

export type ServiceAllocationOutcome = { ok: true; plan: ServiceAllocationPlan } | { ok: false; error: ApiError };

const nameOf = (svc: KubeObject) => svc.metadata?.name ?? '';

/** A client that sent only the singular clusterIP gets the plural filled from it. */
function normalizeClusterIPs(spec: any): void {
  if (spec.clusterIP && !(Array.isArray(spec.clusterIPs) && spec.clusterIPs.length > 0)) spec.clusterIPs = [spec.clusterIP];
}

function done(service: KubeObject, pending: PendingAllocations): ServiceAllocationOutcome {
  return { ok: true, plan: { service, ...pending.result() } };
}

/**
 * Plan a create. `service` is the defaulted request; `rand` is the seeded
 * stream random picks draw from (one or two draws per random value).
 */
export function planServiceCreate(service: KubeObject, allocators: Allocators, rand: () => number): ServiceAllocationOutcome {
  const svc = deepCopy(service);
  const spec = (svc.spec ??= {});
  const name = nameOf(svc);
  normalizeClusterIPs(spec);
  const familyErrs = initIPFamilies(spec);
  if (familyErrs.length > 0) return { ok: false, error: serviceInvalid(name, familyErrs) };
  const pending = new PendingAllocations(allocators, rand);
  const ipErr = allocClusterIPs(name, spec, pending);
  if (ipErr) return { ok: false, error: ipErr };
  const portErr = allocNodePortsForCreate(name, spec, pending);
  if (portErr) return { ok: false, error: portErr };
  return done(svc, pending);
}

/**
 * Plan an update from the stored `old` to the request `service` (after the
 * client's omitted allocated values were copied over from `old`, as the
 * Service admission's prepareServiceUpdate does).
 */
export function planServiceUpdate(service: KubeObject, old: KubeObject, allocators: Allocators, rand: () => number): ServiceAllocationOutcome {
  const svc = deepCopy(service);
  const spec = (svc.spec ??= {});
  const oldSpec = old.spec ?? {};
  const name = nameOf(svc);
  normalizeClusterIPs(spec);
  const familyErrs = initIPFamilies(spec, oldSpec);
  if (familyErrs.length > 0) return { ok: false, error: serviceInvalid(name, familyErrs) };
  const pending = new PendingAllocations(allocators, rand);
  const ipErr = updateClusterIPs(name, spec, oldSpec, pending);
  if (ipErr) return { ok: false, error: ipErr };
  const portErr = allocNodePortsForUpdate(name, spec, oldSpec, pending);
  if (portErr) return { ok: false, error: portErr };
  return done(svc, pending);
}

/** Create when there is no stored object, update otherwise. */
export function planServiceAllocation(service: KubeObject, old: KubeObject | undefined, allocators: Allocators, rand: () => number): ServiceAllocationOutcome {
  return old ? planServiceUpdate(service, old, allocators, rand) : planServiceCreate(service, allocators, rand);
}

/** Take and release what a successful plan says (after the object is stored). */
export function commitServicePlan(plan: AllocationChanges, allocators: Allocators): void {
  commitAllocations(plan, allocators);
}

/** What a deleted Service gives back: its clusterIPs, every nodePort, and its health check port. */
export function serviceReleases(service: KubeObject): AllocationChanges['release'] {
  const spec = service.spec ?? {};
  const ports = collectNodePorts(spec);
  if (needsHealthCheck(spec) && typeof spec.healthCheckNodePort === 'number' && spec.healthCheckNodePort > 0) ports.push(spec.healthCheckNodePort);
  return { ips: heldClusterIPs(spec), ports };
}

/** Release a deleted Service's values; releasing what is already free is a no-op. */
export function releaseService(service: KubeObject, allocators: Allocators): void {
  const r = serviceReleases(service);
  for (const ip of r.ips) allocators.ip.release(ip);
  for (const port of r.ports) allocators.ports.release(port);
}
