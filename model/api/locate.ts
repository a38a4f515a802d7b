// Field path -> source position. The API server names a bad field by its path
// (`spec.template.spec.containers[0].image`); a user wants the line and column
// of that field in the file they wrote. A locator walks the YAML syntax tree
// the object was decoded from, and when the path goes further than the file
// does (a field that is missing, a default), it settles for the closest node
// that exists: the parent, then the document's start.
import { isAlias, isMap, isPair, isScalar, isSeq, type Document, type LineCounter, type Node, type Pair, type YAMLMap } from 'yaml';

/** 1-based line and column. */
export interface Position {
  line: number;
  col: number;
}

export type Locator = (path: string) => Position;

/** One step of a path: a field or map key, or an array index. */
export type PathSegment = string | number;

/**
 * Split a path as the API server prints it: `a.b[0].c`, map keys as `[key]`
 * (field.Path.Key), or quoted `["a.b/c"]` / `['a.b/c']`. A leading dot is
 * allowed (`.status.phase`, kubectl's jsonpath style). Never throws: a
 * malformed tail is taken literally.
 */
export function parsePath(path: string): PathSegment[] {
  const segs: PathSegment[] = [];
  let i = 0;
  while (i < path.length) {
    const c = path[i];
    if (c === '.') {
      i++;
    } else if (c === '[') {
      const q = path[i + 1];
      if (q === '"' || q === "'") {
        let j = i + 2;
        let key = '';
        while (j < path.length && path[j] !== q) {
          if (path[j] === '\\' && q === '"' && j + 1 < path.length) j++;
          key += path[j++];
        }
        segs.push(key);
        i = path[j + 1] === ']' ? j + 2 : j + 1;
      } else {
        const end = path.indexOf(']', i);
        const raw = end < 0 ? path.slice(i + 1) : path.slice(i + 1, end);
        segs.push(/^\d+$/.test(raw) ? Number(raw) : raw);
        i = end < 0 ? path.length : end + 1;
      }
    } else {
      let j = i;
      while (j < path.length && path[j] !== '.' && path[j] !== '[') j++;
      segs.push(path.slice(i, j));
      i = j;
    }
  }
  return segs;
}

/**
 * The path `parsePath` reads back as `segs`: fields after dots, indexes in
 * brackets, and a key holding `.`, `[`, `]`, a quote or a backslash (or
 * empty) as `["key"]`, backslash-escaped.
 */
export function formatPath(segs: readonly PathSegment[]): string {
  let out = '';
  for (const s of segs) {
    if (typeof s === 'number') out += `[${s}]`;
    else if (/^[^.[\]"'\\]+$/.test(s)) out += out ? `.${s}` : s;
    else out += `["${s.replace(/["\\]/g, (c) => `\\${c}`)}"]`;
  }
  return out;
}

/** `prefix` + `path`, as one path: joinPath('items[2]', 'spec.replicas') is `items[2].spec.replicas`. */
export function joinPath(prefix: string, path: string): string {
  const p = path.startsWith('.') ? path.slice(1) : path;
  if (!p) return prefix;
  if (!prefix) return p;
  return p.startsWith('[') ? prefix + p : `${prefix}.${p}`;
}

/** A locator for a subtree: paths are relative to `prefix`. */
export function subLocator(locate: Locator, prefix: string): Locator {
  return (path) => locate(joinPath(prefix, path));
}

/** The JSON key a map key node becomes; undefined for keys JSON cannot hold. */
export type KeyOf = (key: unknown) => string | undefined;

/**
 * The JSON key of a map key node from the parser's own value (bools and
 * numbers stringified): the default of documentLocator. The manifest reader
 * resolves scalars itself, as go-yaml does, and passes its own KeyOf.
 */
export function keyString(key: unknown): string | undefined {
  if (!isScalar(key)) return undefined;
  const v = key.value;
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  return undefined;
}

/** A `<<` merge key (YAML 1.1), as the parser marks it. */
export function isMergeKey(key: unknown): boolean {
  return isScalar(key) && typeof key.value === 'symbol';
}

/** The pair for `key` in `map`, looking through `<<` merges (bounded, aliases resolved by `deref`). */
function findPair(map: YAMLMap, key: string, deref: (n: unknown) => unknown, keyOf: KeyOf, budget = 16): Pair | undefined {
  for (const pair of map.items) if (keyOf(pair.key) === key) return pair;
  if (budget <= 0) return undefined;
  for (const pair of map.items) {
    if (!isMergeKey(pair.key)) continue;
    const v = deref(pair.value);
    const sources = isSeq(v) ? v.items.map(deref) : [v];
    for (const s of sources) {
      const found = isMap(s) ? findPair(s, key, deref, keyOf, budget - 1) : undefined;
      if (found) return found;
    }
  }
  return undefined;
}

function start(node: unknown): number | undefined {
  if (isPair(node)) return start(node.key) ?? start(node.value);
  const range = (node as Node | null)?.range;
  return range ? range[0] : undefined;
}

/**
 * A locator over one parsed document. `resolveAlias` maps an alias node to
 * the node it names (the parser's anchors), so paths can go through `*ref`;
 * `keyOf` names a key node as the decoded object names it.
 */
export function documentLocator(doc: Document, lines: LineCounter, resolveAlias: (n: unknown) => unknown, keyOf: KeyOf = keyString): Locator {
  const deref = (n: unknown): unknown => {
    for (let i = 0; i < 16 && isAlias(n); i++) n = resolveAlias(n);
    return n;
  };
  return (path) => {
    const segs = parsePath(path);
    let node: unknown = doc.contents;
    let offset = start(doc.contents) ?? doc.range?.[0] ?? 0;
    for (let i = 0; i < segs.length; i++) {
      node = deref(node);
      const seg = segs[i];
      if (isSeq(node) && typeof seg === 'number') {
        const item = node.items[seg];
        if (item === undefined) break;
        offset = start(item) ?? offset;
        node = isPair(item) ? item.value : item;
        continue;
      }
      if (!isMap(node)) break;
      // Label and annotation keys hold dots (`app.kubernetes.io/name`): when
      // a dotted path was given, try the longest run of segments as one key.
      let pair: Pair | undefined;
      let last = i;
      for (let j = segs.length - 1; j >= i && !pair; j--) {
        pair = findPair(node, segs.slice(i, j + 1).map(String).join('.'), deref, keyOf);
        if (pair) last = j;
      }
      if (!pair) break;
      offset = start(pair.key) ?? offset;
      node = pair.value;
      i = last;
    }
    return lines.linePos(offset);
  };
}
