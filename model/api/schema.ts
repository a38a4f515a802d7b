// Strict decoding, as the API server decodes a request body under
// `fieldValidation=Strict` (kubectl's default `--validate=strict`): every
// field must exist in the kind's Go type and hold a value of its type.
//
// upstream: sigs.k8s.io/json (a fork of Go 1.17 encoding/json) via
// apimachinery's json serializer. What the model mirrors of it:
// - kubectl sends JSON with map keys sorted, so fields are decoded in sorted
//   order, and "first" means first in that order;
// - a type error is saved and decoding goes on; an error from a type's own
//   UnmarshalJSON (IntOrString, Quantity, Time) stops decoding at once and
//   wins over a saved one; only when neither happened are unknown fields
//   reported, all of them: `strict decoding error: unknown field "a", unknown field "b"`;
// - null is accepted anywhere (Go leaves the zero value);
// - a number is judged by the JSON text kubectl sends (Go prints a float64
//   as JS prints a number, so that is String(v)), except where the reader
//   kept the exact digits of an integer, below.
//
// Exact integers. The objects are plain JSON values all through the model
// (structuredClone, JSON.stringify, arithmetic on int64 fields), so an
// integer stays a JS number there, rounded past 2^53. kubectl keeps every
// int64 exact (go-yaml reads it as an int, sigs.k8s.io/yaml and apimachinery's
// PreserveInts JSON decoding keep it an int64), so the reader records the
// exact decimal of each such integer a number cannot hold, keyed by the
// object or array holding it and the key: recordExactInteger. checkSchema
// range-checks that decimal: `tolerationSeconds: 9223372036854775807` is
// accepted, `replicas: 9007199254740993` is refused with those digits. The
// record is used only while the value is still the number it was recorded
// with, and copies (structuredClone) do not carry it; exactIntegersIn lists
// it by path for a caller that copies. An integer past int64 is no longer
// exact in kubectl either (PreserveInts falls back to float64), so it is
// not recorded. Printing a value back with its exact digits (get -o json)
// is not done: JSON.stringify prints the number.
// The field types come from schema.generated.json (scripts/gen-schema.mjs).
import schemaJson from './schema.generated.json' with { type: 'json' };
import { kindInfo } from './kinds.js';
import { formatPath, parsePath, type PathSegment } from './locate.js';
import { parseQuantity } from './quantity.js';
import type { KubeObject } from './types.js';

interface Schema {
  kinds: Record<string, string>;
  /** Go struct name -> field -> type: a struct name, a scalar, `[]T` or `map[string]T`. */
  types: Record<string, Record<string, string>>;
}
const SCHEMA = schemaJson as unknown as Schema;

/** A decoding error: `path` as the API server prints it (for locating), `message` the full text. */
export interface SchemaError {
  path: string;
  message: string;
}

/** Go's name for a JSON value's kind in `json: cannot unmarshal KIND into ...`. */
export function goKind(v: unknown): string {
  if (typeof v === 'string') return 'string';
  if (typeof v === 'number') return 'number';
  if (typeof v === 'boolean') return 'bool';
  if (v === null || v === undefined) return 'null';
  return Array.isArray(v) ? 'array' : 'object';
}

