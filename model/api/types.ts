// The object shapes the model stores. Field names are upstream's verbatim
// (kubernetes-types); the store holds plain JSON-compatible objects.
import type { ObjectMeta as K8sObjectMeta, OwnerReference as K8sOwnerReference } from 'kubernetes-types/meta/v1.js';

type DeepMutable<T> = T extends object ? { -readonly [K in keyof T]: DeepMutable<T[K]> } : T;
/** metav1.ObjectMeta, writable (the store fills in the system fields). */
export type ObjectMeta = DeepMutable<K8sObjectMeta>;
export type OwnerReference = DeepMutable<K8sOwnerReference>;
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
