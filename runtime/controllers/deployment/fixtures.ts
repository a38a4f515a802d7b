// Manifests and probes shared by the deployment controller tests, the
// Deployment property suite and the benchmark.
import type { KubeObject } from '../../../model/api/types.js';
import { controllerRef } from '../../../model/controllers/claim.js';
import { isPodActive } from '../../../model/controllers/podutil.js';
import type { Cluster } from '../../cluster.js';

export interface DeploymentOptions {
  replicas?: number;
  image?: string;
  maxSurge?: number | string;
  maxUnavailable?: number | string;
  recreate?: boolean;
  minReadySeconds?: number;
  progressDeadlineSeconds?: number;
  revisionHistoryLimit?: number;
  paused?: boolean;
  labels?: Record<string, string>;
}

export function deployment(name: string, o: DeploymentOptions = {}): KubeObject {
  const labels = o.labels ?? { app: name };
  const spec: any = {
    replicas: o.replicas ?? 3,
    selector: { matchLabels: { app: labels.app ?? name } },
    template: { metadata: { labels }, spec: { containers: [{ name: 'app', image: o.image ?? 'web:1.0' }] } },
    strategy: o.recreate ? { type: 'Recreate' }
      : { type: 'RollingUpdate', rollingUpdate: { maxSurge: o.maxSurge ?? '25%', maxUnavailable: o.maxUnavailable ?? '25%' } },
  };
  for (const k of ['minReadySeconds', 'progressDeadlineSeconds', 'revisionHistoryLimit', 'paused'] as const) if (o[k] !== undefined) spec[k] = o[k];
  return { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name }, spec };
}

/** The ReplicaSets a Deployment controls, oldest revision first. */
export function replicaSetsOf(c: Cluster, name: string, ns = 'default'): KubeObject[] {
  const d = c.store.get('Deployment', ns, name);
  if (!d) return [];
  return c.store.list('ReplicaSet', { namespace: ns })
    .filter((rs) => controllerRef(rs)?.uid === d.metadata.uid)
    .sort((a, b) => Number(a.metadata.annotations?.['deployment.kubernetes.io/revision'] ?? 0) - Number(b.metadata.annotations?.['deployment.kubernetes.io/revision'] ?? 0));
}

/** Active pods controlled by one of the Deployment's ReplicaSets, by image. */
export function podsByImage(c: Cluster, name: string): Record<string, number> {
  const uids = new Set(replicaSetsOf(c, name).map((rs) => rs.metadata.uid));
  const out: Record<string, number> = {};
  for (const p of c.store.list('Pod')) {
    if (!isPodActive(p) || !uids.has(controllerRef(p)?.uid)) continue;
    const img = p.spec?.containers?.[0]?.image;
    out[img] = (out[img] ?? 0) + 1;
  }
  return out;
}

export function setImage(c: Cluster, name: string, image: string, ns = 'default'): void {
  const d = structuredClone(c.store.mustGet('Deployment', ns, name));
  d.spec.template.spec.containers[0].image = image;
  delete d.metadata.resourceVersion;
  c.store.update(d);
}
