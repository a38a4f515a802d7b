// Structural-schema rules: every node specifies its type, value validations (allOf, anyOf, oneOf,
// not) only restrict what the structural part already specifies, metadata at the root only
// restricts name and generateName. Errors are sorted by their text, as upstream sorts them.
// upstream: pkg/apiserver/schema/validation.go (validateStructuralInvariants, validateNestedValueValidation),
//           pkg/apiserver/schema/complete.go (validateStructuralCompleteness)
import { fieldErrorText, forbidden, invalidValue, required, type FieldError } from '../errors.js';
import { goRegexpError } from './regexp.js';
import { isObject, itemsOf, sortedKeys, type JSONSchemaProps } from './types.js';
import { append } from '../../append.js';

type Level = 'root' | 'item' | 'field';
const PU = 'x-kubernetes-preserve-unknown-fields';
const EMB = 'x-kubernetes-embedded-resource';
const IOS = 'x-kubernetes-int-or-string';

const props = (s: JSONSchemaProps): Record<string, JSONSchemaProps> => (isObject(s.properties) ? s.properties : {});
const apSchema = (s: JSONSchemaProps): JSONSchemaProps | undefined =>
  isObject(s.additionalProperties) ? (s.additionalProperties as JSONSchemaProps) : undefined;
const hasAP = (s: JSONSchemaProps): boolean => s.additionalProperties !== undefined && s.additionalProperties !== null;
const list = (v: unknown): JSONSchemaProps[] => (Array.isArray(v) ? v : []);

/** anyOf: [{type: integer}, {type: string}] and nothing else, the int-or-string exception. */
function isIntOrStringAnyOf(anyOf: unknown): boolean {
  const a = list(anyOf);
  return a.length === 2 && JSON.stringify(a[0]) === '{"type":"integer"}' && JSON.stringify(a[1]) === '{"type":"string"}';
}

export function validateStructural(s: JSONSchemaProps, path: string): FieldError[] {
  const errs = [...invariants(s, 'root', path), ...completeness(s, s, path, path)];
  return errs.sort((a, b) => (fieldErrorText(a) < fieldErrorText(b) ? -1 : fieldErrorText(a) > fieldErrorText(b) ? 1 : 0));
}

function invariants(s: JSONSchemaProps, lvl: Level, p: string): FieldError[] {
  const errs: FieldError[] = [];
  const type = typeof s.type === 'string' ? s.type : '';
  const items = itemsOf(s);
  if (type === 'array' && !items) errs.push(required(`${p}.items`, 'must be specified'));
  if (items) append(errs, invariants(items, 'item', `${p}.items`));
  for (const k of sortedKeys(props(s))) append(errs, invariants(props(s)[k]!, 'field', `${p}.properties[${k}]`));
  if (hasAP(s)) {
    if (lvl === 'root') errs.push(forbidden(`${p}.additionalProperties`, 'must not be used at the root'));
    const ap = apSchema(s);
    if (ap) append(errs, invariants(ap, 'field', `${p}.additionalProperties`));
  }
  if (s[IOS] === true && s[PU] === true) errs.push(invalidValue(`${p}.${PU}`, true, 'must be false if x-kubernetes-int-or-string is true'));
  if (s[IOS] === true && s[EMB] === true) errs.push(invalidValue(`${p}.${EMB}`, true, 'must be false if x-kubernetes-int-or-string is true'));
  append(errs, valueValidation(s, isIntOrStringAnyOf(s.anyOf), isIntOrStringAnyOf(list(s.allOf)[0]?.anyOf), p));
  const checkMetadata = lvl === 'root' || s[EMB] === true;
  if (s[EMB] === true && type !== 'object') {
    errs.push(type === '' ? required(`${p}.type`, 'must be object if x-kubernetes-embedded-resource is true')
      : invalidValue(`${p}.type`, type, 'must be object if x-kubernetes-embedded-resource is true'));
  } else if (type === '' && s[IOS] !== true && s[PU] !== true) {
    const where = { root: 'at the root', item: 'for specified array items', field: 'for specified object fields' }[lvl];
    errs.push(required(`${p}.type`, `must not be empty ${where}`));
  }
  if (s[EMB] === true && hasAP(s)) errs.push(forbidden(`${p}.additionalProperties`, 'must not be used if x-kubernetes-embedded-resource is set'));
  if (lvl === 'root' && type !== '' && type !== 'object') errs.push(invalidValue(`${p}.type`, type, 'must be object at the root'));
  for (const meta of ['kind', 'apiVersion']) {
    const m = props(s)[meta];
    if (m && checkMetadata && m.type !== 'string') errs.push(invalidValue(`${p}.properties[${meta}].type`, m.type ?? '', 'must be string'));
  }
  const metadata = props(s).metadata;
  if (metadata) {
    const mp = `${p}.properties[metadata]`;
    if (checkMetadata && metadata.type !== 'object') errs.push(invalidValue(`${mp}.type`, metadata.type ?? '', 'must be object'));
    if (lvl === 'root' && !onlyNameRestrictions(metadata)) {
      errs.push(forbidden(mp, 'must not specify anything other than name and generateName, but metadata is implicitly specified'));
    }
  }
  if (s[EMB] === true && s[PU] !== true && Object.keys(props(s)).length === 0) {
    errs.push(required(`${p}.properties`, 'must not be empty if x-kubernetes-embedded-resource is true without x-kubernetes-preserve-unknown-fields'));
  }
  return errs;
}

