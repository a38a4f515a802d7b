// Reading manifests: multi-document YAML (JSON is YAML too) into plain JSON
// objects, each with a locator back into the file, so that any later error
// can be printed as `error: FILE:LINE:COL: message`.
//
// YAML is read the way kubectl reads it (sigs.k8s.io/yaml over go-yaml v2):
// the `yaml` package parses, and every scalar is then resolved by go-yaml
// v2's rules (resolve.go), not the package's: YAML 1.1 booleans
// (`yes`/`on`/`y`), `~`/`null`/empty as null, ints in decimal, `0x`, `0o`,
// `0b` and `0`-octal with `_` separators, floats only as go-yaml's
// `yaml_float` pattern and strconv.ParseFloat take them, and everything else
// a string (`.`, `1e`, `0x`, `1e999`, `190:20:30`, timestamps). Then
// sigs.k8s.io/yaml's JSON conversion: map keys become strings as it prints
// them, and `.nan`/`.inf` are refused as json.Marshal refuses them. `<<`
// merges, and the same defence against alias bombs. Every input is bounded:
// size, documents, nesting, alias expansion.
//
// Integers are JS numbers in the objects; one a number cannot hold exactly
// (past 2^53, within int64, which kubectl keeps exact) has its decimal
// digits recorded for checkSchema: see schema.ts, and ParsedDoc.exactIntegers.
import { Composer, LineCounter, Parser, Scalar, isAlias, isMap, isPair, isScalar, isSeq, type CST, type Document, type DocumentOptions, type ParseOptions, type ScalarTag, type SchemaOptions, type YAMLError } from 'yaml';
import { documentLocator, isMergeKey, subLocator, type Locator } from './locate.js';
import { base64Error, checkSchema, exactIntegersIn, exactIntegerOf, goKind, goZeroNulls, recordExactInteger, type ExactIntegers } from './schema.js';
import type { KubeObject } from './types.js';
import { append } from '../append.js';

export type { Locator, Position } from './locate.js';

/** 1 MiB: etcd refuses an object past 1.5 MiB anyway, and the parser needs ~1-5 s per MiB of pathological input. */
export const MAX_MANIFEST_BYTES = 1024 * 1024;
/** Documents in one file, and objects after `List`s are expanded. */
export const MAX_DOCUMENTS = 10_000;
/** Nesting of collections. Upstream allows 10000; a JS parser's stack does not, and no manifest comes near 100. */
export const MAX_DEPTH = 100;

/** A bad input, at a position. `format()` is the one line the CLI prints. */
export class ManifestError extends Error {
  constructor(readonly file: string, readonly line: number, readonly col: number, message: string) {
    super(message.replace(/\s*[\r\n]+\s*/g, ' ').trim());
    this.name = 'ManifestError';
  }
  format(): string {
    return `error: ${this.file}:${this.line}:${this.col}: ${this.message}`;
  }
}

/** One Kubernetes object read from a file. */
export interface ParsedDoc {
  object: KubeObject;
  file: string;
  /** 0-based index of the YAML document in the file. */
  docIndex: number;
  /** Index in the document's `items` when the document was a List. */
  itemIndex?: number;
  /** Position of a field path of `object` (`spec.template.spec.containers[0].image`). */
  locate: Locator;
  /** A ManifestError at that field's position. */
  errorAt(path: string, message: string): ManifestError;
  /**
   * The integers of `object` a JS number holds only approximately, by path
   * (relative to `object`, as `locate` takes it) -> exact decimal digits.
   * checkSchema finds them by itself on this object; pass them to it for a copy.
   */
  exactIntegers: ExactIntegers;
}

/** One YAML document of any shape (scenario files): plain JSON, or null when empty. */
export interface YamlDocument {
  object: unknown;
  file: string;
  locate: Locator;
  errorAt(path: string, message: string): ManifestError;
  /** As ParsedDoc.exactIntegers, paths from the document's root. */
  exactIntegers: ExactIntegers;
}

// The parser keeps every scalar a string (maps and sequences as usual, `<<`
// merge keys marked); resolveScalar gives it go-yaml's value. An explicit
// !!int, !!float, !!bool, !!null, !!timestamp or !!binary is kept for
// resolveScalar to check; !!omap, !!pairs and !!set read as plain collections
// (go-yaml v2 has no types for them), other tags as strings.
const TAG = 'tag:yaml.org,2002:';
const VERBATIM: ScalarTag[] = ['int', 'float', 'bool', 'null', 'timestamp', 'binary'].map((t) => ({ tag: TAG + t, resolve: (s: string) => s }));
const OPTIONS: ParseOptions & DocumentOptions & SchemaOptions = {
  schema: 'yaml-1.1',
  merge: true,
  uniqueKeys: false, // duplicates are reported below, in go-yaml v3's words
  prettyErrors: false,
  logLevel: 'silent',
  customTags: (tags) => [...tags.filter((t) => typeof t === 'object' && [`${TAG}map`, `${TAG}seq`, `${TAG}str`].includes(t.tag)), ...VERBATIM],
};