/** JSON as Go's json.Marshal prints a map[string]interface{}: keys sorted, HTML characters escaped. */
export function goJSON(v: unknown): string {
  const sorted = (x: unknown): unknown => {
    if (Array.isArray(x)) return x.map(sorted);
    if (typeof x !== 'object' || x === null) return x;
    return Object.fromEntries(Object.keys(x).sort().map((k) => [k, sorted((x as Record<string, unknown>)[k])]));
  };
  return JSON.stringify(sorted(v)).replace(/[<>&\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const has = (o: object, k: string): boolean => Object.hasOwn(o, k);

/** Exact integers by path (as a locator takes it, relative to the object): path -> decimal digits. */
export type ExactIntegers = ReadonlyMap<string, string>;

// parent object or array -> key or index -> [the number stored there, its exact decimal]
const EXACT = new WeakMap<object, Map<string | number, readonly [number, string]>>();
const INTEGER = /^-?\d+$/;

/** Record that `parent[key]`, the number `value`, was read as the integer `text` (decimal digits); a non-integer `text` forgets any record. */
export function recordExactInteger(parent: object, key: string | number, value: number, text: string | undefined): void {
  const rec = EXACT.get(parent);
  if (text === undefined || !INTEGER.test(text)) {
    rec?.delete(key);
    return;
  }
  if (rec) rec.set(key, [value, text]);
  else EXACT.set(parent, new Map([[key, [value, text]]]));
}

/** The exact decimal the reader recorded for `parent[key]`, while that still holds the number it recorded. */
export function exactIntegerOf(parent: object, key: string | number): string | undefined {
  const e = EXACT.get(parent)?.get(key);
  return e && (parent as Record<string | number, unknown>)[key] === e[0] ? e[1] : undefined;
}

/** Every recorded exact integer under `root`, by path relative to it. */
export function exactIntegersIn(root: unknown): Map<string, string> {
  const out = new Map<string, string>();
  const seen = new Set<object>();
  const stack: Array<[unknown, PathSegment[]]> = [[root, []]];
  while (stack.length > 0) {
    const [v, segs] = stack.pop()!;
    if (typeof v !== 'object' || v === null || seen.has(v)) continue;
    seen.add(v);
    const keys: PathSegment[] = Array.isArray(v) ? v.map((_, i) => i) : Object.keys(v);
    for (const k of keys) {
      const child = (v as Record<string | number, unknown>)[k];
      const text = typeof child === 'number' ? exactIntegerOf(v, k) : undefined;
      if (text !== undefined) out.set(formatPath([...segs, k]), text);
      else if (typeof child === 'object' && child !== null) stack.push([child, [...segs, k]]);
    }
  }
  return out;
}

const canonicalPath = (path: string): string => JSON.stringify(parsePath(path).map(String));

/**
 * The first decoding error of `obj`, or null. Kinds the model does not serve
 * are left to admission. A number is checked by its exact digits when
 * `exactIntegers` (paths relative to `obj`, as ParsedDoc.exactIntegers) or
 * the reader's record has them; by default only the reader's record is used.
 */
export function checkSchema(obj: KubeObject, exactIntegers?: ExactIntegers): SchemaError | null {
  // upstream: apimachinery unstructured.go, runtime.NewMissingKindErr / NewMissingVersionErr
  if (typeof obj.kind !== 'string' || obj.kind === '') {
    return { path: has(obj, 'kind') ? 'kind' : '', message: `Object 'Kind' is missing in '${goJSON(obj)}'` };
  }
  if (typeof obj.apiVersion !== 'string' || obj.apiVersion === '') {
    return { path: has(obj, 'apiVersion') ? 'apiVersion' : '', message: `Object 'apiVersion' is missing in '${goJSON(obj)}'` };
  }
  const info = kindInfo(obj.apiVersion, obj.kind);
  const root = info && has(SCHEMA.kinds, obj.kind) ? SCHEMA.kinds[obj.kind] : undefined;
  if (!info || !root) return null;
  let byPath: Map<string, string> | undefined;
  if (exactIntegers && exactIntegers.size > 0) {
    byPath = new Map();
    for (const [p, text] of exactIntegers) if (INTEGER.test(text)) byPath.set(canonicalPath(p), text);
  }
  const err = decode(obj, root, (parent, key, v, path) => {
    const text = byPath?.get(canonicalPath(path));
    return text !== undefined && Number(text) === v ? text : exactIntegerOf(parent, key);
  });
  // upstream: apiserver handlers/rest.go: "%s in version %q cannot be handled as a %s: %v"
  return err && { path: err.path, message: `${obj.kind} in version "${info.version}" cannot be handled as a ${obj.kind}: ${err.message}` };
}

/**
 * What decoding leaves of the nulls in `obj` (a served kind that checkSchema
 * accepted), in place: Go's json leaves a field's zero value for null, so a
 * null field is as if absent (the re-encoded object omits it), and a null
 * element of a list or value of a map is the element type's zero value
 * (`values: [fe, null]` is `["fe", ""]`, `labels: {a: null}` is `{a: ""}`).
 * Kinds the model does not serve are left as they are.
 */
export function goZeroNulls(obj: KubeObject): void {
  const info = typeof obj?.kind === 'string' && typeof obj.apiVersion === 'string' ? kindInfo(obj.apiVersion, obj.kind) : undefined;
  const root = info && has(SCHEMA.kinds, obj.kind) ? SCHEMA.kinds[obj.kind] : undefined;
  if (root) zeroNulls(obj, root);
}

const SCALAR_ZERO: Record<string, unknown> = { string: '', bool: false, int32: 0, int64: 0, float64: 0, Quantity: '0', bytes: '' };

/** The zero value a null element of `type` decodes to, or null where Go keeps nil (lists, maps, pointers). */
function zeroOf(type: string): unknown {
  if (has(SCALAR_ZERO, type)) return SCALAR_ZERO[type];
  if (has(SCHEMA.types, type)) return {};
  return null;
}

function zeroNulls(v: unknown, type: string): void {
  if (v === null || typeof v !== 'object' || type === 'raw') return;
  if (type.startsWith('[]') && Array.isArray(v)) {
    const elem = type.slice(2);
    for (let i = 0; i < v.length; i++) {
      if (v[i] === null) v[i] = zeroOf(elem);
      else zeroNulls(v[i], elem);
    }
    return;
  }
  if (type.startsWith('map[string]') && isObject(v)) {
    const elem = type.slice('map[string]'.length);
    for (const k of Object.keys(v)) {
      if (v[k] === null) v[k] = zeroOf(elem);
      else zeroNulls(v[k], elem);
    }
    return;
  }
  const fields = has(SCHEMA.types, type) ? SCHEMA.types[type] : undefined;
  if (!fields || !isObject(v)) return;
  for (const k of Object.keys(v)) {
    if (!has(fields, k)) continue;
    if (v[k] === null) delete v[k];
    else zeroNulls(v[k], fields[k]);
  }
}

interface At {
  path: string; // with indexes, for locating and for unknown fields
  goPath: string; // json's error context: field names only
  struct: string; // the innermost Go struct
}

/** The exact digits of the number `v` at `parent[key]` (`path`), if known. */
type ExactText = (parent: object, key: string | number, v: number, path: string) => string | undefined;

function decode(obj: unknown, root: string, exactText: ExactText): SchemaError | null {
  let saved: SchemaError | undefined;
  const unknown: string[] = [];
  const typeError = (v: unknown, type: string, at: At, value = goKind(v)): SchemaError => ({
    path: at.path,
    message: `json: cannot unmarshal ${value} into Go struct field ${at.struct}.${at.goPath} of type ${type}`,
  });
  const save = (e: SchemaError): undefined => {
    saved ??= e;
    return undefined;
  };
  const field = (at: At, k: string, struct = at.struct): At => ({
    path: at.path ? `${at.path}.${k}` : k, goPath: at.goPath ? `${at.goPath}.${k}` : k, struct,
  });
  const key = (at: At, k: string): At => ({ ...at, path: `${at.path}[${/[[\]"']/.test(k) ? JSON.stringify(k) : k}]` });

  // Returns an error that stops decoding; saved errors go to `saved`.
  // `parent[key]` is `v` (none at the root).
  const walk = (v: unknown, type: string, at: At, parent?: object, pkey?: string | number): SchemaError | undefined => {
    if (v === null || v === undefined || type === 'raw') return undefined;
    const exact = (): string | undefined => (parent !== undefined && typeof v === 'number' ? exactText(parent, pkey!, v, at.path) : undefined);
    if (type.startsWith('[]')) {
      if (!Array.isArray(v)) return save(typeError(v, goType(type), at));
      for (let i = 0; i < v.length; i++) {
        const e = walk(v[i], type.slice(2), { ...at, path: `${at.path}[${i}]` }, v, i);
        if (e) return e;
      }
      return undefined;
    }
    if (type.startsWith('map[string]')) {
      if (!isObject(v)) return save(typeError(v, goType(type), at));
      for (const k of Object.keys(v).sort()) {
        const e = walk(v[k], type.slice('map[string]'.length), key(at, k), v, k);
        if (e) return e;
      }
      return undefined;
    }
    switch (type) {
      case 'string': return typeof v === 'string' ? undefined : save(typeError(v, 'string', at));
      case 'bool': return typeof v === 'boolean' ? undefined : save(typeError(v, 'bool', at));
      case 'float64': return typeof v === 'number' ? undefined : save(typeError(v, 'float64', at));
      case 'int32': case 'int64': {
        const bad = intError(v, type, exact());
        return bad === undefined ? undefined : save(typeError(v, type, at, bad));
      }
      case 'IntOrString': {
        // upstream: intstr.IntOrString.UnmarshalJSON: a string, else json.Unmarshal into int32
        const bad = typeof v === 'string' ? undefined : intError(v, 'int32', exact());
        return bad === undefined ? undefined : typeError(v, 'int32', at, bad);
      }
      case 'Quantity':
        // upstream: resource.Quantity.UnmarshalJSON: ParseQuantity of the JSON text, quotes and spaces trimmed
        try {
          parseQuantity(typeof v === 'string' ? v.trim() : typeof v === 'number' ? (exact() ?? v) : '{');
          return undefined;
        } catch (e) {
          return { path: at.path, message: (e as Error).message };
        }
      case 'Time': case 'MicroTime': {
        if (typeof v !== 'string') return typeError(v, 'string', at);
        const bad = timeError(v, type === 'MicroTime');
        return bad ? { path: at.path, message: bad } : undefined;
      }
      case 'bytes': {
        if (typeof v !== 'string') return save(typeError(v, '[]uint8', at));
        const bad = base64Error(v);
        return bad === undefined ? undefined : save({ path: at.path, message: `illegal base64 data at input byte ${bad}` });
      }
    }
    const fields = has(SCHEMA.types, type) ? SCHEMA.types[type] : undefined;
    if (!fields) return undefined;
    if (!isObject(v)) return save(typeError(v, goType(type), at));
    for (const k of Object.keys(v).sort()) {
      if (!has(fields, k)) {
        unknown.push(field(at, k).path);
        continue;
      }
      const e = walk(v[k], fields[k], field(at, k, type), v, k);
      if (e) return e;
    }
    return undefined;
  };

  const stop = walk(obj, root, { path: '', goPath: '', struct: root });
  if (stop) return stop;
  if (saved) return saved;
  if (unknown.length === 0) return null;
  return { path: unknown[0], message: `strict decoding error: ${unknown.map((p) => `unknown field "${p}"`).join(', ')}` };
}

/** Go's reflect type name of a schema type, as json errors print it. */
function goType(type: string): string {
  if (type.startsWith('[]')) return `[]${goType(type.slice(2))}`;
  if (type === 'map[string]Quantity') return 'v1.ResourceList';
  if (type.startsWith('map[string]')) return `map[string]${goType(type.slice('map[string]'.length))}`;
  const named: Record<string, string> = {
    string: 'string', bool: 'bool', int32: 'int32', int64: 'int64', float64: 'float64', bytes: '[]uint8',
    IntOrString: 'intstr.IntOrString', Quantity: 'resource.Quantity', Time: 'v1.Time', MicroTime: 'v1.MicroTime', raw: 'runtime.RawExtension',
  };
  // Every struct the model serves lives in a Go package named v1.
  return has(named, type) ? named[type] : `v1.${type}`;
}

const INT_RANGE = { int32: [-(2n ** 31n), 2n ** 31n - 1n], int64: [-(2n ** 63n), 2n ** 63n - 1n] } as const;

/**
 * Why `v` does not decode into an int of that size: Go's `number 1.5`, or
 * the value's kind; undefined when it fits. upstream: encoding/json
 * literalStore: strconv.ParseInt of the JSON text, then OverflowInt. The
 * text is `exact` when known, else the number as Go's json.Marshal prints
 * a float64, which is String(v): -2^63 as a float64 prints as
 * -9223372036854776000, past int64.
 */
function intError(v: unknown, type: 'int32' | 'int64', exact?: string): string | undefined {
  if (typeof v !== 'number') return goKind(v);
  const text = exact ?? String(v);
  const [min, max] = INT_RANGE[type];
  return INTEGER.test(text) && BigInt(text) >= min && BigInt(text) <= max ? undefined : `number ${text}`;
}

// upstream: Go time.Parse(time.RFC3339 / metav1.RFC3339Micro, s), its error texts.
export function timeError(s: string, micro = false): string | null {
  const layout = micro ? '2006-01-02T15:04:05.000000Z07:00' : '2006-01-02T15:04:05Z07:00';
  const q = JSON.stringify;
  const cannot = (rest: string, elem: string) => `parsing time ${q(s)} as ${q(layout)}: cannot parse ${q(rest)} as ${q(elem)}`;
  const range = (what: string) => `parsing time ${q(s)}: ${what} out of range`;
  let v = s;
  const digit = (i: number) => v[i] >= '0' && v[i] <= '9';
  const num = (elem: string, fixed: boolean): number | string => {
    if (!digit(0)) return cannot(v, elem);
    const n = digit(1) ? 2 : fixed ? 0 : 1;
    if (n === 0) return cannot(v, elem);
    const out = Number(v.slice(0, n));
    v = v.slice(n);
    return out;
  };
  if (v.length < 4 || !/^\d{4}/.test(v)) return cannot(v, '2006');
  const year = Number(v.slice(0, 4));
  v = v.slice(4);
  const parts: number[] = [];
  for (const [sep, elem, fixed, limit, what] of [
    ['-', '01', true, 13, 'month'], ['-', '02', true, 32, ''], ['T', '15', false, 24, 'hour'],
    [':', '04', true, 60, 'minute'], [':', '05', true, 60, 'second'],
  ] as const) {
    if (!v.startsWith(sep)) return cannot(v, sep);
    v = v.slice(1);
    const n = num(elem, fixed);
    if (typeof n === 'string') return n;
    if (what && (n >= limit || (what === 'month' && n === 0))) return range(what);
    parts.push(n);
  }
  const frac = /^[.,]\d+/.exec(v);
  if (micro && !/^[.,]\d{6}/.test(v)) return cannot(v, '.000000');
  if (frac) v = v.slice(micro ? 7 : frac[0].length);
  if (v.startsWith('Z')) v = v.slice(1);
  else if (/^[+-]\d\d:\d\d/.test(v)) v = v.slice(6);
  else return cannot(v, 'Z07:00');
  if (v) return `parsing time ${q(s)}: extra text: ${q(v)}`;
  const [month, day] = parts;
  const days = [31, year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1];
  return day < 1 || day > days ? range('day') : null;
}

// upstream: Go encoding/base64 StdEncoding.Decode (CorruptInputError offsets); \r and \n are skipped.
export function base64Error(s: string): number | undefined {
  const alphabet = /[A-Za-z0-9+/]/;
  const skipNewlines = (i: number) => {
    while (i < s.length && (s[i] === '\n' || s[i] === '\r')) i++;
    return i;
  };
  let si = 0;
  for (;;) {
    for (let j = 0; j < 4; j++) {
      if (si === s.length) return j === 0 ? undefined : si - j;
      const c = s[si++];
      if (alphabet.test(c)) continue;
      if (c === '\n' || c === '\r') {
        j--;
        continue;
      }
      if (c !== '=' || j < 2) return si - 1;
      if (j === 2) {
        si = skipNewlines(si);
        if (si === s.length) return s.length;
        if (s[si] !== '=') return si - 1;
        si++;
      }
      si = skipNewlines(si);
      return si < s.length ? si : undefined;
    }
  }
}
