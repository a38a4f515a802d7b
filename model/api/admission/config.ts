// ConfigMap and Secret: key syntax, size limit, type-specific keys, the `immutable` flag.
// upstream: pkg/apis/core/validation/validation.go (ValidateConfigMap, ValidateSecret and their updates),
//           k8s.io/apimachinery/pkg/util/validation (IsConfigMapKey), pkg/apis/core/v1/conversion (stringData).
import { forbidden, invalidValue, required, type FieldError } from '../errors.js';
import type { KubeObject } from '../types.js';
import type { KindAdmission } from './types.js';
import { semanticEqual } from './equality.js';
import { append } from '../../append.js';

/** upstream core.MaxSecretSize, also the ConfigMap limit. */
export const MAX_SECRET_SIZE_B = 1 * 1024 * 1024;
const CONFIG_KEY_RE = /^[-._a-zA-Z0-9]+$/;

/** upstream validation.RegexError, examples joined with its exact spacing. */
function regexError(msg: string, re: string, examples: string[]): string {
  return `${msg} (e.g. ${examples.map((e) => `'${e}', `).join(' or ')}regex used for validation is '${re}')`;
}

/** upstream validation.IsConfigMapKey. */
export function isConfigMapKey(key: string): string[] {
  const errs: string[] = [];
  if (key.length > 253) errs.push('must be no more than 253 characters');
  if (!CONFIG_KEY_RE.test(key)) {
    errs.push(regexError("a valid config key must consist of alphanumeric characters, '-', '_' or '.'", '[-._a-zA-Z0-9]+', ['key.name', 'KEY_NAME', 'key-name']));
  }
  if (key === '.') errs.push("must not be '.'");
  else if (key === '..') errs.push("must not be '..'");
  else if (key.startsWith('..')) errs.push("must not start with '..'");
  return errs;
}

const tooLongObject = (max: number): FieldError => ({ type: 'FieldValueTooLong', field: '', detail: `may not be more than ${max} bytes` });

/** Keys of `data` and `binaryData`, plus the 1 MiB total; with `base64Data` (Secret) values count by their decoded size. */
function validateDataMaps(obj: KubeObject, base64Data: boolean): FieldError[] {
  const errs: FieldError[] = [];
  const data: Record<string, unknown> = (obj.data as Record<string, unknown>) ?? {};
  const binary: Record<string, unknown> = (obj.binaryData as Record<string, unknown>) ?? {};
  let total = 0;
  for (const key of Object.keys(data).sort()) {
    append(errs, isConfigMapKey(key).map((m) => invalidValue(`data[${key}]`, key, m)));
    if (Object.hasOwn(binary, key)) errs.push(invalidValue(`data[${key}]`, key, 'duplicate of key present in binaryData'));
    const v = String(data[key] ?? '');
    total += base64Data ? Buffer.from(v, 'base64').length : Buffer.byteLength(v);
  }
  for (const key of Object.keys(binary).sort()) {
    append(errs, isConfigMapKey(key).map((m) => invalidValue(`binaryData[${key}]`, key, m)));
    total += Buffer.from(String(binary[key] ?? ''), 'base64').length;
  }
  if (total > MAX_SECRET_SIZE_B) errs.push(base64Data ? { ...tooLongObject(MAX_SECRET_SIZE_B), field: 'data' } : tooLongObject(MAX_SECRET_SIZE_B));
  return errs;
}

/** The `immutable: true` rule shared by ConfigMap and Secret. */
function validateImmutableFlag(obj: KubeObject, old: KubeObject): FieldError[] {
  if (old.immutable !== true) return [];
  const errs: FieldError[] = [];
  const msg = 'field is immutable when `immutable` is set';
  if (obj.immutable !== true) errs.push(forbidden('immutable', msg));
  if (!semanticEqual(obj.data, old.data)) errs.push(forbidden('data', msg));
  if (!semanticEqual(obj.binaryData, old.binaryData)) errs.push(forbidden('binaryData', msg));
  return errs;
}

export const configMapAdmission: KindAdmission = {
  defaults(): void {},
  validate: (obj) => validateDataMaps(obj, false),
  validateUpdate: (obj, old) => [...validateImmutableFlag(obj, old), ...validateDataMaps(obj, false)],
};

/** Keys each Secret type must carry (upstream ValidateSecret switch). */
const SECRET_TYPE_KEYS: Record<string, string[]> = {
  'kubernetes.io/dockercfg': ['.dockercfg'],
  'kubernetes.io/dockerconfigjson': ['.dockerconfigjson'],
  'kubernetes.io/ssh-auth': ['ssh-privatekey'],
  'kubernetes.io/tls': ['tls.crt', 'tls.key'],
};

function validateSecret(obj: KubeObject): FieldError[] {
  const errs = validateDataMaps(obj, true);
  const data: Record<string, unknown> = (obj.data as Record<string, unknown>) ?? {};
  const type = String(obj.type ?? '');
  if (type === 'kubernetes.io/service-account-token' && !obj.metadata?.annotations?.['kubernetes.io/service-account.name']) {
    errs.push(required('metadata.annotations[kubernetes.io/service-account.name]'));
  }
  if (type === 'kubernetes.io/basic-auth' && !Object.hasOwn(data, 'username') && !Object.hasOwn(data, 'password')) {
    errs.push(required('data[username]'), required('data[password]'));
  }
  for (const key of SECRET_TYPE_KEYS[type] ?? []) if (!Object.hasOwn(data, key)) errs.push(required(`data[${key}]`));
  return errs;
}

export const secretAdmission: KindAdmission = {
  defaults(obj: KubeObject): void {
    obj.type ||= 'Opaque';
    // upstream v1 conversion: stringData is write-only and merged into data, base64-encoded.
    const stringData = obj.stringData;
    if (stringData && typeof stringData === 'object') {
      const data: Record<string, unknown> = (obj.data as Record<string, unknown>) ?? {};
      for (const [k, v] of Object.entries(stringData)) data[k] = Buffer.from(String(v)).toString('base64');
      obj.data = data;
    }
    delete obj.stringData;
  },
  validate: validateSecret,
  validateUpdate(obj: KubeObject, old: KubeObject): FieldError[] {
    const errs = obj.type === old.type ? [] : [invalidValue('type', obj.type ?? '', 'field is immutable')];
    return [...errs, ...validateImmutableFlag(obj, old), ...validateSecret(obj)];
  },
};
