// Exact storage quantities for the binder. Upstream compares a volume's
// capacity with a claim's request through resource.Quantity.Cmp, which is
// exact decimal arithmetic; a double is exact only up to 2^53 bytes (8 PiB)
// and loses "1.5Gi" against "1610612737" far sooner in decimal forms. So the
// value is kept as a rational with BigInt parts: digits * 10^pow10 * 2^pow2.
// upstream: k8s.io/apimachinery/pkg/api/resource/quantity.go (Cmp, Value)
//
// The grammar check is the repo's own parser (isValidQuantity); once a string
// passes it, the split below cannot fail. A quantity the API server would
// refuse never reaches a controller, so an invalid one throws.
import { isValidQuantity } from '../../api/quantity.js';

/** Exponents past this are refused rather than expanded (10^10000 is already far beyond any disk). */
const EXPONENT_MAX = 10_000;

const BINARY: Readonly<Record<string, number>> = { Ki: 10, Mi: 20, Gi: 30, Ti: 40, Pi: 50, Ei: 60 };
const DECIMAL: Readonly<Record<string, number>> = { n: -9, u: -6, m: -3, '': 0, k: 3, M: 6, G: 9, T: 12, P: 15, E: 18 };

/** A parsed quantity: sign * digits * 10^pow10 * 2^pow2, with pow2 >= 0. */
export interface ExactQuantity {
  readonly negative: boolean;
  readonly digits: bigint;
  readonly pow10: number;
  readonly pow2: number;
}

const ZERO: ExactQuantity = { negative: false, digits: 0n, pow10: 0, pow2: 0 };

/** Parse a quantity exactly; undefined/null (a missing entry, Go's zero Quantity) is 0. */
export function exactQuantity(q: unknown): ExactQuantity {
  if (q === undefined || q === null) return ZERO;
  if (typeof q !== 'string' && typeof q !== 'number') throw new Error(`quantity ${JSON.stringify(q)} is not a string or number`);
  const s = String(q); // JSON numbers reach the API server's parser as their text
  if (!isValidQuantity(s)) throw new Error(`invalid quantity ${JSON.stringify(s)}`);
  const m = /^([+-]?)([0-9]*)(?:\.([0-9]*))?(.*)$/.exec(s)!;
  const whole = m[2] ?? '', frac = m[3] ?? '', suffix = m[4] ?? '';
  let pow10 = -frac.length, pow2 = 0;
  if (Object.hasOwn(DECIMAL, suffix)) pow10 += DECIMAL[suffix]!;
  else if (Object.hasOwn(BINARY, suffix)) pow2 = BINARY[suffix]!;
  else pow10 += Number(suffix.slice(1)); // e/E exponent, already checked by the parser
  if (Math.abs(pow10) > EXPONENT_MAX) throw new Error(`quantity ${JSON.stringify(s)}: exponent beyond the model's bound of ${EXPONENT_MAX}`);
  const digits = BigInt((whole + frac) || '0');
  return { negative: m[1] === '-' && digits !== 0n, digits, pow10, pow2 };
}

/** |value| as numerator / denominator, both BigInt. */
function ratio(q: ExactQuantity): [bigint, bigint] {
  const num = q.digits * 10n ** BigInt(Math.max(q.pow10, 0)) * 2n ** BigInt(q.pow2);
  return [num, 10n ** BigInt(Math.max(-q.pow10, 0))];
}

/** upstream Quantity.Cmp: -1, 0 or 1. */
export function compareExact(a: ExactQuantity, b: ExactQuantity): -1 | 0 | 1 {
  const sa = a.digits === 0n ? 0 : a.negative ? -1 : 1;
  const sb = b.digits === 0n ? 0 : b.negative ? -1 : 1;
  if (sa !== sb) return sa < sb ? -1 : 1;
  if (sa === 0) return 0;
  const [na, da] = ratio(a), [nb, db] = ratio(b);
  const l = na * db, r = nb * da;
  const mag = l === r ? 0 : l < r ? -1 : 1;
  return (sa < 0 ? -mag : mag) as -1 | 0 | 1;
}

/** Compare two quantities as written in objects ("1Gi", "1073741824", 5e9). */
export function compareQuantities(a: unknown, b: unknown): -1 | 0 | 1 {
  return compareExact(exactQuantity(a), exactQuantity(b));
}

/**
 * upstream Quantity.Value: whole base units, rounded away from zero. The
 * model keeps the exact BigInt where Go would saturate an int64 (past 8 EiB).
 */
export function quantityIntValue(q: unknown): bigint {
  const e = exactQuantity(q);
  const [num, den] = ratio(e);
  const whole = (num + den - 1n) / den;
  return e.negative ? -whole : whole;
}
