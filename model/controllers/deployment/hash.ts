// The pod-template-hash: the name suffix of a Deployment's ReplicaSets and
// the label that keeps one Deployment's ReplicaSets from selecting each
// other's pods. Upstream hashes the Go struct of the template with FNV-32a,
// then the collision count (8 bytes, little endian) when one is set, and
// renders the decimal sum through SafeEncodeString, so a hash is at most 10
// characters drawn from "bcdfghjklmnpqrstvwxz2456789" (digits map to
// 4 5 6 7 8 9 b c d f — hence names like web-5d59d67564).
// upstream: pkg/controller/controller_utils.go (ComputeHash), pkg/util/hash/hash.go (DeepHashObject),
//           k8s.io/apimachinery/pkg/util/rand (SafeEncodeString)
// Simplification: upstream feeds the Go struct's spew dump to the hash; the model feeds canonical JSON
// (keys sorted), so hashes have upstream's shape and stability but not upstream's exact values.

const FNV32_OFFSET = 0x811c9dc5;
const FNV32_PRIME = 0x01000193;
const ALPHANUMS = 'bcdfghjklmnpqrstvwxz2456789';
const encoder = new TextEncoder();

/** FNV-1a, 32 bits, over bytes; `seed` continues a running hash. */
export function fnv32a(bytes: Uint8Array, seed = FNV32_OFFSET): number {
  let h = seed >>> 0;
  for (let i = 0; i < bytes.length; i++) {
    h ^= bytes[i]!;
    h = Math.imul(h, FNV32_PRIME) >>> 0;
  }
  return h >>> 0;
}

/** JSON with object keys sorted and undefined members left out: one text per value. */
export function canonicalJson(v: unknown): string {
  if (v === null || typeof v !== 'object') return JSON.stringify(v) ?? 'null';
  if (Array.isArray(v)) return `[${v.map((x) => (x === undefined ? 'null' : canonicalJson(x))).join(',')}]`;
  const keys = Object.keys(v as object).filter((k) => (v as any)[k] !== undefined).sort();
  return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson((v as any)[k])}`).join(',')}}`;
}

/** upstream rand.SafeEncodeString: each character mapped into the vowel-free alphabet. */
export function safeEncodeString(s: string): string {
  let out = '';
  for (let i = 0; i < s.length; i++) out += ALPHANUMS[s.charCodeAt(i) % ALPHANUMS.length];
  return out;
}

/** upstream ComputeHash(template, collisionCount). */
export function computeHash(template: unknown, collisionCount?: number): string {
  let h = fnv32a(encoder.encode(canonicalJson(template ?? {})));
  if (collisionCount !== undefined && collisionCount !== null) {
    const b = new Uint8Array(8);
    new DataView(b.buffer).setUint32(0, collisionCount >>> 0, true);
    h = fnv32a(b, h);
  }
  return safeEncodeString(String(h));
}
