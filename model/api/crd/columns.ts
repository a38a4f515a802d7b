// CRD printer columns and the status/scale subresources, as upstream validates them.
// upstream: pkg/apis/apiextensions/validation/validation.go (ValidateCustomResourceColumnDefinition,
//           ValidateCustomResourceDefinitionSubresources, validateSimpleJSONPath)
import { invalidValue, required, type FieldError } from '../errors.js';
import type { ColumnDefinition, Subresources } from './types.js';
import { append } from '../../append.js';

// upstream printerColumnDatatypes / customResourceColumnDefinitionFormats, listed sorted as sets.List() does
export const COLUMN_TYPES = ['boolean', 'date', 'integer', 'number', 'string'];
const COLUMN_FORMATS = ['byte', 'date', 'date-time', 'double', 'float', 'int32', 'int64', 'password'];

/** upstream validateSimpleJSONPath: a dot-notation path starting with `.`. */
export function validateSimpleJSONPath(s: string, path: string): FieldError[] {
  if (s.length === 0) return [invalidValue(path, s, 'must not be empty')];
  if (s[0] !== '.') return [invalidValue(path, s, 'must be a simple json path starting with .')];
  return [];
}

export function validateColumn(c: ColumnDefinition, path: string): FieldError[] {
  const errs: FieldError[] = [];
  const str = (v: unknown) => (typeof v === 'string' ? v : '');
  if (str(c?.name) === '') errs.push(required(`${path}.name`));
  const type = str(c?.type);
  if (type === '') errs.push(required(`${path}.type`, `must be one of ${COLUMN_TYPES.join(',')}`));
  else if (!COLUMN_TYPES.includes(type)) errs.push(invalidValue(`${path}.type`, type, `must be one of ${COLUMN_TYPES.join(',')}`));
  const format = str(c?.format);
  if (format !== '' && !COLUMN_FORMATS.includes(format)) errs.push(invalidValue(`${path}.format`, format, `must be one of ${COLUMN_FORMATS.join(',')}`));
  // upstream names the internal field: JSONPath
  const jsonPath = str(c?.jsonPath);
  if (jsonPath === '') errs.push(required(`${path}.JSONPath`));
  else append(errs, validateSimpleJSONPath(jsonPath, `${path}.JSONPath`));
  return errs;
}

export function validateSubresources(sub: Subresources | undefined, path: string): FieldError[] {
  const scale = sub?.scale;
  if (!scale || typeof scale !== 'object') return [];
  const errs: FieldError[] = [];
  const under = (value: unknown, field: string, prefixes: string[], words: string) => {
    const v = typeof value === 'string' ? value : '';
    const p = `${path}.scale.${field}`;
    if (v === '') return void errs.push(required(p));
    const bad = validateSimpleJSONPath(v, p);
    if (bad.length > 0) append(errs, bad);
    else if (!prefixes.some((x) => v.startsWith(x))) errs.push(invalidValue(p, v, `should be a json path under ${words}`));
  };
  under(scale.specReplicasPath, 'specReplicasPath', ['.spec.'], '.spec');
  under(scale.statusReplicasPath, 'statusReplicasPath', ['.status.'], '.status');
  if (typeof scale.labelSelectorPath === 'string' && scale.labelSelectorPath !== '') {
    under(scale.labelSelectorPath, 'labelSelectorPath', ['.spec.', '.status.'], 'either .spec or .status');
  }
  return errs;
}
