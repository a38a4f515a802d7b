// Small formatters kubectl's printers share: label maps, label selectors, the
// container name/image lists of wide output, and kind-qualified names.

/**
 * `a=1,b=2` with keys sorted, or `<none>` for an empty map.
 * upstream: k8s.io/apimachinery/pkg/labels.FormatLabels
 */
export function formatLabels(labels: Record<string, string> | undefined | null): string {
  const keys = Object.keys(labels ?? {}).sort(byteOrder);
  if (keys.length === 0) return '<none>';
  return keys.map((k) => `${k}=${labels![k]}`).join(',');
}

interface LabelSelector {
  matchLabels?: Record<string, string>;
  matchExpressions?: { key: string; operator: string; values?: string[] }[];
}

/**
 * A label selector as its `labels.Selector` string: requirements sorted by key,
 * `k=v`, `k in (a,b)`, `k notin (a)`, `k`, `!k`; `''` for nil or empty.
 * upstream: k8s.io/apimachinery/pkg/apis/meta/v1.LabelSelectorAsSelector + labels.Requirement.String
 */
export function selectorString(selector: LabelSelector | undefined | null): string {
  if (!selector) return '';
  const reqs: { key: string; text: string }[] = [];
  for (const [key, value] of Object.entries(selector.matchLabels ?? {})) reqs.push({ key, text: `${key}=${value}` });
  for (const e of selector.matchExpressions ?? []) {
    const values = [...(e.values ?? [])].sort(byteOrder).join(',');
    const text =
      e.operator === 'In' ? `${e.key} in (${values})`
      : e.operator === 'NotIn' ? `${e.key} notin (${values})`
      : e.operator === 'Exists' ? e.key
      : e.operator === 'DoesNotExist' ? `!${e.key}`
      : '<error>';
    reqs.push({ key: e.key, text });
  }
  return reqs
    .sort((a, b) => byteOrder(a.key, b.key))
    .map((r) => r.text)
    .join(',');
}

/**
 * The selector as the SELECTOR column shows it: `<none>` when it selects by nothing.
 * upstream: k8s.io/apimachinery/pkg/apis/meta/v1.FormatLabelSelector
 */
export function formatLabelSelector(selector: LabelSelector | undefined | null): string {
  const s = selectorString(selector);
  return s.includes('<error>') ? '<error>' : s === '' ? '<none>' : s;
}

/**
 * CONTAINERS and IMAGES cells of wide output: names and images joined by commas.
 * upstream: pkg/printers/internalversion/printers.go layoutContainerCells
 */
export function containerCells(containers: { name?: string; image?: string }[] | undefined): [string, string] {
  const list = containers ?? [];
  return [list.map((c) => c.name ?? '').join(','), list.map((c) => c.image ?? '').join(',')];
}

/** API group of an apiVersion: `apps/v1` → `apps`, `v1` → ''. */
export function groupOf(apiVersion: string | undefined): string {
  const slash = (apiVersion ?? '').indexOf('/');
  return slash < 0 ? '' : apiVersion!.slice(0, slash);
}

/**
 * `kind.group/name` in lower case, as kubectl prefixes names when it prints
 * several kinds: `pod/web-0`, `deployment.apps/web`.
 * upstream: k8s.io/cli-runtime/pkg/printers/tableprinter.go decorateTable (strings.ToLower(GroupKind.String()))
 */
export function kindQualifiedName(kind: string, apiVersion: string | undefined, name: string): string {
  const group = groupOf(apiVersion);
  return `${(group ? `${kind}.${group}` : kind).toLowerCase()}/${name}`;
}

/** Go's string ordering: by UTF-8 bytes, which is by code point (not by UTF-16 unit as `<` compares). */
export function byteOrder(a: string, b: string): number {
  const x = [...a];
  const y = [...b];
  for (let i = 0; i < x.length && i < y.length; i++) {
    const d = x[i]!.codePointAt(0)! - y[i]!.codePointAt(0)!;
    if (d !== 0) return d < 0 ? -1 : 1;
  }
  return x.length - y.length < 0 ? -1 : x.length > y.length ? 1 : 0;
}

/** Go's `%t` of a bool cell: `true` / `false`. */
export function boolCell(value: unknown): string {
  return value === true ? 'true' : 'false';
}

/** Go's `%d` of an integer cell; absent counts print as 0 (Go's zero value). */
export function intCell(value: unknown): string {
  return typeof value === 'number' && Number.isFinite(value) ? String(Math.trunc(value)) : '0';
}