interface Loaded {
  index: number;
  value: unknown;
  locate: Locator;
  /** Whether `value` holds any recorded exact integer. */
  exact: boolean;
}

/**
 * Parse and bound the whole file, then convert its documents one at a time,
 * so that the caller meets problems in file order. Throws ManifestError.
 */
function* load(text: string, file: string): Generator<Loaded> {
  const bytes = Buffer.byteLength(text, 'utf8');
  if (bytes > MAX_MANIFEST_BYTES) throw new ManifestError(file, 1, 1, `file is too large: ${bytes} bytes (limit ${MAX_MANIFEST_BYTES})`);
  checkCharacters(text, file);
  const lines = new LineCounter();
  const at = (offset: number, message: string): never => {
    const p = lines.linePos(offset);
    throw new ManifestError(file, p.line, p.col, message);
  };
  const tokens = Array.from(new Parser(lines.addNewLine).parse(text));
  checkTokens(tokens, at);
  let index = 0;
  for (const doc of new Composer(OPTIONS).compose(tokens)) {
    const err = [...doc.errors].sort((a, b) => a.pos[0] - b.pos[0])[0];
    if (err) at(err.pos[0], syntaxMessage(err, lines.linePos(err.pos[0]).line));
    const { value, aliases, exact } = toPlain(doc, lines, at);
    yield { index: index++, value, exact, locate: documentLocator(doc, lines, (n) => aliases.get(n), keyOf) };
  }
}

/** Document count and nesting depth, checked on the parser's tokens before anything recursive runs. */
function checkTokens(tokens: CST.Token[], at: (offset: number, message: string) => never): void {
  let count = 0;
  const stack: Array<[CST.Token, number]> = [];
  for (let i = tokens.length - 1; i >= 0; i--) stack.push([tokens[i], 0]);
  while (stack.length > 0) {
    const [tok, depth] = stack.pop()!;
    if (depth > MAX_DEPTH) at(tok.offset, `yaml: exceeded max depth of ${MAX_DEPTH}`);
    if (tok.type === 'document') {
      if (++count > MAX_DOCUMENTS) at(tok.offset, `too many documents: limit is ${MAX_DOCUMENTS}`);
      if (tok.value) stack.push([tok.value, 0]);
    } else if (tok.type === 'block-map' || tok.type === 'block-seq' || tok.type === 'flow-collection') {
      for (let i = tok.items.length - 1; i >= 0; i--) {
        const it = tok.items[i] as CST.CollectionItem;
        if (it.value) stack.push([it.value, depth + 1]);
        if (it.key) stack.push([it.key, depth + 1]);
      }
    }
  }
}

// The parser's complaints, in go-yaml's words where there is a clear match.
function syntaxMessage(err: YAMLError, line: number): string {
  const m = err.message.split('\n')[0].replace(/\.$/, '');
  let text = m.charAt(0).toLowerCase() + m.slice(1);
  switch (err.code) {
    case 'BLOCK_AS_IMPLICIT_KEY': case 'MULTILINE_IMPLICIT_KEY': text = 'mapping values are not allowed in this context'; break;
    case 'TAB_AS_INDENT': text = 'found character that cannot start any token'; break;
    case 'BAD_DQ_ESCAPE': text = 'found unknown escape character while parsing a quoted scalar'; break;
    case 'MISSING_CHAR': case 'BAD_INDENT':
      if (/quote/.test(m)) text = 'found unexpected end of stream';
      else if (/flow sequence|\]/i.test(m)) text = "did not find expected ',' or ']'";
      else if (/flow map|\}/i.test(m)) text = "did not find expected ',' or '}'";
      else if (err.code === 'BAD_INDENT') text = 'did not find expected key';
      break;
    case 'RESOURCE_EXHAUSTION': text = `exceeded max depth of ${MAX_DEPTH}`; break;
  }
  return `yaml: line ${line}: ${text}`;
}

// upstream: gopkg.in/yaml.v2 decode.go allowedAliasRatio: 99% of decoded nodes
// may come from aliases up to 400,000 nodes, falling to 10% at 4,000,000.
function allowedAliasRatio(decodeCount: number): number {
  if (decodeCount <= 400_000) return 0.99;
  if (decodeCount >= 4_000_000) return 0.1;
  return 0.99 - 0.89 * ((decodeCount - 400_000) / 3_600_000);
}

