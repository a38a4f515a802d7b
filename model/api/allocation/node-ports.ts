// Which nodePorts (and the healthCheckNodePort) a Service request takes and
// gives back.
//
// Why one nodePort can serve two ports: a Service exposing port 53 over TCP
// and over UDP wants one number on the node for both, so the second port with
// the same `port` reuses the first one's nodePort instead of taking another.
// A nodePort the client wrote anywhere in the list for that port number wins
// over a random one.
// upstream: pkg/registry/core/service/storage/alloc.go (txnAllocNodePorts, initNodePorts, findRequestedNodePort,
//           allocHealthCheckNodePort, txnUpdateNodePorts, updateNodePorts, updateHealthCheckNodePort, shouldAllocateNodePorts)
import { invalidValue } from '../errors.js';
import type { ApiError } from '../errors.js';
import type { PendingAllocations } from './pending.js';
import { internalError, plainError, serviceInvalid } from './status.js';

const ports = (spec: any): any[] => (Array.isArray(spec?.ports) ? spec.ports : []);
const nodePortOf = (p: any): number => (typeof p?.nodePort === 'number' ? p.nodePort : 0);

export const needsNodePorts = (spec: any): boolean => spec?.type === 'NodePort' || spec?.type === 'LoadBalancer';

/** A LoadBalancer may opt out of nodePorts (allocateLoadBalancerNodePorts: false); requested ones are still honoured. */
export function shouldAllocateNodePorts(spec: any): boolean {
  if (spec?.type === 'NodePort') return true;
  return spec?.type === 'LoadBalancer' && spec.allocateLoadBalancerNodePorts !== false;
}

/** upstream apiservice.NeedsHealthCheck: a LoadBalancer that keeps the client's source IP. */
export const needsHealthCheck = (spec: any): boolean => spec?.type === 'LoadBalancer' && spec.externalTrafficPolicy === 'Local';

/** Every nodePort the spec names (duplicates kept: releasing twice is harmless). */
export function collectNodePorts(spec: any): number[] {
  return ports(spec).map(nodePortOf).filter((n) => n !== 0);
}

function nodePortError(name: string, i: number, value: number, why: string): ApiError {
  return serviceInvalid(name, [invalidValue(`spec.ports[${i}].nodePort`, value, why)]);
}

/** Create: fill in every port's nodePort, writing into `spec`. */
export function initNodePorts(name: string, spec: any, pending: PendingAllocations): ApiError | undefined {
  const byPort = new Map<number, number>();
  const list = ports(spec);
  for (let i = 0; i < list.length; i++) {
    const p = list[i];
    if (nodePortOf(p) === 0 && !shouldAllocateNodePorts(spec)) continue;
    const already = byPort.get(p?.port) ?? 0;
    if (already === 0) {
      // The first port with this number and a nodePort, anywhere in the list.
      const requested = list.map(nodePortOf).find((np, j) => np !== 0 && list[j]?.port === p?.port) ?? 0;
      if (requested !== 0) {
        const r = pending.allocatePort(requested);
        if (!r.ok) return nodePortError(name, i, requested, r.error.message);
        p.nodePort = requested;
        byPort.set(p?.port, requested);
      } else {
        const r = pending.allocateNextPort();
        if (!r.ok) return internalError(`failed to allocate a nodePort: ${r.error.message}`);
        p.nodePort = r.value;
        byPort.set(p?.port, r.value);
      }
    } else if (nodePortOf(p) !== already) {
      if (nodePortOf(p) === 0) p.nodePort = already;
      else {
        const r = pending.allocatePort(p.nodePort);
        if (!r.ok) return nodePortError(name, i, p.nodePort, r.error.message);
      }
    }
  }
  return undefined;
}

/** The healthCheckNodePort of a LoadBalancer with externalTrafficPolicy Local; the text of the failure, if any. */
export function allocHealthCheckNodePort(spec: any, pending: PendingAllocations): string | undefined {
  const requested = typeof spec.healthCheckNodePort === 'number' ? spec.healthCheckNodePort : 0;
  if (requested !== 0) {
    const r = pending.allocatePort(requested);
    return r.ok ? undefined : `failed to allocate requested HealthCheck NodePort ${requested}: ${r.error.message}`;
  }
  const r = pending.allocateNextPort();
  // Upstream prints the zero its failed call returned.
  if (!r.ok) return `failed to allocate a HealthCheck NodePort 0: ${r.error.message}`;
  spec.healthCheckNodePort = r.value;
  return undefined;
}

/** Create: nodePorts, then the health check port. */
export function allocNodePortsForCreate(name: string, spec: any, pending: PendingAllocations): ApiError | undefined {
  if (needsNodePorts(spec)) {
    const err = initNodePorts(name, spec, pending);
    if (err) return err;
  }
  if (needsHealthCheck(spec)) {
    const why = allocHealthCheckNodePort(spec, pending);
    if (why) return internalError(why);
  }
  return undefined;
}

/** Update: keep the ports the old object held, take new ones, release the ones no longer named. */
function updateNodePorts(name: string, spec: any, oldSpec: any, pending: PendingAllocations): ApiError | undefined {
  const held = collectNodePorts(oldSpec);
  const taken = new Set<number>();
  const seen = new Set<string>();
  const list = ports(spec);
  for (let i = 0; i < list.length; i++) {
    const p = list[i];
    if (nodePortOf(p) === 0 && !shouldAllocateNodePorts(spec)) continue;
    if (nodePortOf(p) !== 0) {
      if (!held.includes(p.nodePort) && !taken.has(p.nodePort)) {
        const r = pending.allocatePort(p.nodePort);
        if (!r.ok) return nodePortError(name, i, p.nodePort, r.error.message);
        taken.add(p.nodePort);
      }
    } else {
      const r = pending.allocateNextPort();
      if (!r.ok) return internalError(`failed to allocate a nodePort: ${r.error.message}`);
      p.nodePort = r.value;
    }
    const key = `${p.protocol} ${p.nodePort}`;
    // Go prints the {Protocol NodePort} pair with %v.
    if (seen.has(key)) return plainError(`duplicate nodePort: {${key}}`);
    seen.add(key);
  }
  const kept = collectNodePorts(spec);
  for (const old of held) if (!kept.includes(old)) pending.releasePortDeferred(old);
  return undefined;
}

/** Update: type changes release or take nodePorts; externalTrafficPolicy changes the health check port. */
export function allocNodePortsForUpdate(name: string, spec: any, oldSpec: any, pending: PendingAllocations): ApiError | undefined {
  if (needsNodePorts(oldSpec) && (spec.type === 'ExternalName' || spec.type === 'ClusterIP')) {
    for (const old of collectNodePorts(oldSpec)) pending.releasePortDeferred(old);
  }
  if (needsNodePorts(spec)) {
    const err = updateNodePorts(name, spec, oldSpec, pending);
    if (err) return err;
  }
  const needed = needsHealthCheck(oldSpec);
  const needs = needsHealthCheck(spec);
  if (!needed && needs) {
    const why = allocHealthCheckNodePort(spec, pending);
    if (why) return internalError(why);
  } else if (needed && !needs && typeof oldSpec.healthCheckNodePort === 'number' && oldSpec.healthCheckNodePort !== 0) {
    pending.releasePortDeferred(oldSpec.healthCheckNodePort);
  }
  return undefined;
}
