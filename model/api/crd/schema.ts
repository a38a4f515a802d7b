// Validation of a custom resource against one version's openAPIV3Schema, in the API server's
// words: kube-openapi's messages (`spec.size in body should be greater than or equal to 1`)
// turned into field errors by the apiextensions wrapper. Also the public home of the schema
// walks: structural defaulting and pruning.
// upstream: pkg/apiserver/validation/validation.go (kubeOpenAPIResultToFieldErrors),
//           kube-openapi pkg/validation/errors/schema.go (message formats), validate/*.go (which check runs when),
//           pkg/apiserver/validation/ratcheting.go (unchanged values keep passing on update)
import { invalidValue, notSupported, required, tooLong, type FieldError } from '../errors.js';
import { compiled, runAjv, type AjvError } from './ajv.js';
import { goBound, goFloat, rendered } from './gofmt.js';
import { isObject, type JSONSchemaProps } from './types.js';
import { append } from '../../append.js';

export { defaultsFromSchema } from './defaulting.js';
export { pruneUnknown, unknownFields } from './pruning.js';

export interface SchemaValidationOptions {
  /** Prefix of every field path (upstream fldPath); absent for a whole object, where message-only errors print `<nil>`. */
  basePath?: string;
  /** The stored object on update: errors in values that did not change are dropped (CRDValidationRatcheting, on in v1.32). */
  old?: unknown;
}

/** upstream typeValidator.schemaInfoForType: the JSON type name of a decoded value. */
export function jsonType(v: unknown): string {
  if (v === null || v === undefined) return 'null';
  if (typeof v === 'boolean') return 'boolean';
  if (typeof v === 'string') return 'string';
  if (typeof v === 'number') return Number.isInteger(v) ? 'integer' : 'number';
  return Array.isArray(v) ? 'array' : 'object';
}

// Order of kube-openapi's validators at one node: type, schema props (anyOf, oneOf, allOf, not),
// string, format, number, slice, common (enum), object. Within a node properties come before required.
const COMBINATOR: Record<string, number> = { anyOf: 0, oneOf: 1, allOf: 2, not: 3 };
const RANK: Record<string, number[]> = {
  type: [0], anyOf: [1, 0, -1], oneOf: [1, 1, -1], allOf: [1, 2, Infinity], not: [1, 3, 0],
  maxLength: [2, 0], minLength: [2, 1], 'x-go-pattern': [2, 2], format: [3],
  multipleOf: [4, 0], minimum: [4, 1], exclusiveMinimum: [4, 1], maximum: [4, 2], exclusiveMaximum: [4, 2],
  minItems: [5, 1, 0], maxItems: [5, 1, 1], uniqueItems: [5, 1, 2], enum: [6],
  minProperties: [7, 0], maxProperties: [7, 1], additionalProperties: [7, 2], required: [9],
};

interface Found {
  key: Array<number | string>;
  /** Instance path (JSON pointer segments) of the node that reports it, for ratcheting. */
  node: string[];
  error: FieldError;
}

const decode = (seg: string) => seg.replace(/~1/g, '/').replace(/~0/g, '~');
const pointer = (p: string): string[] => (p === '' ? [] : p.split('/').slice(1).map(decode));
const schemaSegments = (p: string): string[] => p.replace(/^#\/?/, '').split('/').filter((s) => s !== '').map((s) => decode(decodeURIComponent(s)));

/** Walk a schema path alongside the instance path: the sort key of the node and how many instance segments it consumed. */
function nodeKey(sp: string[], ip: string[]): { key: Array<number | string>; depth: number } {
  const key: Array<number | string> = [];
  let depth = 0;
  for (let i = 0; i < sp.length; i++) {
    const s = sp[i]!;
    if (s === 'properties') { key.push(8, sp[++i] ?? ''); depth++; }
    else if (s === 'additionalProperties') { key.push(8, ip[depth++] ?? ''); }
    else if (s === 'items') { key.push(5, 0, Number(ip[depth++] ?? 0)); }
    else if (s in COMBINATOR && s !== 'not') { key.push(1, COMBINATOR[s]!, Number(sp[++i] ?? 0)); }
    else if (s === 'not') key.push(1, 3, 0);
  }
  return { key, depth };
}

function compareKeys(a: Array<number | string>, b: Array<number | string>): number {
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    const x = a[i]!, y = b[i]!;
    if (x === y) continue;
    if (typeof x === 'number' && typeof y === 'number') return x - y;
    if (typeof x === 'string' && typeof y === 'string') return x < y ? -1 : 1;
    return typeof x === 'number' ? -1 : 1;
  }
  return a.length - b.length;
}

