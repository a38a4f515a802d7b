// What the API server drops silently when it decodes a custom resource, and which of those
// fields strict field validation (`fieldValidation=Strict`, kubectl's default) refuses instead:
// - fields the structural schema does not specify, except under x-kubernetes-preserve-unknown-fields;
//   apiVersion, kind and metadata at the root and in embedded resources are kept;
// - null values of non-nullable fields without a default;
// - unknown fields of ObjectMeta (the root metadata is decoded into the Go type, strictly).
// upstream: pkg/apiserver/schema/pruning/algorithm.go (PruneWithOptions), pkg/apiserver/schema/options.go (paths),
//           pkg/apiserver/schema/defaulting/prunenulls.go, pkg/apiserver/schema/objectmeta/coerce.go + algorithm.go,
//           pkg/apiserver/customresource_handler.go (unstructuredSchemaCoercer.apply: the order of the paths)
import { isObject, type JSONSchemaProps } from './types.js';
import { append } from '../../append.js';

const META_FIELDS = new Set(['apiVersion', 'kind', 'metadata']);

// The JSON fields of metav1.ObjectMeta and its nested types, as strict decoding knows them.
const OBJECT_META = new Set(['name', 'generateName', 'namespace', 'selfLink', 'uid', 'resourceVersion', 'generation', 'creationTimestamp',
  'deletionTimestamp', 'deletionGracePeriodSeconds', 'labels', 'annotations', 'ownerReferences', 'finalizers', 'managedFields']);
const OWNER_REFERENCE = new Set(['apiVersion', 'kind', 'name', 'uid', 'controller', 'blockOwnerDeletion']);
const MANAGED_FIELDS = new Set(['manager', 'operation', 'apiVersion', 'time', 'fieldsType', 'fieldsV1', 'subresource']);

type Tracker = string[] | null;
const join = (parent: string, key: string) => (parent === '' ? key : `${parent}.${key}`);
const additionalOf = (s: JSONSchemaProps): JSONSchemaProps | null | undefined =>
  s.additionalProperties === undefined ? undefined : isObject(s.additionalProperties) ? (s.additionalProperties as JSONSchemaProps) : null;
const itemsOf = (s: JSONSchemaProps | null): JSONSchemaProps | null => (s && isObject(s.items) ? (s.items as JSONSchemaProps) : null);

function prune(x: unknown, s: JSONSchemaProps | null, path: string, seen: Tracker): void {
  if (s && s['x-kubernetes-preserve-unknown-fields'] === true) return skipPrune(x, s, path, seen);
  if (isObject(x)) {
    for (const k of Object.keys(x)) {
      if (s === null) {
        seen?.push(join(path, k));
        delete x[k];
        continue;
      }
      if (s['x-kubernetes-embedded-resource'] === true && META_FIELDS.has(k)) continue;
      const ap = additionalOf(s);
      if (isObject(s.properties) && Object.hasOwn(s.properties, k)) prune(x[k], s.properties[k]!, join(path, k), seen);
      else if (ap !== undefined) prune(x[k], ap, join(path, k), seen);
      else {
        if (!META_FIELDS.has(k) || path !== '') seen?.push(join(path, k));
        delete x[k];
      }
    }
  } else if (Array.isArray(x)) {
    x.forEach((v, i) => prune(v, itemsOf(s), `${path}[${i}]`, seen));
  }
}

function skipPrune(x: unknown, s: JSONSchemaProps | null, path: string, seen: Tracker): void {
  if (s === null) return;
  if (isObject(x)) {
    for (const k of Object.keys(x)) {
      if (s['x-kubernetes-embedded-resource'] === true && META_FIELDS.has(k)) continue;
      const ap = additionalOf(s);
      if (isObject(s.properties) && Object.hasOwn(s.properties, k)) prune(x[k], s.properties[k]!, join(path, k), seen);
      else if (ap !== undefined) prune(x[k], ap, join(path, k), seen);
    }
  } else if (Array.isArray(x)) {
    x.forEach((v, i) => skipPrune(v, itemsOf(s), `${path}[${i}]`, seen));
  }
}