/** Own data property, so a `__proto__` key stays an ordinary key. */
function setOwn(obj: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(obj, key, { value, writable: true, enumerable: true, configurable: true });
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

// Stand-ins that toPlain puts where a value goes and replaces before the value leaves it.
/** An integer a number holds only approximately: the number goes in, the digits to the record. */
class ExactInt {
  constructor(readonly value: number, readonly text: string) {}
}
/** `.nan`/`.inf`: refused once the document is decoded, as json.Marshal would meet it. */
class NonFinite {
  constructor(readonly value: number, readonly node: unknown) {}
}
const isMapValue = (v: unknown): v is Record<string, unknown> => isObject(v) && !(v instanceof NonFinite);

/**
 * The document as plain JSON. Aliases expand as go-yaml v2 expands them
 * (an anchor names the latest node before the alias; cycles and excessive
 * expansion are errors); `aliases` maps each alias node to its target.
 */
function toPlain(doc: Document.Parsed, lines: LineCounter, at: (offset: number, message: string) => never) {
  const anchors = new Map<string, unknown>();
  const aliases = new Map<unknown, unknown>();
  const active = new Set<unknown>();
  let decodeCount = 0;
  let aliasCount = 0;
  let aliasDepth = 0;
  let expanding: unknown; // the outermost alias being expanded: where a bomb is reported
  let nonFinite = false;
  let exact = false;
  const offsetOf = (n: unknown): number => (n as { range?: number[] } | null)?.range?.[0] ?? doc.range[0];
  const fail = (n: unknown, message: string): never => at(offsetOf(n), message);

  /** `v` stored at `parent[key]`, with its exact digits recorded (or an older record forgotten). */
  const place = (parent: object, key: string | number, v: unknown): unknown => {
    const value = v instanceof ExactInt ? v.value : v;
    if (v instanceof ExactInt) exact = true;
    if (v instanceof ExactInt || typeof v === 'number') recordExactInteger(parent, key, value as number, v instanceof ExactInt ? v.text : undefined);
    return value;
  };

  // `asKey`: the value as a JSON map key (a string), else as a JSON value.
  const visit = (node: unknown, depth: number, asKey = false): unknown => {
    decodeCount++;
    if (aliasDepth > 0) aliasCount++;
    if (aliasCount > 100 && decodeCount > 1000 && aliasCount / decodeCount > allowedAliasRatio(decodeCount)) {
      fail(expanding, 'yaml: document contains excessive aliasing');
    }
    if (node === null || node === undefined) return null;
    if (depth > MAX_DEPTH) fail(node, `yaml: exceeded max depth of ${MAX_DEPTH}`);
    if (isAlias(node)) {
      const target = aliases.get(node) ?? anchors.get(node.source);
      if (target === undefined) return fail(node, `yaml: unknown anchor '${node.source}' referenced`);
      if (active.has(target)) fail(node, `yaml: anchor '${node.source}' value contains itself`);
      aliases.set(node, target);
      if (aliasDepth++ === 0) expanding = node;
      const v = visit(target, depth, asKey);
      aliasDepth--;
      return v;
    }
    const anchor = (node as { anchor?: string }).anchor;
    if (anchor && aliasDepth === 0) anchors.set(anchor, node);
    if (isScalar(node)) {
      try {
        const r = resolveScalar(node);
        return asKey ? jsonKey(r) : jsonValue(r, node);
      } catch (e) {
        if (e instanceof ResolveError) fail(node, e.message);
        throw e;
      }
    }
    active.add(node);
    let out: unknown;
    if (isSeq(node)) {
      const arr: unknown[] = [];
      node.items.forEach((it, i) => {
        arr.push(place(arr, i, isPair(it) ? pairs([it], depth + 1) : visit(it, depth + 1)));
      });
      out = arr;
    } else if (isMap(node)) {
      out = pairs(node.items, depth);
    } else {
      out = fail(node, 'yaml: unsupported node');
    }
    active.delete(node);
    return out;
  };

  const jsonValue = (r: Resolved, node: unknown): unknown => {
    if (typeof r === 'bigint') {
      // upstream: go-yaml gives an int64 or a uint64; json.Marshal prints it exactly, and kubectl's
      // PreserveInts decoding keeps an int64 exact but turns a uint64 past int64 into a float64.
      const n = Number(r);
      return r >= INT64_MIN && r <= INT64_MAX && String(n) !== r.toString() ? new ExactInt(n, r.toString()) : n;
    }
    if (typeof r === 'number') {
      if (!Number.isFinite(r)) {
        nonFinite = true;
        return new NonFinite(r, node);
      }
      return r || 0; // -0 prints as -0, which PreserveInts reads as the int64 0
    }
    return r instanceof Binary ? r.text : r;
  };

  const pairs = (items: ReadonlyArray<{ key: unknown; value: unknown }>, depth: number): Record<string, unknown> => {
    const obj: Record<string, unknown> = {};
    const seen = new Map<string, unknown>();
    for (const pair of items) {
      if (isMergeKey(pair.key)) {
        // upstream: go-yaml v2 merges in place (later sources override), a sequence last-to-first.
        const src = visit(pair.value, depth + 1);
        const sources = Array.isArray(src) ? [...src].reverse() : [src];
        for (const s of sources) {
          if (!isMapValue(s)) fail(pair.value, 'yaml: map merge requires map or sequence of maps as the value');
          for (const k of Object.keys(s as object)) {
            const v = (s as Record<string, unknown>)[k];
            const text = typeof v === 'number' ? exactIntegerOf(s as object, k) : undefined;
            setOwn(obj, k, place(obj, k, text === undefined ? v : new ExactInt(v as number, text)));
          }
        }
        continue;
      }
      const k = visit(pair.key, depth + 1, true);
      if (typeof k !== 'string') {
        fail(pair.key, k === null ? 'error converting YAML to JSON: unsupported map key of type: <nil>' : `yaml: invalid map key: ${JSON.stringify(k)}`);
      }
      const key = k as string;
      const first = seen.get(key);
      if (first !== undefined) {
        const line = (n: unknown) => lines.linePos(offsetOf(n)).line;
        fail(pair.key, `yaml: unmarshal errors: line ${line(pair.key)}: mapping key ${JSON.stringify(key)} already defined at line ${line(first)}`);
      }
      seen.set(key, pair.key);
      setOwn(obj, key, place(obj, key, visit(pair.value, depth + 1)));
    }
    return obj;
  };

  let value = visit(doc.contents, 0);
  if (value instanceof ExactInt) value = value.value;
  if (nonFinite) {
    // upstream: sigs.k8s.io/yaml json.Marshal of the converted document: the first NaN or ±Inf
    // in its order (map keys sorted bytewise) fails it.
    const bad = firstNonFinite(value);
    if (bad) fail(bad.node, `json: unsupported value: ${Number.isNaN(bad.value) ? 'NaN' : bad.value > 0 ? '+Inf' : '-Inf'}`);
  }
  return { value, aliases, exact };
}

const byUtf8 = (a: string, b: string): number => Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));

