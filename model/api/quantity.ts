// Resource quantities ("100m", "1Gi", "1e3"), parsed the way the API server parses them.
// upstream: k8s.io/apimachinery/pkg/api/resource/quantity.go (parseQuantityString, ParseQuantity)
//           and suffix.go (the binary, decimal-SI and decimal-exponent suffix tables).
//
// The parser is a hand translation of upstream's state machine rather than a regular
// expression, because upstream accepts a few strings the documented expression would
// not ("1.", ".5", "-") and rejects a few it would ("1ki", "1e"), and the model must
// agree with the API server on every one of them.

const SPLIT_RE = '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$';
/** upstream ErrFormatWrong. */
export const ERR_FORMAT_WRONG = `quantities must match the regular expression '${SPLIT_RE}'`;
/** upstream ErrSuffix. */
export const ERR_SUFFIX = "unable to parse quantity's suffix";

/** A parsed quantity: the value is `sign * mantissa * base^exponent`, the mantissa in decimal text. */
interface Parts {
  negative: boolean;
  mantissa: string; // "123.45", never signed, never empty
  base: 2 | 10;
  exponent: number;
}

const BINARY: Record<string, number> = { Ki: 10, Mi: 20, Gi: 30, Ti: 40, Pi: 50, Ei: 60 };
const DECIMAL: Record<string, number> = { n: -9, u: -6, m: -3, '': 0, k: 3, M: 6, G: 9, T: 12, P: 15, E: 18 };
const SUFFIX_CHARS = 'eEinumkKMGTP';

function isDigit(c: string): boolean {
  return c >= '0' && c <= '9';
}

/** upstream quantitySuffixer.interpret. */
function interpretSuffix(s: string): { base: 2 | 10; exponent: number } | null {
  if (Object.hasOwn(DECIMAL, s)) return { base: 10, exponent: DECIMAL[s]! };
  if (Object.hasOwn(BINARY, s)) return { base: 2, exponent: BINARY[s]! };
  if (s.length > 1 && (s[0] === 'e' || s[0] === 'E')) {
    // strconv.ParseInt(suffix[1:], 10, 64): an optional sign, then at least one digit.
    if (!/^[+-]?[0-9]+$/.test(s.slice(1))) return null;
    return { base: 10, exponent: Number(s.slice(1)) };
  }
  return null;
}

/** upstream parseQuantityString + ParseQuantity's suffix step. Throws with upstream's error text. */
function parse(input: string | number): Parts {
  if (typeof input === 'number') {
    if (!Number.isFinite(input)) throw new Error(ERR_FORMAT_WRONG);
    input = String(input); // JSON numbers reach ParseQuantity as their text
  }
  const str = input;
  if (str.length === 0) throw new Error(ERR_FORMAT_WRONG);
  const end = str.length;
  let pos = 0;
  let negative = false;
  if (str[0] === '-') { negative = true; pos++; } else if (str[0] === '+') pos++;
  while (pos < end && str[pos] === '0') pos++; // leading zeros
  if (pos >= end) return { negative, mantissa: '0', base: 10, exponent: 0 };
  const numStart = pos;
  while (pos < end && isDigit(str[pos]!)) pos++;
  const num = str.slice(numStart, pos) || '0';
  let denom = '';
  if (pos < end && str[pos] === '.') {
    pos++;
    const denomStart = pos;
    while (pos < end && isDigit(str[pos]!)) pos++;
    denom = str.slice(denomStart, pos); // upstream allows "1." (its TODO says so)
  }
  const suffixStart = pos;
  while (pos < end && SUFFIX_CHARS.includes(str[pos]!)) pos++;
  if (pos < end && (str[pos] === '-' || str[pos] === '+')) pos++;
  while (pos < end && isDigit(str[pos]!)) pos++;
  if (pos < end) throw new Error(ERR_FORMAT_WRONG);
  const suffix = interpretSuffix(str.slice(suffixStart));
  if (!suffix) throw new Error(ERR_SUFFIX);
  return { negative, mantissa: denom ? `${num}.${denom}` : num, ...suffix };
}

/**
 * The value in units of 10^scale (scale 0: base units, -3: milli, -9: nano), as a double.
 * The decimal scaling is done on the text, so "100m" at scale -3 is exactly 100.
 */
function scaled(p: Parts, scale: number): number {
  const magnitude = p.base === 10
    ? parseFloat(`${p.mantissa}e${p.exponent - scale}`)
    : parseFloat(`${p.mantissa}e${-scale}`) * 2 ** p.exponent;
  return p.negative && magnitude !== 0 ? -magnitude : magnitude; // never -0
}

/** Rounds away from zero, as upstream's ScaledValue does when precision is lost. */
function roundUp(x: number): number {
  return x < 0 ? -Math.ceil(-x) : Math.ceil(x);
}

/** The quantity in base units ('100m' → 0.1, '1Gi' → 1073741824). Throws on invalid input. */
export function parseQuantity(q: string | number): number {
  return scaled(parse(q), 0);
}

export function isValidQuantity(q: unknown): boolean {
  if (typeof q !== 'string' && typeof q !== 'number') return false;
  try {
    parse(q);
    return true;
  } catch {
    return false;
  }
}

/** upstream Quantity.MilliValue: integer thousandths, rounded up (cpu '1.5' → 1500, '0.1m' → 1). */
export function milliValue(q: string | number): number {
  return roundUp(scaled(parse(q), -3));
}

/** upstream Quantity.Value: integer base units, rounded up (memory '1.5' → 2). */
export function quantityValue(q: string | number): number {
  return roundUp(scaled(parse(q), 0));
}

/** The value in units of 10^scale, rounded up: ScaledValue(scale). Used to sum cpu in nanocores. */
export function scaledValue(q: string | number, scale: number): number {
  return roundUp(scaled(parse(q), scale));
}