/** Root metadata may restrict name and generateName only; type and default are ignored (default is forbidden elsewhere). */
function onlyNameRestrictions(m: JSONSchemaProps): boolean {
  // example, externalDocs, id and $schema are not part of a structural schema
  const ignored = new Set(['type', 'default', 'example', 'externalDocs', 'id', '$schema']);
  const keys = Object.keys(m).filter((k) => !ignored.has(k) && m[k] !== undefined && m[k] !== false && m[k] !== '');
  const names = Object.keys(props(m));
  const onlyNames = names.length > 0 && names.every((n) => n === 'name' || n === 'generateName');
  return keys.every((k) => k === 'properties' && onlyNames);
}

function valueValidation(v: JSONSchemaProps, skipAnyOf: boolean, skipFirstAllOfAnyOf: boolean, p: string): FieldError[] {
  const errs: FieldError[] = [];
  if (!skipAnyOf) list(v.anyOf).forEach((x, i) => append(errs, nested(x, false, false, `${p}.anyOf[${i}]`)));
  list(v.allOf).forEach((x, i) => append(errs, nested(x, skipFirstAllOfAnyOf && i === 0, false, `${p}.allOf[${i}]`)));
  list(v.oneOf).forEach((x, i) => append(errs, nested(x, false, false, `${p}.oneOf[${i}]`)));
  if (isObject(v.not)) append(errs, nested(v.not as JSONSchemaProps, false, false, `${p}.not`));
  if (typeof v.pattern === 'string' && v.pattern !== '') {
    const bad = goRegexpError(v.pattern);
    if (bad) errs.push(invalidValue(`${p}.pattern`, v.pattern, `must be a valid regular expression, but isn't: ${bad}`));
  }
  return errs;
}

/** A schema under allOf/anyOf/oneOf/not may only hold value validations. */
function nested(v: JSONSchemaProps, skipAnyOf: boolean, skipAllOfAnyOf: boolean, p: string): FieldError[] {
  if (!isObject(v)) return [];
  const errs = valueValidation(v, skipAnyOf, skipAllOfAnyOf, p);
  const items = itemsOf(v);
  if (items) append(errs, nested(items, false, false, `${p}.items`));
  for (const k of sortedKeys(props(v))) append(errs, nested(props(v)[k]!, false, false, `${p}.properties[${k}]`));
  const f = (field: string, detail: string) => errs.push(forbidden(`${p}.${field}`, detail));
  if (typeof v.type === 'string' && v.type !== '') f('type', 'must be empty to be structural');
  if (apSchema(v) || v.additionalProperties === true) f('additionalProperties', 'must be undefined to be structural');
  if (v.default !== undefined && v.default !== null) f('default', 'must be undefined to be structural');
  if (v.title) f('title', 'must be empty to be structural');
  if (v.description) f('description', 'must be empty to be structural');
  if (v.nullable === true) f('nullable', 'must be false to be structural');
  if (v[PU] === true) f(PU, 'must be false to be structural');
  if (v[EMB] === true) f(EMB, 'must be false to be structural');
  if (v[IOS] === true) f(IOS, 'must be false to be structural');
  if (list(v['x-kubernetes-list-map-keys']).length > 0) f('x-kubernetes-list-map-keys', 'must be empty to be structural');
  if (v['x-kubernetes-list-type'] !== undefined) f('x-kubernetes-list-type', 'must be undefined to be structural');
  if (v['x-kubernetes-map-type'] !== undefined) f('x-kubernetes-map-type', 'must be undefined to be structural');
  if (list(v['x-kubernetes-validations']).length > 0) f('x-kubernetes-validations', 'must be empty to be structural');
  if (props(v).metadata) errs.push(forbidden(`${p}.properties[metadata]`, 'must not be specified in a nested context'));
  return errs;
}

/** Every field a value validation names must also be specified in the structural part (checked from the root's junctors). */
function completeness(v: JSONSchemaProps, s: JSONSchemaProps | undefined, sPath: string, vPath: string): FieldError[] {
  if (!s) return [required(sPath, `because it is defined in ${vPath}`)];
  const errs: FieldError[] = [];
  const each = (x: JSONSchemaProps, vp: string) => append(errs, nestedCompleteness(x, s, sPath, vp));
  if (isObject(v.not)) each(v.not as JSONSchemaProps, `${vPath}.not`);
  list(v.allOf).forEach((x, i) => each(x, `${vPath}.allOf[${i}]`));
  list(v.anyOf).forEach((x, i) => each(x, `${vPath}.anyOf[${i}]`));
  list(v.oneOf).forEach((x, i) => each(x, `${vPath}.oneOf[${i}]`));
  return errs;
}

function nestedCompleteness(v: JSONSchemaProps, s: JSONSchemaProps | undefined, sPath: string, vPath: string): FieldError[] {
  if (!isObject(v)) return [];
  if (!s) return [required(sPath, `because it is defined in ${vPath}`)];
  const errs = completeness(v, s, sPath, vPath);
  const items = itemsOf(v);
  if (items) append(errs, nestedCompleteness(items, itemsOf(s), `${sPath}.items`, `${vPath}.items`));
  for (const k of sortedKeys(props(v))) {
    const sub = props(s)[k];
    if (!sub) errs.push(required(`${sPath}.properties[${k}]`, `because it is defined in ${vPath}.properties[${k}]`));
    else append(errs, nestedCompleteness(props(v)[k]!, sub, `${sPath}.properties[${k}]`, `${vPath}.properties[${k}]`));
  }
  return errs;
}
