// `default` values in a CRD schema must be pruned (no fields the schema drops) and valid against
// the schema they sit in. Defaults inside resource metadata are forbidden elsewhere; the model
// does not re-check them against ObjectMeta.
// upstream: pkg/apiserver/schema/defaulting/validation.go (ValidateDefaults)
import type { FieldError } from '../errors.js';
import { goSharpV, rendered } from './gofmt.js';
import { pruneValue } from './pruning.js';
import { jsonEqual, validateAgainstSchema } from './schema.js';
import { isObject, itemsOf, sortedKeys, type JSONSchemaProps } from './types.js';
import { append } from '../../append.js';

export function validateDefaults(root: JSONSchemaProps, path: string): FieldError[] {
  // the root is a resource: its apiVersion, kind and metadata count as resource meta
  return check({ ...root, 'x-kubernetes-embedded-resource': true }, path, false);
}

function check(s: JSONSchemaProps, p: string, insideMeta: boolean): FieldError[] {
  if (!isObject(s)) return [];
  const embedded = s['x-kubernetes-embedded-resource'] === true;
  if (embedded) insideMeta = false;
  const errs: FieldError[] = [];
  if (s.default !== undefined && s.default !== null && !insideMeta) {
    const pruned = structuredClone(s.default);
    pruneValue(pruned, s, embedded);
    if (!jsonEqual(pruned, s.default)) errs.push(rendered('FieldValueInvalid', `${p}.default`, goSharpV(s.default), 'must not have unknown fields'));
    append(errs, validateAgainstSchema(s.default, s, { basePath: `${p}.default` }));
  }
  // additionalProperties are not followed: defaults are forbidden there
  const items = itemsOf(s);
  if (items) append(errs, check(items, `${p}.items`, insideMeta));
  const props = isObject(s.properties) ? s.properties : {};
  for (const k of sortedKeys(props)) {
    const meta = embedded && (k === 'metadata' || k === 'apiVersion' || k === 'kind');
    append(errs, check(props[k]!, `${p}.properties[${k}]`, insideMeta || meta));
  }
  return errs;
}
