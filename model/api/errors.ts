// API errors in the API server's words.
// upstream: k8s.io/apimachinery/pkg/util/validation/field/errors.go (field.Error),
//           k8s.io/apimachinery/pkg/api/errors/errors.go (StatusError, NewInvalid, ...)

export type FieldErrorType =
  | 'FieldValueNotFound'
  | 'FieldValueRequired'
  | 'FieldValueDuplicate'
  | 'FieldValueInvalid'
  | 'FieldValueNotSupported'
  | 'FieldValueForbidden'
  | 'FieldValueTooLong'
  | 'FieldValueTooMany'
  | 'InternalError'
  | 'FieldValueTypeInvalid';

const TYPE_TEXT: Record<FieldErrorType, string> = {
  FieldValueNotFound: 'Not found',
  FieldValueRequired: 'Required value',
  FieldValueDuplicate: 'Duplicate value',
  FieldValueInvalid: 'Invalid value',
  FieldValueNotSupported: 'Unsupported value',
  FieldValueForbidden: 'Forbidden',
  FieldValueTooLong: 'Too long',
  FieldValueTooMany: 'Too many',
  InternalError: 'Internal error',
  FieldValueTypeInvalid: 'Invalid value',
};

/** Marker for "no value shown", as upstream's omitValue. */
export const OMIT = Symbol('omitValue');

/** One field error: `field` is the dotted path upstream prints (`spec.template.spec.containers[0].image`). */
export interface FieldError {
  type: FieldErrorType;
  field: string;
  value?: unknown;
  detail?: string;
}

/**
 * A string as Go's %q prints it: in double quotes, with `"` and `\` escaped
 * and control characters as \n, \t... or \xNN, so a name with a newline or
 * a NUL byte stays on one line, as upstream's messages quote names.
 */
export function goQuote(s: string): string {
  let out = '"';
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    if (ch === '"' || ch === '\\') out += `\\${ch}`;
    else if (c < 0x80 && GO_ESCAPES[c] !== undefined) out += GO_ESCAPES[c];
    else if (c < 0x20 || c === 0x7f) out += `\\x${c.toString(16).padStart(2, '0')}`;
    else if (c === 0x20 || c < 0x7f || GO_PRINTABLE.test(ch)) out += ch;
    else out += c > 0xffff ? `\\U${c.toString(16).padStart(8, '0')}` : `\\u${c.toString(16).padStart(4, '0')}`;
  }
  return out + '"';
}

/** strconv.Quote's short escapes. */
const GO_ESCAPES: Record<number, string> = { 7: '\\a', 8: '\\b', 9: '\\t', 10: '\\n', 11: '\\v', 12: '\\f', 13: '\\r' };
/** unicode.IsPrint beyond ASCII: letters, marks, numbers, punctuation and symbols (other spaces are escaped). */
const GO_PRINTABLE = /^[\p{L}\p{M}\p{N}\p{P}\p{S}]$/u;

/** A message made safe for one line: what goQuote does to control characters and line separators, and nothing else. */
export function oneLine(message: string): string {
  return message.replace(/[\x00-\x1f\x7f\x85\u2028\u2029]/g, (ch) => {
    const c = ch.charCodeAt(0);
    return GO_ESCAPES[c] ?? (c < 0x80 ? `\\x${c.toString(16).padStart(2, '0')}` : `\\u${c.toString(16).padStart(4, '0')}`);
  });
}

/** Go's %#v-ish rendering of a value, as field.Error prints it. */
export function formatValue(value: unknown): string {
  if (typeof value === 'string') return goQuote(value);
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') return String(value);
  if (value === null || value === undefined) return 'null';
  if (Array.isArray(value)) {
    if (value.every((v) => typeof v === 'string')) return `[]string{${value.map((v) => goQuote(v)).join(', ')}}`;
    return JSON.stringify(value);
  }
  if (typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>);
    if (entries.every(([, v]) => typeof v === 'string')) {
      const sorted = entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
      return `map[string]string{${sorted.map(([k, v]) => `${goQuote(k)}:${goQuote(v as string)}`).join(', ')}}`;
    }
    return JSON.stringify(value);
  }
  return String(value);
}

