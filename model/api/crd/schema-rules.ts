// Static checks of one CRD schema (`spec.validation` or `spec.versions[i].schema`): the root
// rules with a status subresource, structural rules, defaults, and the per-node OpenAPI rules.
// x-kubernetes-validations rules are checked for shape only: CEL is out of the model's scope.
// upstream: pkg/apis/apiextensions/validation/validation.go (validateCustomResourceDefinitionValidation,
//           ValidateCustomResourceDefinitionOpenAPISchema, specStandardValidatorV3.validate, validateMapListKeysMapSet)
import { forbidden, invalidValue, notSupported, required, type FieldError } from '../errors.js';
import { validateDefaults } from './defaults-check.js';
import { rendered } from './gofmt.js';
import { validateStructural } from './structural.js';
import { isObject, itemsOf, sortedKeys, type JSONSchemaProps } from './types.js';
import { append } from '../../append.js';

const OPENAPI_TYPES = ['array', 'boolean', 'integer', 'number', 'object', 'string'];
const META_FIELDS = new Set(['metadata', 'kind', 'apiVersion']);
// JSONSchemaProps fields in Go struct order, and those allowed at the root with a status subresource.
const FIELD_ORDER: Array<[string, string]> = [
  ['id', 'ID'], ['$schema', 'Schema'], ['$ref', 'Ref'], ['description', 'Description'], ['type', 'Type'], ['format', 'Format'], ['title', 'Title'],
  ['default', 'Default'], ['maximum', 'Maximum'], ['exclusiveMaximum', 'ExclusiveMaximum'], ['minimum', 'Minimum'], ['exclusiveMinimum', 'ExclusiveMinimum'],
  ['maxLength', 'MaxLength'], ['minLength', 'MinLength'], ['pattern', 'Pattern'], ['maxItems', 'MaxItems'], ['minItems', 'MinItems'],
  ['uniqueItems', 'UniqueItems'], ['multipleOf', 'MultipleOf'], ['enum', 'Enum'], ['maxProperties', 'MaxProperties'], ['minProperties', 'MinProperties'],
  ['required', 'Required'], ['items', 'Items'], ['allOf', 'AllOf'], ['oneOf', 'OneOf'], ['anyOf', 'AnyOf'], ['not', 'Not'], ['properties', 'Properties'],
  ['additionalProperties', 'AdditionalProperties'], ['patternProperties', 'PatternProperties'], ['dependencies', 'Dependencies'],
  ['additionalItems', 'AdditionalItems'], ['definitions', 'Definitions'], ['externalDocs', 'ExternalDocs'], ['example', 'Example'], ['nullable', 'Nullable'],
  ['x-kubernetes-preserve-unknown-fields', 'XPreserveUnknownFields'], ['x-kubernetes-embedded-resource', 'XEmbeddedResource'],
  ['x-kubernetes-int-or-string', 'XIntOrString'], ['x-kubernetes-list-map-keys', 'XListMapKeys'], ['x-kubernetes-list-type', 'XListType'],
  ['x-kubernetes-map-type', 'XMapType'], ['x-kubernetes-validations', 'XValidations'],
];
const ALLOWED_AT_ROOT = ['Description', 'Type', 'Format', 'Title', 'Maximum', 'ExclusiveMaximum', 'Minimum', 'ExclusiveMinimum', 'MaxLength', 'MinLength',
  'Pattern', 'MaxItems', 'MinItems', 'UniqueItems', 'MultipleOf', 'Required', 'Items', 'Properties', 'ExternalDocs', 'Example', 'XPreserveUnknownFields', 'XValidations'];
// %#v of a whole JSONSchemaProps holds pointer addresses; the model prints this stand-in.
const SCHEMA_VALUE = 'apiextensions.JSONSchemaProps{...}';

interface Ctx {
  allowDefaults: boolean;
  disallowReason: string;
  insideResourceMeta: boolean;
}