function firstNonFinite(root: unknown): NonFinite | undefined {
  const stack: unknown[] = [root];
  while (stack.length > 0) {
    const v = stack.pop();
    if (v instanceof NonFinite) return v;
    if (Array.isArray(v)) for (let i = v.length - 1; i >= 0; i--) stack.push(v[i]);
    else if (isObject(v)) for (const k of Object.keys(v).sort(byUtf8).reverse()) stack.push(v[k]);
  }
  return undefined;
}

// ---------------------------------------------------------------------------
// Scalars as go-yaml v2 resolves them, then as sigs.k8s.io/yaml makes JSON of
// them. upstream: gopkg.in/yaml.v2 resolve.go resolve() and decode.go
// (*decoder).scalar (vendored as sigs.k8s.io/yaml/goyaml.v2); Go's strconv
// ParseInt/ParseUint/ParseFloat; sigs.k8s.io/yaml yaml.go
// convertToJSONableObject.

const STR = `${TAG}str`;
const INT = `${TAG}int`;
const FLOAT = `${TAG}float`;
const BOOL = `${TAG}bool`;
const NULL = `${TAG}null`;
const TIMESTAMP = `${TAG}timestamp`;
const BINARY = `${TAG}binary`;
const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;
const UINT64_MAX = 2n ** 64n - 1n;

/** !!binary's bytes, as a Go string json.Marshal prints (invalid UTF-8 as U+FFFD). */
class Binary {
  constructor(readonly text: string) {}
}
/** null, a bool, an int (int64 or uint64, as go-yaml gives them), a float64, a string, or !!binary's bytes. */
type Resolved = null | boolean | bigint | number | string | Binary;

/** A scalar go-yaml refuses: the message, reported at the scalar. */
class ResolveError extends Error {}

// resolve.go resolveTable: the first byte decides what a plain scalar may be.
const hint = (s: string): string | undefined => {
  if (s === '') return 'N';
  const c = s[0];
  if (c === '+' || c === '-') return 'S';
  if (c >= '0' && c <= '9') return 'D';
  if ('yYnNtTfFoO~'.includes(c)) return 'M';
  return c === '.' ? '.' : undefined;
};

// resolve.go resolveMap.
const RESOLVE_MAP = new Map<string, [string, Resolved]>();
for (const [tag, value, words] of [
  [BOOL, true, 'y Y yes Yes YES true True TRUE on On ON'],
  [BOOL, false, 'n N no No NO false False FALSE off Off OFF'],
  [NULL, null, '~ null Null NULL'],
  [FLOAT, NaN, '.nan .NaN .NAN'],
  [FLOAT, Infinity, '.inf .Inf .INF +.inf +.Inf +.INF'],
  [FLOAT, -Infinity, '-.inf -.Inf -.INF'],
] as const) {
  for (const w of words.split(' ')) RESOLVE_MAP.set(w, [tag, value]);
}
RESOLVE_MAP.set('', [NULL, null]);

