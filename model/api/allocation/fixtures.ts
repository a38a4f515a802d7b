// Test helpers for the Service allocation tests: a defaulted Service, fresh
// allocators, and the two sides of an outcome.
import type { KubeObject } from '../types.js';
import { IPAllocator } from './ip-allocator.js';
import { PortAllocator } from './port-allocator.js';
import type { Allocators } from './pending.js';
import type { ServiceAllocationOutcome } from './service.js';

export const zero = () => 0;

/** A Service as admission leaves it: defaulted, not yet allocated. */
export function svc(spec: Record<string, unknown> = {}, name = 'web'): KubeObject {
  return {
    apiVersion: 'v1', kind: 'Service', metadata: { name, namespace: 'default' },
    spec: { type: 'ClusterIP', selector: { app: 'web' }, ports: [{ port: 80, protocol: 'TCP', targetPort: 80 }], sessionAffinity: 'None', ...spec },
  };
}

export function allocators(cidr?: string, ports?: { min: number; max: number }): Allocators {
  return { ip: new IPAllocator(cidr), ports: new PortAllocator(ports) };
}

export function planOf(o: ServiceAllocationOutcome) {
  if (!o.ok) throw new Error(`expected a plan, got: ${o.error.message}`);
  return o.plan;
}

export function errorOf(o: ServiceAllocationOutcome) {
  if (o.ok) throw new Error('expected an error, got a plan');
  return o.error;
}