/** upstream validateCustomResourceDefinitionValidation for one `{openAPIV3Schema}` at `path`. */
export function validateValidation(validation: { openAPIV3Schema?: JSONSchemaProps } | undefined, statusEnabled: boolean, path: string): FieldError[] {
  const schema = validation?.openAPIV3Schema;
  if (!isObject(schema)) return [];
  const p = `${path}.openAPIV3Schema`;
  const errs: FieldError[] = [];
  if (statusEnabled) append(errs, statusRootErrors(schema, p));
  if (schema.nullable === true) errs.push(forbidden(`${p}.nullable`, 'nullable cannot be true at the root'));
  const structural = validateStructural(schema, p);
  append(errs, (structural.length > 0 ? structural : validateDefaults(schema, p)));
  append(errs, walk(schema, p, { allowDefaults: true, disallowReason: '', insideResourceMeta: false }, true));
  return errs;
}

/** With a status subresource, the root may only restrict what survives extracting `properties.status`. */
function statusRootErrors(s: JSONSchemaProps, p: string): FieldError[] {
  for (const [json, goName] of FIELD_ORDER) {
    const v = s[json];
    if (v === undefined || v === null || v === false || v === '') continue;
    if (goName === 'Type') {
      if (v !== 'object') return [invalidValue(`${p}.type`, v, 'only "object" is allowed as the type at the root of the schema if the status subresource is enabled')];
      continue;
    }
    if (!ALLOWED_AT_ROOT.includes(goName)) {
      return [rendered('FieldValueInvalid', p, SCHEMA_VALUE, `only [${ALLOWED_AT_ROOT.join(' ')}] fields are allowed at the root of the schema if the status subresource is enabled`)];
    }
  }
  return [];
}

const withoutDefaults = (ctx: Ctx, reason: string): Ctx => ({ ...ctx, allowDefaults: false, disallowReason: reason });

function nodeRules(s: JSONSchemaProps, p: string, ctx: Ctx): FieldError[] {
  const errs: FieldError[] = [];
  const type = typeof s.type === 'string' ? s.type : '';
  if (type !== '' && !OPENAPI_TYPES.includes(type)) errs.push(notSupported(`${p}.type`, type, OPENAPI_TYPES));
  if (s.default !== undefined && !ctx.allowDefaults) errs.push(forbidden(`${p}.default`, `must not be set${ctx.disallowReason ? ` ${ctx.disallowReason}` : ''}`));
  if (s.id) errs.push(forbidden(`${p}.id`, 'id is not supported'));
  if (s.additionalItems !== undefined) errs.push(forbidden(`${p}.additionalItems`, 'additionalItems is not supported'));
  if (isObject(s.patternProperties) && Object.keys(s.patternProperties).length > 0) errs.push(forbidden(`${p}.patternProperties`, 'patternProperties is not supported'));
  if (isObject(s.definitions) && Object.keys(s.definitions).length > 0) errs.push(forbidden(`${p}.definitions`, 'definitions is not supported'));
  if (s.dependencies !== undefined) errs.push(forbidden(`${p}.dependencies`, 'dependencies is not supported'));
  if (s.$ref !== undefined) errs.push(forbidden(`${p}.$ref`, '$ref is not supported'));
  if (type === 'null') errs.push(forbidden(`${p}.type`, 'type cannot be set to null, use nullable as an alternative'));
  if (Array.isArray(s.items) && s.items.length > 0) errs.push(forbidden(`${p}.items`, 'items must be a schema object and not an array'));
  if (ctx.insideResourceMeta && s['x-kubernetes-embedded-resource'] === true) {
    errs.push(forbidden(`${p}.x-kubernetes-embedded-resource`, 'must not be used inside of resource meta'));
  }
  return errs;
}

