// Test fixtures: Deployments and ReplicaSets described by the fields the
// controller's arithmetic reads.
import type { KubeObject } from '../../api/types.js';
import { DESIRED_REPLICAS, MAX_REPLICAS, REVISION } from './annotations.js';

const iso = (s: number) => new Date(Date.UTC(2017, 2, 11) + s * 1000).toISOString().replace('.000Z', 'Z');

export interface DeployOpts {
  replicas?: number; maxSurge?: number | string; maxUnavailable?: number | string; recreate?: boolean;
  image?: string; paused?: boolean; generation?: number; status?: any; progressDeadlineSeconds?: number; revisionHistoryLimit?: number;
}

export function deploy(o: DeployOpts = {}): KubeObject {
  return {
    apiVersion: 'apps/v1', kind: 'Deployment',
    metadata: { name: 'web', namespace: 'default', uid: 'd-uid', generation: o.generation ?? 1 },
    spec: {
      replicas: o.replicas ?? 10,
      selector: { matchLabels: { app: 'web' } },
      strategy: o.recreate ? { type: 'Recreate' } : { type: 'RollingUpdate', rollingUpdate: { maxSurge: o.maxSurge ?? '25%', maxUnavailable: o.maxUnavailable ?? '25%' } },
      template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'web', image: o.image ?? 'web:1' }] } },
      progressDeadlineSeconds: o.progressDeadlineSeconds ?? 600,
      revisionHistoryLimit: o.revisionHistoryLimit ?? 10,
      ...(o.paused ? { paused: true } : {}),
    },
    status: o.status ?? {},
  };
}

export interface RSOpts {
  name?: string; replicas: number; available?: number; ready?: number; actual?: number; createdS?: number; revision?: number | string;
  image?: string; desired?: number; max?: number; generation?: number; observedGeneration?: number; deleting?: boolean;
}

export function rs(o: RSOpts): KubeObject {
  const name = o.name ?? `web-${o.image ?? 'x'}`;
  const ann: Record<string, string> = {};
  if (o.revision !== undefined) ann[REVISION] = String(o.revision);
  if (o.desired !== undefined) ann[DESIRED_REPLICAS] = String(o.desired);
  if (o.max !== undefined) ann[MAX_REPLICAS] = String(o.max);
  const actual = o.actual ?? o.replicas;
  return {
    apiVersion: 'apps/v1', kind: 'ReplicaSet',
    metadata: {
      name, namespace: 'default', uid: `uid-${name}`, creationTimestamp: iso(o.createdS ?? 0), annotations: ann,
      generation: o.generation ?? 1, ...(o.deleting ? { deletionTimestamp: iso(100) } : {}),
      ownerReferences: [{ apiVersion: 'apps/v1', kind: 'Deployment', name: 'web', uid: 'd-uid', controller: true, blockOwnerDeletion: true }],
    },
    spec: {
      replicas: o.replicas,
      selector: { matchLabels: { app: 'web', 'pod-template-hash': name } },
      template: { metadata: { labels: { app: 'web', 'pod-template-hash': name } }, spec: { containers: [{ name: 'web', image: o.image ?? 'web:1' }] } },
    },
    status: { replicas: actual, availableReplicas: o.available ?? actual, readyReplicas: o.ready ?? o.available ?? actual, observedGeneration: o.observedGeneration ?? o.generation ?? 1 },
  };
}

export { iso };
