// Two pod templates are the same template once the pod-template-hash label
// is set aside — the comparison that decides whether a ReplicaSet runs a
// Deployment's template. Compared semantically, as Go's
// apiequality.Semantic.DeepEqual sees two decoded objects:
// - key order does not matter;
// - an absent field, null, an empty list and an empty map are all the same
//   (Go decodes each to a nil or empty value and compares those equal), and
//   so is a map holding nothing but such values (a struct of zero values);
// - a list keeps its order and length; each element is compared the same way;
// - scalars compare exactly (an absent optional number is a nil pointer,
//   not 0, and the model's objects keep what the API server stored).
// The check here: bring each side to one canonical text — empties dropped,
// keys sorted — and compare the texts.
// upstream: pkg/controller/deployment/util/deployment_util.go (EqualIgnoreHash),
//           k8s.io/apimachinery/pkg/api/equality/semantic.go (Semantic.DeepEqual)

export const TEMPLATE_HASH_LABEL = 'pod-template-hash';

const NOTHING = Symbol('nothing');

/** The value with every empty part dropped and object keys sorted; NOTHING when it is empty as a whole. */
function canonical(v: unknown): unknown {
  if (v === undefined || v === null) return NOTHING;
  if (Array.isArray(v)) {
    if (v.length === 0) return NOTHING;
    // An element keeps its place; an empty one stands as null.
    return v.map((x) => { const c = canonical(x); return c === NOTHING ? null : c; });
  }
  if (typeof v === 'object') {
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(v as object).sort()) {
      const c = canonical((v as Record<string, unknown>)[k]);
      if (c !== NOTHING) out[k] = c;
    }
    return Object.keys(out).length === 0 ? NOTHING : out;
  }
  return v;
}

const text = (v: unknown): string => { const c = canonical(v); return c === NOTHING ? '' : JSON.stringify(c); };

/** Semantic equality of two API values. */
export function semanticallyEqual(a: unknown, b: unknown): boolean {
  return text(a) === text(b);
}

/** The template without the hash label (a copy of the labels; the object itself is left alone). */
function withoutHashLabel(t: any): unknown {
  const labels = t?.metadata?.labels;
  if (!labels || !Object.hasOwn(labels, TEMPLATE_HASH_LABEL)) return t;
  const { [TEMPLATE_HASH_LABEL]: _hash, ...rest } = labels;
  return { ...t, metadata: { ...t.metadata, labels: rest } };
}

export function sameTemplateIgnoringHash(a: unknown, b: unknown): boolean {
  return semanticallyEqual(withoutHashLabel(a), withoutHashLabel(b));
}
