// Structural defaulting of a custom resource: `default` values of the schema fill in absent
// fields (and non-nullable nulls) of objects that are present, top-down, so a defaulted object
// is itself defaulted further.
// upstream: pkg/apiserver/schema/defaulting/algorithm.go (Default)
import { isObject, type JSONSchemaProps } from './types.js';

const nonNullableNull = (x: unknown, s: JSONSchemaProps | undefined): boolean => x === null && s !== undefined && s.nullable !== true;
const copy = <T>(v: T): T => structuredClone(v);
const additional = (s: JSONSchemaProps): JSONSchemaProps | undefined =>
  isObject(s.additionalProperties) ? (s.additionalProperties as JSONSchemaProps) : undefined;

/** Apply the schema's defaults to `obj` in place, as the API server does after decoding and on read. */
export function defaultsFromSchema(obj: unknown, schema: JSONSchemaProps | undefined): void {
  if (!isObject(schema)) return;
  if (isObject(obj)) {
    const props = isObject(schema.properties) ? schema.properties : {};
    for (const [k, prop] of Object.entries(props)) {
      if (!isObject(prop) || prop.default === undefined) continue;
      if (!Object.hasOwn(obj, k) || nonNullableNull(obj[k], prop)) obj[k] = copy(prop.default);
    }
    const ap = additional(schema);
    for (const k of Object.keys(obj)) {
      if (Object.hasOwn(props, k)) defaultsFromSchema(obj[k], props[k]);
      else if (ap) {
        if (nonNullableNull(obj[k], ap) && ap.default !== undefined) obj[k] = copy(ap.default);
        defaultsFromSchema(obj[k], ap);
      }
    }
  } else if (Array.isArray(obj)) {
    const items = isObject(schema.items) ? (schema.items as JSONSchemaProps) : undefined;
    for (let i = 0; i < obj.length; i++) {
      if (nonNullableNull(obj[i], items) && items?.default !== undefined) obj[i] = copy(items.default);
      defaultsFromSchema(obj[i], items);
    }
  }
}