/** kube-openapi's name of a node: dotted fields, `[i]` for array elements (`spec.servers[0].port`). */
function kubeName(root: unknown, segs: string[]): string {
  let name = '';
  let cur: unknown = root;
  for (const s of segs) {
    if (Array.isArray(cur)) { name += `[${s}]`; cur = cur[Number(s)]; }
    else { name = name === '' ? s : `${name}.${s}`; cur = isObject(cur) ? cur[s] : undefined; }
  }
  return name;
}

/** field.Invalid with the bad value as Go prints it: a float64 in `%v` (`1.5e+06`), which formatValue does not do. */
function invalidData(field: string, data: unknown, detail: string): FieldError {
  if (typeof data === 'number' && !Number.isInteger(data) && goFloat(data) !== String(data)) return rendered('FieldValueInvalid', field, goFloat(data), detail);
  return invalidValue(field, data, detail);
}

/** The schema-validation errors of `value`, in the API server's words and a stable order. */
export function validateAgainstSchema(value: unknown, schema: JSONSchemaProps, opts: SchemaValidationOptions = {}): FieldError[] {
  const c = compiled(schema);
  if (!c) return [];
  const raw = runAjv(c, value);
  if (raw.length === 0) return [];
  const field = (name: string) => (name === '' ? opts.basePath ?? '<nil>' : opts.basePath ? `${opts.basePath}.${name}` : name);
  const messageOnly = (detail: string): FieldError => invalidValue(opts.basePath ?? '<nil>', '', detail);
  const kept = dropCombinatorBranches(raw);
  const found: Found[] = [];
  const stringSeen = new Set<string>();
  for (const e of kept) {
    const ip = pointer(e.instancePath);
    const sp = schemaSegments(e.schemaPath);
    const node = nodeKey(sp.slice(0, -1), ip);
    const name = kubeName(value, ip);
    const origin = (isObject(e.parentSchema) ? c.origin.get(e.parentSchema) : undefined) ?? {};
    const data = e.data;
    const intData = typeof data === 'number' && Number.isInteger(data);
    const p = e.params as Record<string, any>;
    const push = (error: FieldError, rank: Array<number | string> = RANK[e.keyword] ?? [99], nodePath = ip) => found.push({ key: [...node.key, ...rank], node: nodePath, error });
    switch (e.keyword) {
      case 'type': {
        const types = origin['x-kubernetes-int-or-string'] === true ? 'integer,string' : String(origin.type ?? '');
        const actual = jsonType(data);
        push({ type: 'FieldValueTypeInvalid', field: field(name), value: actual, detail: `${name} in body must be of type ${types}: "${actual}"` });
        break;
      }
      case 'enum': {
        const values = (origin.enum ?? []).map((v) => (typeof v === 'string' ? v : JSON.stringify(v)));
        push(notSupported(field(name), data, values));
        break;
      }
      case 'multipleOf':
        push(invalidData(field(name), data, `${name} in body should be a multiple of ${goBound(p.multipleOf, intData)}`));
        break;
      case 'minimum': case 'exclusiveMinimum': case 'maximum': case 'exclusiveMaximum': {
        const words = { minimum: 'greater than or equal to', exclusiveMinimum: 'greater than', maximum: 'less than or equal to', exclusiveMaximum: 'less than' }[e.keyword];
        const bound = e.keyword === 'minimum' || e.keyword === 'exclusiveMinimum' ? origin.minimum : origin.maximum;
        push(invalidData(field(name), data, `${name} in body should be ${words} ${goBound(Number(bound ?? p.limit), intData)}`));
        break;
      }
      case 'maxLength': case 'minLength': case 'x-go-pattern': {
        // upstream stringValidator stops at its first failure: maxLength, minLength, pattern
        if (stringSeen.has(e.instancePath)) break;
        stringSeen.add(e.instancePath);
        if (e.keyword === 'maxLength') push(tooLong(field(name), undefined, p.limit));
        else if (e.keyword === 'minLength') push(invalidData(field(name), data, `${name} in body should be at least ${p.limit} chars long`));
        else push(invalidData(field(name), data, `${name} in body should match '${origin.pattern}'`));
        break;
      }
      case 'format':
        push({ type: 'FieldValueTypeInvalid', field: field(name), value: data, detail: `${name} in body must be of type ${origin.format}: ${JSON.stringify(data)}` });
        break;
      case 'minItems':
        push(invalidValue(field(name), (data as unknown[]).length, `${name} in body should have at least ${p.limit} items`));
        break;
      case 'maxItems': case 'maxProperties': {
        const size = Array.isArray(data) ? data.length : Object.keys(data as object).length;
        push({ type: 'FieldValueTooMany', field: field(name), value: size, detail: `must have at most ${p.limit} items` });
        break;
      }
      case 'uniqueItems':
        push(invalidValue(field(name), '', `${name} in body shouldn't contain duplicates`));
        break;
      case 'minProperties':
        push(invalidValue(field(name), Object.keys(data as object).length, `${name} in body should have at least ${p.limit} properties`));
        break;
      case 'additionalProperties':
        push(invalidValue(field(name), p.additionalProperty, `${name}.${p.additionalProperty} in body is a forbidden property`), [7, 2, String(p.additionalProperty)]);
        break;
      case 'required': {
        const idx = (origin.required ?? []).indexOf(p.missingProperty);
        push(required(field(name === '' ? p.missingProperty : `${name}.${p.missingProperty}`)), [9, idx]);
        break;
      }
      case 'anyOf':
        push(messageOnly(`${JSON.stringify(name)} must validate at least one schema (anyOf)`));
        break;
      case 'oneOf': {
        const passing = Array.isArray(p.passingSchemas) ? p.passingSchemas.length : 0;
        const why = passing === 0 ? 'Found none valid' : `Found ${passing} valid alternatives`;
        push(messageOnly(`${JSON.stringify(name)} must validate one and only one schema (oneOf). ${why}`));
        break;
      }
      case 'not':
        push(messageOnly(`${JSON.stringify(name)} must not validate the schema (not)`));
        break;
    }
  }
  append(found, allOfMessages(kept, value, c, messageOnly));
  const result = opts.old === undefined ? found : found.filter((f) => !ratcheted(f.node, value, opts.old, schema));
  return result.sort((a, b) => compareKeys(a.key, b.key)).map((f) => f.error);
}

