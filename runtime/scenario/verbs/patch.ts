// `patch: KIND/NAME` with `merge` (a JSON merge patch, RFC 7396), on the
// object, its `status` subresource or its `scale` subresource, as `kubectl
// patch --type merge [--subresource status|scale]`. The patched object is
// decoded as strictly as an applied one (unknown fields, wrong types: the
// API server's words) before admission sees it, so a patch cannot store what
// a manifest could not.
import { ApiError } from '../../../model/api/errors.js';
import { checkSchema, goZeroNulls } from '../../../model/api/schema.js';
import { strictDecodingError } from '../../../model/api/crd/index.js';
import type { KubeObject } from '../../../model/api/types.js';
import { mergePatch } from '../../mergepatch.js';
import type { Cluster } from '../../cluster.js';
import type { Verb } from './types.js';
import { target } from './common.js';

// upstream: kubectl patch's --subresource values
const SUBRESOURCES = ['status', 'scale'];
// upstream: the kinds with a scale subresource among the model's (apps/v1, core/v1 RC)
const SCALABLE = new Set(['Deployment', 'ReplicaSet', 'ReplicationController', 'StatefulSet']);

/** The decoding error of a patched object, as the API server would answer the patch (BadRequest). */
function decodeError(cluster: Cluster, obj: KubeObject): string | undefined {
  const cr = cluster.store.registry.customResource(obj.kind);
  return (cr ? strictDecodingError(obj, cr) : checkSchema(obj))?.message;
}

export const patch: Verb = {
  name: 'patch',
  value: 'target',
  options: { namespace: 'string', merge: 'map', subresource: 'string' },
  required: ['merge'],
  check(step) {
    const sub = step.options.subresource;
    // upstream: kubectl patch's words
    if (sub !== undefined && !SUBRESOURCES.includes(sub as string)) throw new Error(`invalid subresource value: ${JSON.stringify(sub)}. Must be one of [${SUBRESOURCES.join(' ')}]`);
  },
  execute(cluster, step) {
    const t = target(step, cluster);
    const { store } = cluster;
    const old = store.mustGet(t.kind.kind, t.namespace, t.name);
    if (step.options.subresource === 'scale') {
      if (!SCALABLE.has(old.kind)) throw new ApiError('NotFound', 'the server could not find the requested resource');
      // The Scale object (autoscaling/v1) is what the patch applies to; only spec.replicas can change.
      const scale = { apiVersion: 'autoscaling/v1', kind: 'Scale', metadata: { name: old.metadata.name, namespace: old.metadata.namespace }, spec: { replicas: old.spec?.replicas ?? 1 } };
      const replicas = (mergePatch(scale, step.options.merge) as { spec?: { replicas?: unknown } }).spec?.replicas;
      if (!Number.isInteger(replicas)) throw new ApiError('BadRequest', `Scale in version "v1" cannot be handled as a Scale: json: cannot unmarshal ${typeof replicas} into Go struct field ScaleSpec.spec.replicas of type int32`);
      if ((replicas as number) < 0) throw new ApiError('Invalid', `Scale.autoscaling "${t.name}" is invalid: spec.replicas: Invalid value: ${replicas}: must be greater than or equal to 0`);
      store.patch(t.kind.kind, t.namespace, t.name, { spec: { replicas } });
      return undefined;
    }
    // A copy: the merge shares the parts it does not change with the stored object.
    const merged = structuredClone(mergePatch(old, step.options.merge)) as KubeObject;
    const why = decodeError(cluster, merged);
    if (why) throw new ApiError('BadRequest', why);
    // What the server stores is the decoded object: nulls left inside lists are zero values.
    if (!cluster.store.registry.customResource(merged.kind)) goZeroNulls(merged);
    merged.metadata = { ...merged.metadata, resourceVersion: old.metadata.resourceVersion };
    store.update(merged, step.options.subresource === 'status' ? { subresource: 'status' } : {});
    return undefined;
  },
  applicable(cluster, step) {
    const t = target(step, cluster);
    const o = cluster.store.get(t.kind.kind, t.namespace, t.name);
    if (!o) return false;
    // The API server lets a pod's activeDeadlineSeconds be set or lowered, never raised.
    const want = (step.options.merge as any)?.spec?.activeDeadlineSeconds;
    const have = o.spec?.activeDeadlineSeconds;
    return want === undefined || have === undefined || want < have;
  },
  generate: {
    weight: 1, group: 'podFaults',
    draw: (k) => k.fc.record({ pod: k.index, activeDeadlineSeconds: k.fc.constantFrom(30, 120, 600) }),
    // Generated pods have no activeDeadlineSeconds, so setting one is always allowed.
    resolve: (d: { pod: number; activeDeadlineSeconds: number }, m, k) => m.pods.length === 0 ? undefined
      : k.step('patch', `pod/${m.pods[d.pod % m.pods.length]}`, { merge: { spec: { activeDeadlineSeconds: d.activeDeadlineSeconds } } }),
  },
};