const YAML_STYLE_FLOAT = /^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$/;
const RESOLVABLE = new Set(['', STR, BOOL, INT, FLOAT, NULL, TIMESTAMP]);
const shortTag = (tag: string): string => (tag.startsWith(TAG) ? `!!${tag.slice(TAG.length)}` : tag);

const DIGITS: Record<number, [RegExp, string]> = { 2: [/^[01]+$/, '0b'], 8: [/^[0-7]+$/, '0o'], 10: [/^[0-9]+$/, ''], 16: [/^[0-9a-fA-F]+$/, '0x'] };

/**
 * strconv.ParseUint(s, base, 64) for base 0 (a 0b/0o/0x prefix when 3+
 * characters long, else a leading 0 for octal, else decimal) or 2; no `_`
 * (go-yaml drops them first). Undefined on a syntax or range error.
 */
function parseUint(s: string, base: 0 | 2): bigint | undefined {
  if (s === '') return undefined;
  let b: number = base;
  if (base === 0) {
    b = 10;
    if (s[0] === '0') {
      const p = s.length >= 3 ? s[1] : '';
      b = /[bB]/.test(p) ? 2 : /[oO]/.test(p) ? 8 : /[xX]/.test(p) ? 16 : 8;
      s = s.slice(b === 8 && !/[oO]/.test(p) ? 1 : 2);
      if (s === '') return 0n; // "0"
    }
  }
  const [digits, prefix] = DIGITS[b];
  if (!digits.test(s)) return undefined;
  const n = BigInt(prefix + s);
  return n <= UINT64_MAX ? n : undefined;
}

/** strconv.ParseInt(s, base, 64): an optional sign, then ParseUint, within int64. */
function parseInt64(s: string, base: 0 | 2): bigint | undefined {
  const neg = s[0] === '-';
  const u = parseUint(s[0] === '+' || neg ? s.slice(1) : s, base);
  if (u === undefined) return undefined;
  const n = neg ? -u : u;
  return n >= INT64_MIN && n <= INT64_MAX ? n : undefined;
}

/** strconv.ParseFloat(s, 64) of a string it takes (checked by the caller): undefined when it overflows (ErrRange). */
const parseFloat64 = (s: string): number | undefined => {
  const f = Number(s);
  return Number.isFinite(f) ? f : undefined;
};

const DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/**
 * resolve.go parseTimestamp: time.Parse with "2006-1-2T15:4:5.999999999Z07:00"
 * (also with a lower-case t), "2006-1-2 15:4:5.999999999" or "2006-1-2".
 */
function isTimestamp(s: string): boolean {
  const m = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:([Tt ])(\d{1,2}):(\d{1,2}):(\d{1,2})(?:[.,]\d+)?(Z|[+-]\d\d:\d\d)?)?$/.exec(s);
  if (!m) return false;
  const [, y, mo, d, sep, h, mi, se, zone] = m;
  if (sep && (sep === ' ') !== (zone === undefined)) return false;
  const year = Number(y);
  const month = Number(mo);
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  if (month < 1 || month > 12 || Number(d) < 1 || Number(d) > (month === 2 && leap ? 29 : DAYS[month - 1])) return false;
  if (sep && (Number(h) > 23 || Number(mi) > 59 || Number(se) > 59)) return false;
  return !zone || zone === 'Z' || (Number(zone.slice(1, 3)) <= 24 && Number(zone.slice(4)) <= 60);
}

/** resolve.go resolve(tag, in) without the tag check: the tag and value go-yaml gives `input`. */
function resolveUntagged(tag: string, input: string): [string, Resolved] {
  const h = hint(input);
  if (h !== undefined && tag !== STR) {
    const known = RESOLVE_MAP.get(input);
    if (known) return known;
    if (h === '.') {
      // strconv.ParseFloat of the text as it is: digits after the dot, no `_`.
      const f = /^\.\d+([eE][-+]?\d+)?$/.test(input) ? parseFloat64(input) : undefined;
      if (f !== undefined) return [FLOAT, f];
    } else if (h === 'D' || h === 'S') {
      if ((tag === '' || tag === TIMESTAMP) && isTimestamp(input)) return [TIMESTAMP, input];
      const plain = input.replaceAll('_', '');
      const int = parseInt64(plain, 0) ?? parseUint(plain, 0);
      if (int !== undefined) return [INT, int];
      const f = YAML_STYLE_FLOAT.test(plain) ? parseFloat64(plain) : undefined;
      if (f !== undefined) return [FLOAT, f];
      // The old binary forms, which also take a sign after the prefix (0b-101).
      const bin = plain.startsWith('0b') ? parseInt64(plain.slice(2), 2) ?? parseUint(plain.slice(2), 2)
        : plain.startsWith('-0b') ? parseInt64(`-${plain.slice(3)}`, 2) : undefined;
      if (bin !== undefined) return [INT, bin];
    }
  }
  return [STR, input];
}

