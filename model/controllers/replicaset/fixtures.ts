// Test fixtures for the ReplicaSet modules: pods described by the facts the
// deletion ranking and the status look at.
import type { KubeObject } from '../../api/types.js';

const EPOCH = Date.UTC(2017, 2, 11);
const iso = (ms: number) => new Date(EPOCH + ms).toISOString().replace('.000Z', 'Z');

let n = 0;
/** A running, ready, scheduled pod created at `createdS` seconds (override anything). */
export function pod(over: { name?: string; node?: string | null; phase?: string; ready?: boolean; readyS?: number; createdS?: number; restarts?: number; cost?: number; uid?: string } = {}): KubeObject {
  const name = over.name ?? `p${++n}`;
  const ready = over.ready ?? true;
  return {
    apiVersion: 'v1', kind: 'Pod',
    metadata: {
      name, namespace: 'default', uid: over.uid ?? `uid-${name}`, creationTimestamp: iso((over.createdS ?? 0) * 1000),
      ...(over.cost !== undefined ? { annotations: { 'controller.kubernetes.io/pod-deletion-cost': String(over.cost) } } : {}),
    },
    spec: { ...(over.node === null ? {} : { nodeName: over.node ?? 'node-1' }), containers: [{ name: 'c', image: 'x' }] },
    status: {
      phase: over.phase ?? 'Running',
      conditions: [{ type: 'Ready', status: ready ? 'True' : 'False', lastTransitionTime: iso((over.readyS ?? over.createdS ?? 0) * 1000) }],
      containerStatuses: [{ name: 'c', restartCount: over.restarts ?? 0 }],
    },
  };
}
