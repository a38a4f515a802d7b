// One request's allocations before they are committed: the values promised
// to it and the values it will give back.
//
// Why releases wait: it is better to leak a port than to hand it out twice.
// An update that gives up nodePort 30080 and asks for a new one must not be
// offered 30080 again in the same request, and if the request fails the old
// owner still holds it. So releases are only recorded here and happen at
// commit, after the new values are taken.
// upstream: pkg/registry/core/service/portallocator/operation.go (PortAllocationOperation: Allocate, AllocateNext, ReleaseDeferred)
import type { AllocResult } from './errors.js';
import { fail, ok } from './errors.js';
import type { IPAllocator } from './ip-allocator.js';
import type { PortAllocator } from './port-allocator.js';

export interface Allocators {
  ip: IPAllocator;
  ports: PortAllocator;
}

/** What a successful request changes, in the order commit applies it. */
export interface AllocationChanges {
  allocate: { ips: string[]; ports: number[] };
  release: { ips: string[]; ports: number[] };
}

export class PendingAllocations {
  private readonly ipSlots = new Set<number>();
  private readonly portSlots = new Set<number>();
  private readonly changes: AllocationChanges = { allocate: { ips: [], ports: [] }, release: { ips: [], ports: [] } };

  constructor(private readonly allocators: Allocators, private readonly rand: () => number) {}

  allocateIP(ip: string): AllocResult<string> {
    const r = this.allocators.ip.check(ip, this.ipSlots);
    if (!r.ok) return fail(r.error);
    this.ipSlots.add(r.value);
    this.changes.allocate.ips.push(ip);
    return ok(ip);
  }

  allocateNextIP(): AllocResult<string> {
    const r = this.allocators.ip.peekNext(this.rand, this.ipSlots);
    if (!r.ok) return fail(r.error);
    this.ipSlots.add(r.value);
    const ip = this.allocators.ip.valueAt(r.value);
    this.changes.allocate.ips.push(ip);
    return ok(ip);
  }

  allocatePort(port: number): AllocResult<number> {
    const r = this.allocators.ports.check(port, this.portSlots);
    if (!r.ok) return fail(r.error);
    this.portSlots.add(r.value);
    this.changes.allocate.ports.push(port);
    return ok(port);
  }

  allocateNextPort(): AllocResult<number> {
    const r = this.allocators.ports.peekNext(this.rand, this.portSlots);
    if (!r.ok) return fail(r.error);
    this.portSlots.add(r.value);
    const port = this.allocators.ports.valueAt(r.value);
    this.changes.allocate.ports.push(port);
    return ok(port);
  }

  releaseIPDeferred(ip: string): void {
    this.changes.release.ips.push(ip);
  }

  releasePortDeferred(port: number): void {
    this.changes.release.ports.push(port);
  }

  result(): AllocationChanges {
    return this.changes;
  }
}

/**
 * Apply a plan made against these allocators: take every promised value,
 * then give back the released ones. A value that is no longer free means the
 * plan is stale (the allocators changed between plan and commit), which is a
 * bug in the caller, so it throws and leaves the allocators as they were.
 */
export function commitAllocations(changes: AllocationChanges, allocators: Allocators): void {
  const takenIPs: string[] = [];
  const takenPorts: number[] = [];
  const undo = () => {
    for (const ip of takenIPs) allocators.ip.release(ip);
    for (const p of takenPorts) allocators.ports.release(p);
  };
  for (const ip of changes.allocate.ips) {
    const r = allocators.ip.allocate(ip);
    if (!r.ok) { undo(); throw new Error(`stale allocation plan: IP ${ip}: ${r.error.message}`); }
    takenIPs.push(ip);
  }
  for (const port of changes.allocate.ports) {
    const r = allocators.ports.allocate(port);
    if (!r.ok) { undo(); throw new Error(`stale allocation plan: port ${port}: ${r.error.message}`); }
    takenPorts.push(port);
  }
  for (const ip of changes.release.ips) allocators.ip.release(ip);
  for (const port of changes.release.ports) allocators.ports.release(port);
}