/** resolve.go resolve(tag, in): an explicit tag must be what the text resolves to (an int may be a !!float). */
function goResolve(tag: string, input: string): [string, Resolved] {
  if (!RESOLVABLE.has(tag)) return [tag, input];
  const [rtag, value] = resolveUntagged(tag, input);
  if (tag === '' || tag === rtag || tag === STR) return [rtag, value];
  if (tag === FLOAT && rtag === INT && (value as bigint) <= INT64_MAX) return [FLOAT, Number(value)];
  throw new ResolveError(`yaml: cannot decode ${shortTag(rtag)} \`${input}\` as a ${shortTag(tag)}`);
}

/**
 * What go-yaml v2 decodes a scalar node into an interface{} as: a quoted or
 * block scalar without a tag is a string; anything else goes through
 * resolve() with its tag (none for a plain scalar; `!` and unknown tags
 * leave it a string); a timestamp stays its text; !!binary is base64-decoded.
 * Throws ResolveError.
 */
function resolveScalar(node: Scalar): Resolved {
  if (typeof node.value === 'symbol') return '<<';
  const text = typeof node.value === 'string' ? node.value : String(node.source ?? '');
  const tag = node.tag ?? '';
  if (tag === '' && node.type !== Scalar.PLAIN) return text;
  const [rtag, value] = goResolve(tag, text);
  if (rtag !== BINARY) return value;
  if (base64Error(text) !== undefined) throw new ResolveError('yaml: !!binary value contains invalid base64 data');
  return new Binary(goString(Buffer.from(text.replace(/[\r\n]/g, ''), 'base64')));
}

/**
 * The JSON key a resolved map key becomes. upstream: sigs.k8s.io/yaml
 * convertToJSONableObject: ints in decimal, floats as
 * strconv.FormatFloat(f, 'g', -1, 32) with .inf/-.inf/.nan, bools as
 * true/false; a null or a uint64 key is refused.
 */
function jsonKey(r: Resolved): string {
  if (r === null) throw new ResolveError('error converting YAML to JSON: unsupported map key of type: <nil>');
  if (typeof r === 'string') return r;
  if (typeof r === 'boolean') return String(r);
  if (typeof r === 'bigint') {
    if (r > INT64_MAX) throw new ResolveError('error converting YAML to JSON: unsupported map key of type: uint64');
    return r.toString();
  }
  if (typeof r === 'number') return float32Key(r);
  return r.text;
}

/** strconv.FormatFloat(f, 'g', -1, 32), with go-yaml's names for the infinities and NaN. */
function float32Key(f: number): string {
  const x = Math.fround(f);
  if (Number.isNaN(x)) return '.nan';
  if (!Number.isFinite(x)) return x > 0 ? '.inf' : '-.inf';
  if (x === 0) return Object.is(x, -0) ? '-0' : '0';
  const sign = x < 0 ? '-' : '';
  const a = Math.abs(x);
  // The shortest digits that read back as this float32 (at most 9).
  let e = a.toExponential(8);
  for (let p = 1; p <= 9; p++) {
    const c = a.toExponential(p - 1);
    if (Math.fround(Number(c)) === a) {
      e = c;
      break;
    }
  }
  const [mant, ex] = e.split('e');
  const digits = mant.replace('.', '');
  const exp = Number(ex);
  // %e below 1e-4 or from 1e6 (the shortest form decides at precision 6), else %f.
  if (exp < -4 || exp >= 6) {
    const abs = Math.abs(exp);
    return `${sign}${digits[0]}${digits.length > 1 ? `.${digits.slice(1)}` : ''}e${exp < 0 ? '-' : '+'}${abs < 10 ? `0${abs}` : abs}`;
  }
  const dp = exp + 1;
  if (dp <= 0) return `${sign}0.${'0'.repeat(-dp)}${digits}`;
  if (dp >= digits.length) return `${sign}${digits}${'0'.repeat(dp - digits.length)}`;
  return `${sign}${digits.slice(0, dp)}.${digits.slice(dp)}`;
}

/** A key node's JSON key, for the locator; undefined when it has none. */
const keyOf = (key: unknown): string | undefined => {
  if (!isScalar(key)) return undefined;
  try {
    return jsonKey(resolveScalar(key));
  } catch {
    return undefined;
  }
};

// ---------------------------------------------------------------------------
// Characters. upstream: go-yaml v2 readerc.go yaml_parser_determine_encoding
// and yaml_parser_update_buffer: the UTF-8 decoding errors, then the
// characters a stream may hold.

