// `apply` and `create` steps. Apply creates, or replaces the spec, labels and
// annotations of an existing object (the whole spec, not kubectl's 3-way
// merge); fields the system set and the manifest does not mention — a pod's
// nodeName — are kept, as a 3-way merge would keep them.
import type { KubeObject } from '../../model/api/types.js';
import { kindInfo } from '../../model/api/kinds.js';
import { ScenarioError, type Step } from './types.js';
import type { Cluster } from '../cluster.js';
import { ApiError } from '../../model/api/errors.js';

export function applyStep(cluster: Cluster, step: Step): void {
  const { store } = cluster;
  for (const lo of step.objects ?? []) {
    const obj = structuredClone(lo.object);
    const k = kindInfo(obj.apiVersion, obj.kind)!;
    if (k.namespaced && !obj.metadata.namespace && step.options.namespace) obj.metadata.namespace = step.options.namespace as string;
    try {
      const existing = obj.metadata.name ? store.get(obj.kind, k.namespaced ? obj.metadata.namespace || 'default' : undefined, obj.metadata.name) : undefined;
      if (step.verb === 'create' || !existing) {
        store.create(obj);
        continue;
      }
      const next = structuredClone(existing) as KubeObject;
      next.metadata.labels = obj.metadata.labels;
      next.metadata.annotations = obj.metadata.annotations;
      if (obj.kind === 'Pod' && existing.spec?.nodeName && !obj.spec?.nodeName) obj.spec = { ...obj.spec, nodeName: existing.spec.nodeName };
      for (const [key, value] of Object.entries(obj)) {
        if (key !== 'metadata' && key !== 'status' && key !== 'apiVersion' && key !== 'kind') (next as any)[key] = value;
      }
      store.update(next);
    } catch (e) {
      if (e instanceof ApiError) throw new ScenarioError(lo.locate(e.causes[0]?.field ?? ''), e.message);
      throw e;
    }
  }
}
