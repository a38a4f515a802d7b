// The string formats the API server checks in custom resources. Formats it does not support
// (int32, int64, float, double, ...) are stripped from the schema and never checked.
// upstream: pkg/apiserver/validation/formats.go (supportedFormats, StripUnsupportedFormatsPostProcess),
//           kube-openapi pkg/validation/strfmt/default.go + time.go + date.go (the checks)
import { isIP } from 'node:net';

const re = (s: string, flags = '') => new RegExp(s, flags);
// upstream strfmt UUIDPattern..UUID5Pattern, all `(?i)`
const UUID = {
  any: re('^[0-9a-f]{8}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{12}$', 'i'),
  v3: re('^[0-9a-f]{8}-?[0-9a-f]{4}-?3[0-9a-f]{3}-?[0-9a-f]{4}-?[0-9a-f]{12}$', 'i'),
  v4: re('^[0-9a-f]{8}-?[0-9a-f]{4}-?4[0-9a-f]{3}-?[89ab][0-9a-f]{3}-?[0-9a-f]{12}$', 'i'),
  v5: re('^[0-9a-f]{8}-?[0-9a-f]{4}-?5[0-9a-f]{3}-?[89ab][0-9a-f]{3}-?[0-9a-f]{12}$', 'i'),
};
const HOSTNAME = re('^([a-zA-Z0-9\\p{S}\\p{L}]((-?[a-zA-Z0-9\\p{S}\\p{L}]{0,62})?)|([a-zA-Z0-9\\p{S}\\p{L}](([a-zA-Z0-9-\\p{S}\\p{L}]{0,61}[a-zA-Z0-9\\p{S}\\p{L}])?)(\\.)){1,}([a-zA-Z\\p{L}]){2,63})$', 'u');
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=|[A-Za-z0-9+/]{4})$/;
const TIME_OF_DAY = /^([0-9]{2}):([0-9]{2}):([0-9]{2})(.[0-9]+)?(z|([+-][0-9]{2}:[0-9]{2}))$/;

/** Go time.Parse("2006-01-02", s). */
function isDate(s: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (mo < 1 || mo > 12 || d < 1) return false;
  const days = [31, y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][mo - 1]!;
  return d <= days;
}

/** upstream strfmt.IsDateTime: the date before the first "t", RFC 3339 time of day after it (case-insensitive). */
function isDateTime(s: string): boolean {
  if (s.length < 4) return false;
  const parts = s.toLowerCase().split('t');
  if (parts.length < 2 || !isDate(parts[0]!)) return false;
  const m = TIME_OF_DAY.exec(parts[1]!);
  return m !== null && m[1]! <= '23' && m[2]! <= '59' && m[3]! <= '59';
}

function isHostname(s: string): boolean {
  return HOSTNAME.test(s) && Buffer.byteLength(s) <= 255 && s.split('.').every((p) => Buffer.byteLength(p) <= 63);
}

/** Go net.ParseCIDR, roughly: an address and a prefix length within its size. */
function isCIDR(s: string): boolean {
  const slash = s.indexOf('/');
  if (slash < 0) return false;
  const family = isIP(s.slice(0, slash));
  const bits = s.slice(slash + 1);
  return family !== 0 && /^\d{1,3}$/.test(bits) && Number(bits) <= (family === 4 ? 32 : 128);
}

const MAC = /^(?:[0-9a-fA-F]{2}(?:[:-][0-9a-fA-F]{2}){5}|[0-9a-fA-F]{2}(?:[:-][0-9a-fA-F]{2}){7}|[0-9a-fA-F]{2}(?:[:-][0-9a-fA-F]{2}){19}|[0-9a-fA-F]{4}(?:\.[0-9a-fA-F]{4}){2}|[0-9a-fA-F]{4}(?:\.[0-9a-fA-F]{4}){3}|[0-9a-fA-F]{4}(?:\.[0-9a-fA-F]{4}){9})$/;

/**
 * The checked formats, by the normalized name (dashes removed, as go-openapi does).
 * Supported upstream but accepted unchecked here: uri, email, isbn, isbn10, isbn13, creditcard,
 * rgbcolor, bsonobjectid, duration.
 */
export const FORMAT_CHECKS: Readonly<Record<string, (s: string) => boolean>> = {
  byte: (s) => BASE64.test(s),
  date: isDate,
  datetime: isDateTime,
  uuid: (s) => UUID.any.test(s),
  uuid3: (s) => UUID.v3.test(s),
  uuid4: (s) => UUID.v4.test(s),
  uuid5: (s) => UUID.v5.test(s),
  // upstream strfmt.IsIPv4 / IsIPv6: net.ParseIP succeeds and the text has a '.' / ':'
  ipv4: (s) => isIP(s) !== 0 && s.includes('.'),
  ipv6: (s) => isIP(s) !== 0 && s.includes(':'),
  cidr: isCIDR,
  mac: (s) => MAC.test(s),
  hostname: isHostname,
  hexcolor: (s) => /^#?([0-9a-fA-F]{3}|[0-9a-fA-F]{6})$/.test(s),
  ssn: (s) => /^\d{3}[- ]?\d{2}[- ]?\d{4}$/.test(s),
  password: () => true,
};

/** The normalized name of a format the API server checks and the model implements, or undefined. */
export function checkedFormat(format: unknown): string | undefined {
  if (typeof format !== 'string' || format === '') return undefined;
  const name = format.replace(/-/g, '');
  return Object.hasOwn(FORMAT_CHECKS, name) ? name : undefined;
}
