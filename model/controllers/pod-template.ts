// A pod made from an owner's template, as every controller that makes pods
// makes it: the template's labels, annotations, finalizers and spec, the
// owner's ControllerRef, and generateName `<owner>-` (the API server adds 5
// random characters).
// upstream: pkg/controller/controller_utils.go (GetPodFromTemplate, getPodsPrefix)
import type { KubeObject, OwnerReference } from '../api/types.js';

/** upstream getPodsPrefix: `<owner>-` (the API server appends 5 random characters and truncates). */
export function podNamePrefix(ownerName: string): string {
  return `${ownerName}-`;
}

/**
 * upstream GetPodFromTemplate: labels, annotations and finalizers from the
 * template, the ControllerRef, generateName `<owner>-`, and the template's spec.
 */
export function podFromTemplate(owner: KubeObject, ref: OwnerReference): KubeObject {
  const t = owner.spec?.template ?? {};
  const meta = t.metadata ?? {};
  const metadata: KubeObject['metadata'] = { generateName: podNamePrefix(owner.metadata.name!), namespace: owner.metadata.namespace };
  if (meta.labels) metadata.labels = { ...meta.labels };
  if (meta.annotations) metadata.annotations = { ...meta.annotations };
  if (meta.finalizers) metadata.finalizers = [...meta.finalizers];
  metadata.ownerReferences = [{ ...ref }];
  return { apiVersion: 'v1', kind: 'Pod', metadata, spec: structuredClone(t.spec ?? {}) };
}
