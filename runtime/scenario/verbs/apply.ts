// `apply: PATH | OBJECT | [OBJECTS]`: create, or replace the spec, labels and
// annotations of an existing object (the whole spec, not kubectl's 3-way
// merge); fields the system set and the manifest does not mention — a pod's
// nodeName — are kept, as a 3-way merge would keep them.
import type { KubeObject } from '../../../model/api/types.js';
import { ApiError } from '../../../model/api/errors.js';
import type { Cluster } from '../../cluster.js';
import { ScenarioError, type Step } from '../types.js';
import type { Verb } from './types.js';

export function applyObjects(cluster: Cluster, step: Step): void {
  const { store } = cluster;
  for (const lo of step.objects ?? []) {
    const obj = structuredClone(lo.object);
    const k = store.registry.info(obj.apiVersion, obj.kind)!;
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

/** `kind/name` of each object, or `-f FILE`. */
export function describeObjects(step: Step): string {
  const { verb, value } = step;
  let target: string;
  if (typeof value === 'string') target = `-f ${value}`;
  else {
    const objs = Array.isArray(value) ? value : [value];
    target = objs.map((o: any) => `${String(o?.kind ?? '?').toLowerCase()}/${o?.metadata?.name ?? o?.metadata?.generateName ?? '?'}`).join(' ');
  }
  const opts = Object.entries(step.options).map(([k, v]) => `--${k}=${String(v)}`).join(' ');
  return [verb, target, opts].filter(Boolean).join(' ');
}

/** No named object exists yet (the property driver's test for a create). */
export function objectsAbsent(cluster: Cluster, step: Step): boolean {
  return (step.objects ?? []).every((o) => !o.object.metadata.name || !cluster.store.get(o.object.kind, o.object.metadata.namespace ?? 'default', o.object.metadata.name));
}

export const apply: Verb = {
  name: 'apply',
  value: 'manifests',
  options: { namespace: 'string' },
  execute(cluster, step) { applyObjects(cluster, step); return undefined; },
  describe: describeObjects,
  applicable: objectsAbsent,
  generate: {
    weight: 6, group: 'always',
    draw: (k) => k.fc.array(k.rawPod, { minLength: 1, maxLength: 8 }),
    resolve(pods: unknown[], m, k) {
      const objs = (m.burst ? pods : pods.slice(0, 1)).map((p: any) => {
        const name = p.generated ? undefined : `pod-${m.pods.length + 1}`;
        if (name) m.pods.push(name);
        return k.podManifest(p, name);
      });
      return k.step('apply', objs);
    },
  },
};