function walk(s: JSONSchemaProps, p: string, ctx: Ctx, isRoot: boolean): FieldError[] {
  if (!isObject(s)) return [];
  const errs = nodeRules(s, p, ctx);
  if (s.uniqueItems === true) errs.push(forbidden(`${p}.uniqueItems`, 'uniqueItems cannot be set to true since the runtime complexity becomes quadratic'));
  const properties = isObject(s.properties) ? s.properties : {};
  if (s.additionalProperties !== undefined && s.additionalProperties !== null) {
    const ap = s.additionalProperties;
    if (Object.keys(properties).length > 0 && (ap === false || isObject(ap))) {
      errs.push(forbidden(`${p}.additionalProperties`, 'additionalProperties and properties are mutual exclusive'));
    }
    if (isObject(ap)) {
      const sub = ctx.insideResourceMeta ? withoutDefaults(ctx, 'inside additionalProperties applying to object metadata') : ctx;
      append(errs, walk(ap as JSONSchemaProps, `${p}.additionalProperties`, sub, false));
    }
  }
  for (const k of sortedKeys(properties)) {
    let sub = ctx;
    if ((isRoot || s['x-kubernetes-embedded-resource'] === true) && META_FIELDS.has(k)) {
      sub = { ...sub, insideResourceMeta: true };
      if (isRoot) sub = withoutDefaults(sub, `in top-level ${k}`);
    }
    append(errs, walk(properties[k]!, `${p}.properties[${k}]`, sub, false));
  }
  if (isObject(s.not)) append(errs, walk(s.not as JSONSchemaProps, `${p}.not`, ctx, false));
  for (const k of ['allOf', 'oneOf', 'anyOf'] as const) {
    if (Array.isArray(s[k])) s[k]!.forEach((x, i) => append(errs, walk(x, `${p}.${k}[${i}]`, ctx, false)));
  }
  if (isObject(s.items)) append(errs, walk(s.items as JSONSchemaProps, `${p}.items`, ctx, false));
  else if (Array.isArray(s.items)) s.items.forEach((x, i) => append(errs, walk(x, `${p}.items[${i}]`, ctx, false)));
  append(errs, extensionRules(s, p));
  return errs;
}