/**
 * upstream schemaPropsValidator keeps only the best failing branch of a failed anyOf/oneOf (the
 * model takes the first) and no branch errors when a oneOf failed by matching several.
 */
function dropCombinatorBranches(errors: AjvError[]): AjvError[] {
  const rules: Array<{ under: string; keepFirst: boolean }> = [];
  for (const e of errors) {
    if (e.keyword !== 'anyOf' && e.keyword !== 'oneOf') continue;
    const passing = (e.params as { passingSchemas?: unknown }).passingSchemas;
    rules.push({ under: `${e.schemaPath}/`, keepFirst: e.keyword === 'anyOf' || !Array.isArray(passing) });
  }
  return errors.filter((e) => !rules.some((r) => e.schemaPath.startsWith(r.under) && !(r.keepFirst && e.schemaPath.startsWith(`${r.under}0/`))));
}

/** upstream: `"name" must validate all the schemas (allOf)`, with `. None validated` when every branch failed. */
function allOfMessages(errors: AjvError[], value: unknown, c: NonNullable<ReturnType<typeof compiled>>, messageOnly: (d: string) => FieldError): Found[] {
  const failing = new Map<string, { branches: Set<number>; ip: string[] }>();
  for (const e of errors) {
    const sp = schemaSegments(e.schemaPath);
    for (let i = sp.length - 2; i >= 0; i--) {
      if (sp[i] !== 'allOf') continue;
      const prefix = sp.slice(0, i);
      const at = nodeKey(prefix, pointer(e.instancePath));
      const k = prefix.join('/');
      const entry = failing.get(k) ?? { branches: new Set<number>(), ip: pointer(e.instancePath).slice(0, at.depth) };
      entry.branches.add(Number(sp[i + 1]));
      failing.set(k, entry);
    }
  }
  const out: Found[] = [];
  for (const [k, { branches, ip }] of failing) {
    const prefix = k === '' ? [] : k.split('/');
    const node = schemaAt(c, prefix);
    const none = branches.size === (node?.allOf?.length ?? -1) ? '. None validated' : '';
    out.push({ key: [...nodeKey(prefix, ip).key, ...RANK.allOf!], node: ip, error: messageOnly(`${JSON.stringify(kubeName(value, ip))} must validate all the schemas (allOf)${none}`) });
  }
  return out;
}

