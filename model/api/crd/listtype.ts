// x-kubernetes-list-type=set lists hold no duplicates; x-kubernetes-list-type=map lists hold
// objects with unique key fields.
// upstream: pkg/apiserver/schema/listtype/validation.go (ValidateListSetsAndMaps)
import { invalidValue, type FieldError } from '../errors.js';
import { goSharpV, rendered } from './gofmt.js';
import { isObject, itemsOf, type JSONSchemaProps } from './types.js';
import { append } from '../../append.js';

/** JSON with sorted keys: equal values, equal text (Go's json.Marshal of a map). */
const canonical = (v: unknown): string =>
  JSON.stringify(v, (_k, x) => (isObject(x) ? Object.fromEntries(Object.keys(x).sort().map((k) => [k, x[k]])) : x));

/** Indices of the second occurrence of each repeated value (upstream reports each duplicate once). */
function secondOccurrences(values: unknown[]): number[] {
  const seen = new Map<string, number>();
  const out: number[] = [];
  values.forEach((v, i) => {
    const key = typeof v === 'object' && v !== null ? `c:${canonical(v)}` : `s:${typeof v}:${String(v)}`;
    const times = seen.get(key) ?? 0;
    if (times === 1) out.push(i);
    seen.set(key, times + 1);
  });
  return out;
}

const duplicate = (path: string, v: unknown): FieldError =>
  typeof v === 'object' && v !== null ? rendered('FieldValueDuplicate', path, goSharpV(v), '') : { type: 'FieldValueDuplicate', field: path, value: v };

function listMap(path: string, s: JSONSchemaProps, list: unknown[]): FieldError[] {
  const bad = list.findIndex((x) => x !== null && !isObject(x));
  if (bad >= 0) return [invalidValue(`${path}[${bad}]`, list[bad], 'must be an object for an array of list-type map')];
  if (list.length <= 1) return [];
  const keys = Array.isArray(s['x-kubernetes-list-map-keys']) ? s['x-kubernetes-list-map-keys'] : [];
  const keyOf = (x: unknown): Record<string, unknown> => {
    const key: Record<string, unknown> = {};
    if (isObject(x)) for (const k of keys) if (Object.hasOwn(x, k)) key[k] = x[k];
    return key;
  };
  const found = list.map(keyOf);
  return secondOccurrences(found).map((i) => duplicate(`${path}[${i}]`, found[i]));
}

function walk(path: string, s: JSONSchemaProps | undefined, v: unknown): FieldError[] {
  if (!s) return [];
  if (Array.isArray(v)) {
    const errs: FieldError[] = [];
    if (s['x-kubernetes-list-type'] === 'set') append(errs, secondOccurrences(v).map((i) => duplicate(`${path}[${i}]`, v[i])));
    else if (s['x-kubernetes-list-type'] === 'map') append(errs, listMap(path, s, v));
    const items = itemsOf(s);
    if (items) v.forEach((x, i) => append(errs, walk(`${path}[${i}]`, items, x)));
    return errs;
  }
  return isObject(v) ? validateListSetsAndMaps(v, s, path) : [];
}

/** Duplicate elements of set and map lists anywhere in `obj`. */
export function validateListSetsAndMaps(obj: unknown, s: JSONSchemaProps | undefined, path = ''): FieldError[] {
  if (!isObject(obj) || !s) return [];
  const errs: FieldError[] = [];
  const child = (k: string) => (path === '' ? k : `${path}.${k}`);
  // upstream iterates a Go map; the model sorts the keys
  const keys = Object.keys(obj).sort();
  if (isObject(s.additionalProperties)) for (const k of keys) append(errs, walk(`${path}[${k}]`, s.additionalProperties as JSONSchemaProps, obj[k]));
  if (isObject(s.properties)) for (const k of keys) if (Object.hasOwn(s.properties, k)) append(errs, walk(child(k), s.properties[k], obj[k]));
  return errs;
}