/** x-kubernetes-preserve-unknown-fields, -map-type, -list-type, -list-map-keys and the shape of -validations. */
function extensionRules(s: JSONSchemaProps, p: string): FieldError[] {
  const errs: FieldError[] = [];
  const type = typeof s.type === 'string' ? s.type : '';
  const mapType = s['x-kubernetes-map-type'];
  const listType = s['x-kubernetes-list-type'];
  const keys = Array.isArray(s['x-kubernetes-list-map-keys']) ? s['x-kubernetes-list-map-keys'] : [];
  const items = itemsOf(s);
  if (s['x-kubernetes-preserve-unknown-fields'] === false) errs.push(invalidValue(`${p}.x-kubernetes-preserve-unknown-fields`, false, 'must be true or undefined'));
  const mustBe = (what: string, why: string) =>
    errs.push(type === '' ? required(`${p}.type`, `must be ${what} if ${why} is specified`) : invalidValue(`${p}.type`, type, `must be ${what} if ${why} is specified`));
  if (mapType !== undefined && type !== 'object') mustBe('object', 'x-kubernetes-map-type');
  if (mapType !== undefined && mapType !== 'atomic' && mapType !== 'granular') errs.push(notSupported(`${p}.x-kubernetes-map-type`, mapType, ['atomic', 'granular']));
  if (listType !== undefined && type !== 'array') mustBe('array', 'x-kubernetes-list-type');
  else if (listType === 'set' && items) {
    if (items.type === 'array' && items['x-kubernetes-list-type'] !== undefined && items['x-kubernetes-list-type'] !== 'atomic') {
      errs.push(invalidValue(`${p}.items.x-kubernetes-list-type`, items['x-kubernetes-list-type'], 'must be atomic as item of a list with x-kubernetes-list-type=set'));
    } else if (items.type === 'object' && items['x-kubernetes-map-type'] !== 'atomic') {
      // upstream passes the items' list type as the value here
      errs.push(invalidValue(`${p}.items.x-kubernetes-map-type`, items['x-kubernetes-list-type'] ?? null, 'must be atomic as item of a list with x-kubernetes-list-type=set'));
    }
  }
  if (listType !== undefined && !['atomic', 'set', 'map'].includes(listType)) errs.push(notSupported(`${p}.x-kubernetes-list-type`, listType, ['atomic', 'set', 'map']));
  if (keys.length > 0) {
    if (listType === undefined) errs.push(required(`${p}.x-kubernetes-list-type`, 'must be map if x-kubernetes-list-map-keys is non-empty'));
    else if (listType !== 'map') errs.push(invalidValue(`${p}.x-kubernetes-list-type`, listType, 'must be map if x-kubernetes-list-map-keys is non-empty'));
  }
  if (listType === 'map') {
    if (keys.length === 0) errs.push(required(`${p}.x-kubernetes-list-map-keys`, 'must not be empty if x-kubernetes-list-type is map'));
    if (s.items === undefined || s.items === null) errs.push(required(`${p}.items`, 'must have a schema if x-kubernetes-list-type is map'));
    if (items && items.type !== 'object') errs.push(invalidValue(`${p}.items.type`, items.type ?? '', "must be object if parent array's x-kubernetes-list-type is map"));
    if (items && items.type === 'object') {
      const seen = new Set<string>();
      for (const k of keys) {
        const prop = isObject(items.properties) ? items.properties[k] : undefined;
        if (prop && (prop.type === 'array' || prop.type === 'object')) {
          errs.push(invalidValue(`${p}.items.properties[${k}].type`, items.type, "must be a scalar type if parent array's x-kubernetes-list-type is map"));
        } else if (!prop) errs.push(invalidValue(`${p}.x-kubernetes-list-map-keys`, keys, 'entries must all be names of item properties'));
        if (seen.has(k)) errs.push(invalidValue(`${p}.x-kubernetes-list-map-keys`, keys, 'must not contain duplicate entries'));
        seen.add(k);
      }
    }
  }
  if (items && (listType === 'set' || listType === 'map')) {
    if (items.nullable === true) errs.push(forbidden(`${p}.items.nullable`, `cannot be nullable when x-kubernetes-list-type is ${listType}`));
    if (listType === 'map') {
      const req = new Set(Array.isArray(items.required) ? items.required : []);
      for (const k of keys) {
        const prop = isObject(items.properties) ? items.properties[k] : undefined;
        if (!prop) continue;
        if (!req.has(k) && prop.default === undefined) {
          errs.push(required(`${p}.items.properties[${k}].default`, 'this property is in x-kubernetes-list-map-keys, so it must have a default or be a required property'));
        }
        if (prop.nullable === true) errs.push(forbidden(`${p}.items.properties[${k}].nullable`, 'this property is in x-kubernetes-list-map-keys, so it cannot be nullable'));
      }
    }
  }
  const rules = Array.isArray(s['x-kubernetes-validations']) ? s['x-kubernetes-validations'] : [];
  rules.forEach((r, i) => {
    const rp = `${p}.x-kubernetes-validations[${i}]`;
    const rule = String(r?.rule ?? '').trim();
    const msg = String(r?.message ?? '');
    if (rule === '') errs.push(required(`${rp}.rule`, 'rule is not specified'));
    else if (msg.length > 0 && msg.trim() === '') errs.push(invalidValue(`${rp}.message`, msg, 'message must be non-empty if specified'));
    else if (/[\n\r]/.test(msg.trim())) errs.push(invalidValue(`${rp}.message`, msg, 'message must not contain line breaks'));
    else if (/[\n\r]/.test(rule) && msg.trim() === '') errs.push(required(`${rp}.message`, 'message must be specified if rule contains line breaks'));
    if (r?.messageExpression !== undefined && String(r.messageExpression).length > 0 && String(r.messageExpression).trim() === '') {
      errs.push(required(`${rp}.messageExpression`, 'messageExpression must be non-empty if specified'));
    }
    const reasons = ['FieldValueDuplicate', 'FieldValueForbidden', 'FieldValueInvalid', 'FieldValueRequired'];
    if (r?.reason !== undefined && !reasons.includes(String(r.reason))) errs.push(notSupported(`${rp}.reason`, r.reason, reasons));
  });
  return errs;
}