const UTF8_ERRORS: Record<number, string> = {
  [-1]: 'yaml: invalid leading UTF-8 octet',
  [-2]: 'yaml: incomplete UTF-8 octet sequence',
  [-3]: 'yaml: invalid trailing UTF-8 octet',
  [-4]: 'yaml: invalid length of a UTF-8 sequence',
  [-5]: 'yaml: invalid Unicode character',
};
const CONTROL = 'yaml: control characters are not allowed';

const utf8Width = (lead: number): number => (lead < 0x80 ? 1 : (lead & 0xe0) === 0xc0 ? 2 : (lead & 0xf0) === 0xe0 ? 3 : (lead & 0xf8) === 0xf0 ? 4 : 0);

/** The code point at `b[i]`, or a key of UTF8_ERRORS, checked in go-yaml's order. */
function utf8Rune(b: Uint8Array, i: number): number {
  const width = utf8Width(b[i]);
  if (width === 0) return -1;
  if (i + width > b.length) return -2;
  let v = width === 1 ? b[i] : b[i] & (0xff >> (width + 1));
  for (let k = 1; k < width; k++) {
    if ((b[i + k] & 0xc0) !== 0x80) return -3;
    v = (v << 6) + (b[i + k] & 0x3f);
  }
  if ((width === 2 && v < 0x80) || (width === 3 && v < 0x800) || (width === 4 && v < 0x10000)) return -4;
  return (v >= 0xd800 && v <= 0xdfff) || v > 0x10ffff ? -5 : v;
}

/** #x9 | #xA | #xD | [#x20-#x7E] | #x85 | [#xA0-#xD7FF] | [#xE000-#xFFFD] | [#x10000-#x10FFFF] */
const allowedChar = (c: number): boolean =>
  c === 0x09 || c === 0x0a || c === 0x0d || (c >= 0x20 && c <= 0x7e) || c === 0x85 || (c >= 0xa0 && c <= 0xd7ff) || (c >= 0xe000 && c <= 0xfffd) || (c >= 0x10000 && c <= 0x10ffff);
const DISALLOWED = /[^\t\n\r\x20-\x7E\x85\xA0-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/u;

/** Go's string(bytes) as json.Marshal prints it: each byte that does not start a valid sequence is U+FFFD. */
function goString(b: Uint8Array): string {
  let out = '';
  for (let i = 0; i < b.length;) {
    const r = utf8Rune(b, i);
    out += r < 0 ? '\uFFFD' : String.fromCodePoint(r);
    i += r < 0 ? 1 : utf8Width(b[i]);
  }
  return out;
}

/** 1-based line and column of `text.length`, as the locator counts them (lines end at \n, columns in UTF-16 units). */
function endPosition(text: string): { line: number; col: number } {
  let line = 1;
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) line++;
  return { line, col: text.length - (text.lastIndexOf('\n') + 1) + 1 };
}

/** Characters go-yaml refuses in a text already decoded (a NUL, a C1 control, a lone surrogate). */
function checkCharacters(text: string, file: string): void {
  const m = DISALLOWED.exec(text);
  if (!m) return;
  const c = m[0].codePointAt(0)!;
  const p = endPosition(text.slice(0, m.index));
  throw new ManifestError(file, p.line, p.col, c >= 0xd800 && c <= 0xdfff ? UTF8_ERRORS[-5] : CONTROL);
}

const UTF8 = new TextDecoder('utf-8', { ignoreBOM: true });

/**
 * A file's bytes as text, decoded as go-yaml's reader decodes them: a UTF-8
 * byte order mark is skipped; the first invalid sequence or disallowed
 * character (C0 controls but tab, LF and CR; DEL; C1 controls but NEL;
 * U+FFFE, U+FFFF) throws a ManifestError at its line and column (of the
 * text before it), in go-yaml's words. The whole file is checked before it
 * is parsed, where go-yaml meets the byte as its scanner reads that far.
 *
 * UTF-16 (a FF FE or FE FF byte order mark) is refused: go-yaml decodes it,
 * but kubectl's document reader (apimachinery util/yaml LineReader) appends
 * a \n byte after the last line, so a UTF-16LE file always fails there with
 * `yaml: incomplete UTF-16 character`.
 */
export function decodeUtf8(bytes: Uint8Array, file: string): string {
  if (bytes.length >= 2 && ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff))) {
    throw new ManifestError(file, 1, 1, 'cannot read UTF-16 (the file starts with a UTF-16 byte order mark): save it as UTF-8');
  }
  const start = bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  const fail = (i: number, message: string): never => {
    const p = endPosition(UTF8.decode(bytes.subarray(start, i)));
    throw new ManifestError(file, p.line, p.col, message);
  };
  for (let i = start; i < bytes.length;) {
    const b = bytes[i];
    if (b < 0x80) {
      if (b < 0x20 ? b !== 0x09 && b !== 0x0a && b !== 0x0d : b === 0x7f) fail(i, CONTROL);
      i++;
      continue;
    }
    const r = utf8Rune(bytes, i);
    if (r < 0) fail(i, UTF8_ERRORS[r]);
    if (!allowedChar(r)) fail(i, CONTROL);
    i += utf8Width(b);
  }
  return UTF8.decode(bytes.subarray(start));
}