/** The kube schema node at a schema path of the ajv schema. */
function schemaAt(c: NonNullable<ReturnType<typeof compiled>>, sp: string[]): JSONSchemaProps | undefined {
  let cur: any = (c.fn as { schema?: unknown }).schema;
  for (const s of sp) cur = cur?.[s];
  return isObject(cur) ? c.origin.get(cur) : undefined;
}

/** Go's reflect.DeepEqual on decoded JSON. */
export function jsonEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a)) return Array.isArray(b) && a.length === b.length && a.every((x, i) => jsonEqual(x, b[i]));
  if (!isObject(a) || !isObject(b)) return false;
  const ka = Object.keys(a);
  return ka.length === Object.keys(b).length && ka.every((k) => Object.hasOwn(b, k) && jsonEqual(a[k], b[k]));
}

/** The old element a new one correlates with: only x-kubernetes-list-type=map lists match elements, by their keys. */
function correlateItem(list: JSONSchemaProps | undefined, item: unknown, old: unknown[]): unknown {
  const keys = list?.['x-kubernetes-list-map-keys'];
  if (list?.['x-kubernetes-list-type'] !== 'map' || !Array.isArray(keys) || !isObject(item)) return undefined;
  return old.find((o) => isObject(o) && keys.every((k) => jsonEqual(o[k], item[k])));
}

/** Whether an error at `node` is ratcheted: some correlatable ancestor (or itself) is unchanged from the old object. */
function ratcheted(node: string[], value: unknown, old: unknown, schema: JSONSchemaProps): boolean {
  let cur: unknown = value;
  let prev: unknown = old;
  let s: JSONSchemaProps | undefined = schema;
  for (let i = 0; ; i++) {
    if (jsonEqual(cur, prev)) return true;
    if (i === node.length) return false;
    const seg = node[i]!;
    if (Array.isArray(cur)) {
      if (!Array.isArray(prev)) return false;
      const item = cur[Number(seg)];
      prev = correlateItem(s, item, prev);
      if (prev === undefined) return false;
      cur = item;
      s = isObject(s?.items) ? (s!.items as JSONSchemaProps) : undefined;
    } else {
      // upstream: TypeMeta at the root is never correlated
      if (!isObject(cur) || !isObject(prev) || !Object.hasOwn(prev, seg) || (i === 0 && (seg === 'kind' || seg === 'apiVersion'))) return false;
      cur = cur[seg];
      prev = prev[seg];
      s = s?.properties?.[seg] ?? (isObject(s?.additionalProperties) ? (s!.additionalProperties as JSONSchemaProps) : undefined);
    }
  }
}