/** The text of one field error, exactly as field.Error.Error(). */
export function fieldErrorText(e: FieldError): string {
  let body = TYPE_TEXT[e.type];
  const omit = e.value === OMIT || e.type === 'FieldValueRequired' || e.type === 'FieldValueForbidden' ||
    e.type === 'InternalError' || (e.type === 'FieldValueTooLong' && e.value === undefined) || e.value === undefined;
  if (!omit) body += `: ${formatValue(e.value)}`;
  if (e.detail) body += `: ${e.detail}`;
  return `${e.field}: ${body}`;
}

export type StatusReason =
  | 'Invalid'
  | 'NotFound'
  | 'AlreadyExists'
  | 'Conflict'
  | 'BadRequest'
  | 'Forbidden'
  | 'MethodNotAllowed'
  | 'TooManyRequests'
  | 'InternalError';

const REASON_CODE: Record<StatusReason, number> = {
  Invalid: 422, NotFound: 404, AlreadyExists: 409, Conflict: 409, BadRequest: 400,
  Forbidden: 403, MethodNotAllowed: 405, TooManyRequests: 429, InternalError: 500,
};

/** A failed API request. `causes` keep the field paths so a loader can point at a file position. */
export class ApiError extends Error {
  readonly reason: StatusReason;
  readonly code: number;
  readonly causes: FieldError[];
  constructor(reason: StatusReason, message: string, causes: FieldError[] = []) {
    super(message);
    this.name = 'ApiError';
    this.reason = reason;
    this.code = REASON_CODE[reason];
    this.causes = causes;
  }
}

/** `Kind.group "name"`: how the API server names an object in errors (core kinds have no group). */
export function qualifiedKind(kind: string, group: string): string {
  return group ? `${kind}.${group}` : kind;
}

/**
 * upstream errors.NewInvalid: `Deployment.apps "web" is invalid: spec.selector: Required value`,
 * several errors in brackets, comma-separated.
 */
export function invalid(kind: string, group: string, name: string, errs: FieldError[]): ApiError {
  const texts = errs.map(fieldErrorText);
  const body = texts.length === 1 ? texts[0] : `[${texts.join(', ')}]`;
  return new ApiError('Invalid', `${qualifiedKind(kind, group)} ${goQuote(name)} is invalid: ${body}`, errs);
}

/** upstream errors.NewNotFound: `pods "web-0" not found`. */
export function notFound(resource: string, group: string, name: string): ApiError {
  const res = group ? `${resource}.${group}` : resource;
  return new ApiError('NotFound', `${res} ${goQuote(name)} not found`);
}

/** upstream errors.NewAlreadyExists: `pods "web-0" already exists`. */
export function alreadyExists(resource: string, group: string, name: string): ApiError {
  const res = group ? `${resource}.${group}` : resource;
  return new ApiError('AlreadyExists', `${res} ${goQuote(name)} already exists`);
}

/** upstream errors.NewConflict (optimistic concurrency). */
export function conflict(resource: string, group: string, name: string, why: string): ApiError {
  const res = group ? `${resource}.${group}` : resource;
  return new ApiError('Conflict', `Operation cannot be fulfilled on ${res} ${goQuote(name)}: ${why}`);
}

export function badRequest(message: string, causes: FieldError[] = []): ApiError {
  return new ApiError('BadRequest', message, causes);
}

// Small constructors mirroring field.Required(...) and friends.
export const required = (field: string, detail = ''): FieldError => ({ type: 'FieldValueRequired', field, detail });
export const invalidValue = (field: string, value: unknown, detail = ''): FieldError => ({ type: 'FieldValueInvalid', field, value, detail });
export const forbidden = (field: string, detail = ''): FieldError => ({ type: 'FieldValueForbidden', field, detail });
export const duplicate = (field: string, value: unknown): FieldError => ({ type: 'FieldValueDuplicate', field, value });
export const tooLong = (field: string, value: unknown, max: number): FieldError => ({
  type: 'FieldValueTooLong', field, value: OMIT, detail: `may not be more than ${max} bytes`,
});
export function notSupported(field: string, value: unknown, supported: string[]): FieldError {
  return { type: 'FieldValueNotSupported', field, value, detail: `supported values: ${supported.map((s) => JSON.stringify(s)).join(', ')}` };
}