function docError(locate: Locator, file: string) {
  return (path: string, message: string): ManifestError => {
    const p = locate(path);
    return new ManifestError(file, p.line, p.col, message);
  };
}

/**
 * Every object in a manifest file, `List`s expanded, each decoded strictly as
 * the API server would (unknown fields, wrong types). The first bad input
 * anywhere throws a ManifestError, so a caller applies all or nothing.
 */
export function parseManifests(text: string, file: string): ParsedDoc[] {
  const out: ParsedDoc[] = [];
  for (const d of load(text, file)) {
    if (d.value === null) continue; // an empty document, as kubectl skips it
    append(out, objectsFrom(d.value, file, d.locate, d.index, d.exact));
    if (out.length > MAX_DOCUMENTS) throw docError(d.locate, file)('', `too many documents: limit is ${MAX_DOCUMENTS}`);
  }
  return out;
}

/**
 * The objects in one already-parsed value (a manifest document, or an object
 * written inline in a scenario file; `locate` is relative to `value`).
 */
export function manifestsFrom(value: unknown, file: string, locate: Locator, docIndex = 0): ParsedDoc[] {
  return objectsFrom(value, file, locate, docIndex, true);
}

const NO_EXACT_INTEGERS: ExactIntegers = new Map();

/** manifestsFrom; `exact`: whether `value` may hold recorded exact integers. */
function objectsFrom(value: unknown, file: string, locate: Locator, docIndex: number, exact: boolean): ParsedDoc[] {
  const errorAt = docError(locate, file);
  const mapOnly = (v: unknown, path: string): Record<string, unknown> => {
    if (!isObject(v)) throw errorAt(path, `json: cannot unmarshal ${goKind(v)} into Go value of type map[string]interface {}`);
    return v;
  };
  const decode = (obj: Record<string, unknown>, loc: Locator, itemIndex?: number): ParsedDoc => {
    const bad = checkSchema(obj as KubeObject);
    const at = docError(loc, file);
    if (bad) throw at(bad.path, bad.message);
    goZeroNulls(obj as KubeObject);
    const exactIntegers = exact ? exactIntegersIn(obj) : NO_EXACT_INTEGERS;
    const doc: ParsedDoc = { object: obj as KubeObject, file, docIndex, locate: loc, errorAt: at, exactIntegers };
    if (itemIndex !== undefined) doc.itemIndex = itemIndex;
    return doc;
  };
  const obj = mapOnly(value, '');
  // upstream: apimachinery unstructured.go: any object with `items` decodes as a list,
  // and items with neither kind nor apiVersion take the list's kind minus "List".
  if (!Object.hasOwn(obj, 'items')) return [decode(obj, locate)];
  const items = obj.items ?? [];
  if (!Array.isArray(items)) throw errorAt('items', `json: cannot unmarshal ${goKind(items)} into Go struct field .items of type []json.RawMessage`);
  const listKind = typeof obj.kind === 'string' ? obj.kind : '';
  return items.map((raw, i) => {
    const item = mapOnly(raw === null ? {} : raw, `items[${i}]`);
    if (item.kind === undefined && item.apiVersion === undefined && listKind.endsWith('List') && listKind !== 'List') {
      setOwn(item, 'kind', listKind.slice(0, -'List'.length));
      setOwn(item, 'apiVersion', obj.apiVersion);
    }
    return decode(item, subLocator(locate, `items[${i}]`), i);
  });
}

/** One YAML document of any shape, for files that are not manifests (scenarios). */
export function parseYamlDocument(text: string, file: string): YamlDocument {
  const docs = Array.from(load(text, file)).filter((d) => d.value !== null);
  if (docs.length > 1) {
    const p = docs[1].locate('');
    throw new ManifestError(file, p.line, p.col, `yaml: line ${p.line}: expected a single document in the stream, but found another document`);
  }
  const d = docs[0];
  if (!d) {
    const locate: Locator = () => ({ line: 1, col: 1 });
    return { object: null, file, locate, errorAt: docError(locate, file), exactIntegers: NO_EXACT_INTEGERS };
  }
  const exactIntegers = d.exact ? exactIntegersIn(d.value) : NO_EXACT_INTEGERS;
  return { object: d.value, file, locate: d.locate, errorAt: docError(d.locate, file), exactIntegers };
}
