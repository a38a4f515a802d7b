// Manifests and probes shared by the ReplicaSet controller tests, the
// property suite and the benchmark.
import type { KubeObject } from '../../../model/api/types.js';
import { controllerRef } from '../../../model/controllers/claim.js';
import { isPodActive } from '../../../model/controllers/podutil.js';
import type { Cluster } from '../../cluster.js';

export interface OwnerOptions {
  replicas?: number;
  selector?: Record<string, string>;
  /** Template labels; default the selector's. */
  labels?: Record<string, string>;
  image?: string;
  minReadySeconds?: number;
  namespace?: string;
}

const template = (labels: Record<string, string>, image: string) => ({
  metadata: { labels }, spec: { containers: [{ name: 'app', image }] },
});

export function replicaSet(name: string, o: OwnerOptions = {}): KubeObject {
  const selector = o.selector ?? { app: name };
  return {
    apiVersion: 'apps/v1', kind: 'ReplicaSet', metadata: { name, namespace: o.namespace },
    spec: {
      replicas: o.replicas ?? 1, selector: { matchLabels: selector }, template: template(o.labels ?? selector, o.image ?? 'nginx:1.27'),
      ...(o.minReadySeconds !== undefined ? { minReadySeconds: o.minReadySeconds } : {}),
    },
  };
}

export function replicationController(name: string, o: OwnerOptions = {}): KubeObject {
  const selector = o.selector ?? { app: name };
  return {
    apiVersion: 'v1', kind: 'ReplicationController', metadata: { name, namespace: o.namespace },
    spec: { replicas: o.replicas ?? 1, selector, template: template(o.labels ?? selector, o.image ?? 'nginx:1.27') },
  };
}

export function nakedPod(name: string, labels: Record<string, string>, image = 'nginx:1.27'): KubeObject {
  return { apiVersion: 'v1', kind: 'Pod', metadata: { name, labels }, spec: { containers: [{ name: 'app', image }] } };
}

/** Pods (in the store) whose ControllerRef is this owner's; `active` drops finished and terminating ones. */
export function ownedPods(c: Cluster, kind: string, name: string, active = true, ns = 'default'): KubeObject[] {
  const owner = c.store.get(kind, ns, name);
  if (!owner) return [];
  return c.store.list('Pod', { namespace: ns }).filter((p) => controllerRef(p)?.uid === owner.metadata.uid && (!active || isPodActive(p)));
}

export const eventsOf = (c: Cluster, reason: string): string[] =>
  c.store.list('Event').filter((e) => (e as { reason?: string }).reason === reason).map((e) => String((e as { message?: string }).message));
