// One version's openAPIV3Schema compiled with ajv, cached on the schema object. The schema is
// first rewritten into plain JSON Schema (draft-07) with kube-openapi's meaning:
// - `x-kubernetes-int-or-string` is type [integer, string]; `nullable` adds null to the type;
// - OpenAPI 3.0 boolean exclusiveMinimum/exclusiveMaximum become draft-07 numeric bounds;
// - formats the API server does not check are stripped; `pattern` is an RE2 pattern (see regexp.ts);
// - integer bounds are truncated, as kube-openapi compares int64 data with int64(bound);
// - `default`, descriptions and the other x-kubernetes-* extensions do not validate anything here.
//   `x-kubernetes-validations` (CEL rules) is out of scope for the model and ignored.
// upstream: pkg/apiserver/validation/validation.go (ConvertJSONSchemaPropsWithPostProcess),
//           kube-openapi pkg/validation/validate (type.go, validator.go, values.go)
import AjvModule, { type ErrorObject, type ValidateFunction } from 'ajv';
import { FORMAT_CHECKS, checkedFormat } from './formats.js';
import { goRegExp } from './regexp.js';
import { isObject, type JSONSchemaProps } from './types.js';

const Ajv = AjvModule.default;

export interface Compiled {
  fn: ValidateFunction;
  /** The kube schema node each ajv schema node was made from. */
  origin: WeakMap<object, JSONSchemaProps>;
}

const regexps = new Map<string, RegExp | undefined>();
function cachedRegExp(pattern: string): RegExp | undefined {
  if (!regexps.has(pattern)) regexps.set(pattern, goRegExp(pattern));
  return regexps.get(pattern);
}

const ajv = new Ajv({ allErrors: true, strict: false, verbose: true, logger: false, formats: { ...FORMAT_CHECKS } });
/** RE2 `pattern`; a pattern the model cannot compile matches nothing, as upstream fails it. */
ajv.addKeyword({
  keyword: 'x-go-pattern',
  type: 'string',
  schemaType: 'string',
  errors: false,
  validate: (pattern: string, data: string) => cachedRegExp(pattern)?.test(data) ?? false,
});

const COPIED = ['enum', 'multipleOf', 'minLength', 'maxLength', 'minItems', 'maxItems', 'uniqueItems', 'minProperties', 'maxProperties', 'required'] as const;

function translate(s: JSONSchemaProps, origin: WeakMap<object, JSONSchemaProps>): object {
  const out: Record<string, unknown> = {};
  origin.set(out, s);
  if (!isObject(s)) return out;
  let types: string[] = s['x-kubernetes-int-or-string'] === true ? ['integer', 'string'] : typeof s.type === 'string' && s.type !== '' ? [s.type] : [];
  if (types.length > 0 && s.nullable === true) types = [...types, 'null'];
  if (types.length > 0) out.type = types.length === 1 ? types[0] : types;
  for (const k of COPIED) if (s[k] !== undefined) out[k] = s[k];
  const int = s.type === 'integer';
  const bound = (v: number) => (int ? Math.trunc(v) : v);
  if (typeof s.minimum === 'number') out[s.exclusiveMinimum === true ? 'exclusiveMinimum' : 'minimum'] = bound(s.minimum);
  if (typeof s.maximum === 'number') out[s.exclusiveMaximum === true ? 'exclusiveMaximum' : 'maximum'] = bound(s.maximum);
  if (typeof s.pattern === 'string' && s.pattern !== '') out['x-go-pattern'] = s.pattern;
  const format = checkedFormat(s.format);
  if (format) out.format = format;
  if (isObject(s.properties)) {
    out.properties = Object.fromEntries(Object.entries(s.properties).map(([k, v]) => [k, translate(v, origin)]));
  }
  if (isObject(s.items)) out.items = translate(s.items as JSONSchemaProps, origin);
  if (typeof s.additionalProperties === 'boolean') out.additionalProperties = s.additionalProperties;
  else if (isObject(s.additionalProperties)) out.additionalProperties = translate(s.additionalProperties as JSONSchemaProps, origin);
  for (const k of ['allOf', 'anyOf', 'oneOf'] as const) {
    if (Array.isArray(s[k]) && s[k]!.length > 0) out[k] = s[k]!.map((x) => translate(x, origin));
  }
  if (isObject(s.not)) out.not = translate(s.not as JSONSchemaProps, origin);
  return out;
}

const cache = new WeakMap<object, Compiled | null>();

/** The compiled validator of a schema, or null when ajv cannot compile it (upstream would not have accepted the CRD). */
export function compiled(schema: JSONSchemaProps): Compiled | null {
  const hit = cache.get(schema);
  if (hit !== undefined) return hit;
  const origin = new WeakMap<object, JSONSchemaProps>();
  const plain = translate(schema, origin);
  let result: Compiled | null;
  try {
    result = { fn: ajv.compile(plain), origin };
    ajv.removeSchema(plain); // the function stays usable; ajv's own cache would otherwise keep every schema
  } catch {
    result = null;
  }
  cache.set(schema, result);
  return result;
}

export type AjvError = ErrorObject;

/** Run a compiled validator: ajv's errors, empty when valid. */
export function runAjv(c: Compiled, value: unknown): AjvError[] {
  return c.fn(value) ? [] : [...(c.fn.errors ?? [])];
}
