// Which clusterIPs a Service request takes and gives back.
//
// A Service gets addresses when it is created with a type that has one
// (anything but ExternalName) and is not headless, and again when it changes
// from ExternalName to such a type; it gives them back when it becomes
// ExternalName. A clusterIP never changes otherwise (validation forbids it),
// so an ordinary update allocates nothing here.
// upstream: pkg/registry/core/service/storage/alloc.go (allocClusterIPs, allocIPs, updateClusterIPs, releaseClusterIPs)
import { invalidValue } from '../errors.js';
import type { ApiError } from '../errors.js';
import { matchingPreferDualStack } from './families.js';
import { familyOf } from './ipv4.js';
import type { PendingAllocations } from './pending.js';
import { internalError, serviceInvalid } from './status.js';

const list = (v: unknown): string[] => (Array.isArray(v) ? v.map(String) : []);

/**
 * Allocate every family's address, writing them into spec.clusterIPs and
 * spec.clusterIP. An empty entry (or a missing one) means "any address".
 */
export function allocClusterIPs(name: string, spec: any, pending: PendingAllocations): ApiError | undefined {
  if (spec.type === 'ExternalName') return undefined;
  const ips = list(spec.clusterIPs);
  if (ips[0] === 'None') return undefined;
  const families = list(spec.ipFamilies);
  // An empty entry is the marker for "allocate one", as upstream.
  while (ips.length < families.length) ips.push('');
  for (let i = 0; i < families.length; i++) {
    // Only the cluster's own family gets this far; families.ts refused the rest.
    if (families[i] !== 'IPv4') continue;
    const ip = ips[i]!;
    if (ip === '') {
      const r = pending.allocateNextIP();
      if (!r.ok) return internalError(`failed to allocate a serviceIP: ${r.error.message}`);
      ips[i] = r.value;
    } else {
      if (familyOf(ip) === 'unknown') return internalError(`failed to parse service IP "${ip}"`);
      const r = pending.allocateIP(ip);
      if (!r.ok) return serviceInvalid(name, [invalidValue('spec.clusterIPs', ips, `failed to allocate IP ${ip}: ${r.error.message}`)]);
    }
  }
  if (ips.length > 0) {
    spec.clusterIPs = ips;
    spec.clusterIP = ips[0];
  }
  return undefined;
}

/** The addresses a Service holds (none for ExternalName or headless), the cluster's family only. */
export function heldClusterIPs(spec: any): string[] {
  if (spec?.type === 'ExternalName') return [];
  const ips = list(spec?.clusterIPs);
  if (ips.length === 0 && spec?.clusterIP) ips.push(String(spec.clusterIP));
  if (ips[0] === 'None') return [];
  return ips.filter((ip) => familyOf(ip) === 'IPv4');
}

/** On update: allocate when leaving ExternalName, release when entering it, otherwise leave the addresses alone. */
export function updateClusterIPs(name: string, spec: any, oldSpec: any, pending: PendingAllocations): ApiError | undefined {
  if (matchingPreferDualStack(spec, oldSpec)) return undefined;
  if (oldSpec.type === 'ExternalName' && spec.type !== 'ExternalName') return allocClusterIPs(name, spec, pending);
  if (list(oldSpec.clusterIPs)[0] === 'None') return undefined;
  if (oldSpec.type !== 'ExternalName' && spec.type === 'ExternalName') {
    for (const ip of heldClusterIPs(oldSpec)) pending.releaseIPDeferred(ip);
  }
  // Adding or removing a second family is dual-stack only; this cluster has one family.
  return undefined;
}