/** upstream PruneNonNullableNullsWithoutDefaults. */
function pruneNulls(x: unknown, s: JSONSchemaProps | null | undefined): void {
  if (isObject(x)) {
    for (const k of Object.keys(x)) {
      const sub = !s ? undefined : isObject(s.properties) && Object.hasOwn(s.properties, k) ? s.properties[k] : additionalOf(s) ?? undefined;
      if (x[k] === null && sub && sub.nullable !== true && sub.default === undefined) delete x[k];
      else pruneNulls(x[k], sub);
    }
  } else if (Array.isArray(x)) {
    for (const v of x) pruneNulls(v, s ? itemsOf(s) : undefined);
  }
}

/** Unknown fields of a decoded ObjectMeta, in key order, dropped in place; `prefix` is its path (`metadata`). */
function pruneObjectMeta(meta: unknown, prefix: string, seen: Tracker): void {
  if (!isObject(meta)) return;
  const nested = (list: unknown, name: string, known: Set<string>) => {
    if (!Array.isArray(list)) return;
    list.forEach((item, i) => {
      if (!isObject(item)) return;
      for (const k of Object.keys(item).sort()) if (!known.has(k)) { seen?.push(`${prefix}.${name}[${i}].${k}`); delete item[k]; }
    });
  };
  for (const k of Object.keys(meta).sort()) {
    if (!OBJECT_META.has(k)) { seen?.push(`${prefix}.${k}`); delete meta[k]; continue; }
    if (k === 'ownerReferences') nested(meta[k], k, OWNER_REFERENCE);
    if (k === 'managedFields') nested(meta[k], k, MANAGED_FIELDS);
  }
}

/** upstream objectmeta.Coerce below the root: the metadata of embedded resources (field paths use `[key]` for map entries). */
function coerceEmbedded(x: unknown, s: JSONSchemaProps | null | undefined, path: string, seen: Tracker): void {
  if (!s) return;
  if (isObject(x)) {
    for (const k of Object.keys(x)) {
      if (s['x-kubernetes-embedded-resource'] === true && k === 'metadata') pruneObjectMeta(x[k], join(path, 'metadata'), seen);
      if (isObject(s.properties) && Object.hasOwn(s.properties, k)) coerceEmbedded(x[k], s.properties[k], join(path, k), seen);
      else if (additionalOf(s)) coerceEmbedded(x[k], additionalOf(s), `${path}[${k}]`, seen);
    }
  } else if (Array.isArray(x)) {
    x.forEach((v, i) => coerceEmbedded(v, itemsOf(s), `${path}[${i}]`, seen));
  }
}

/** The root of a resource always keeps its TypeMeta and ObjectMeta. */
const asResourceRoot = (s: JSONSchemaProps | undefined): JSONSchemaProps => ({ ...(s ?? {}), 'x-kubernetes-embedded-resource': true });

function apply(obj: unknown, schema: JSONSchemaProps | undefined, seen: Tracker): void {
  if (!isObject(obj)) return;
  const meta: string[] = [];
  pruneObjectMeta(obj.metadata, 'metadata', seen ? meta : null);
  const pruned: string[] = [];
  prune(obj, asResourceRoot(schema), '', seen ? pruned : null);
  pruneNulls(obj, schema);
  const coerced: string[] = [];
  coerceEmbedded(obj, schema, '', seen ? coerced : null);
  if (seen) append(seen, meta, pruned.sort(), coerced.sort());
}

/** Drop, in place, what the API server drops silently from a decoded custom resource. */
export function pruneUnknown(obj: unknown, schema: JSONSchemaProps | undefined): void {
  apply(obj, schema, null);
}

/** The paths strict field validation refuses (`spec.foo`, `spec.servers[0].bar`, `metadata.foo`), in upstream's order. */
export function unknownFields(obj: unknown, schema: JSONSchemaProps | undefined): string[] {
  const seen: string[] = [];
  apply(structuredClone(obj), schema, seen);
  return seen;
}

/** upstream pruning.Prune(value, schema, isResourceRoot): drop unspecified fields of any value, in place. */
export function pruneValue(value: unknown, schema: JSONSchemaProps, isResourceRoot: boolean): void {
  prune(value, isResourceRoot ? asResourceRoot(schema) : schema, '', null);
}
