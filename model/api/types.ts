// The object shapes the model stores. Field names are upstream's verbatim
// (kubernetes-types); the store holds plain JSON-compatible objects.
import type { ObjectMeta, OwnerReference } from 'kubernetes-types/meta/v1.js';

export type { ObjectMeta, OwnerReference };
export type { Pod, PodSpec, PodStatus, Container, Node, Toleration, Taint, Namespace, Event } from 'kubernetes-types/core/v1.js';

/** Any Kubernetes object as the API store holds it. */
export interface KubeObject {
  apiVersion: string;
  kind: string;
  metadata: ObjectMeta;
  spec?: any;
  status?: any;
  [field: string]: unknown;
}

/** A plain label map; never a class instance, never with a prototype key. */
export type Labels = Readonly<Record<string, string>>;

/** Deep copy of a JSON-compatible value. The store never hands out its own objects. */
export function deepCopy<T>(value: T): T {
  return structuredClone(value);
}
