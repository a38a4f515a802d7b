// Reading manifests: multi-document YAML (JSON is YAML too) into plain JSON
// objects, each with a locator back into the file, so that any later error
// can be printed as `error: FILE:LINE:COL: message`.
//
// YAML is read the way kubectl reads it (sigs.k8s.io/yaml over go-yaml v2):
// YAML 1.1 scalars (`yes`/`on`/`y` are booleans, `0777` is octal),
// timestamps stay strings, `<<` merges, and the same defence against alias
// bombs. Every input is bounded: size, documents, nesting, alias expansion.
import { Composer, LineCounter, Parser, isAlias, isMap, isPair, isScalar, isSeq, type CST, type Document, type DocumentOptions, type ParseOptions, type SchemaOptions, type YAMLError } from 'yaml';
import { documentLocator, isMergeKey, subLocator, type Locator } from './locate.js';
import { checkSchema, goKind } from './schema.js';
import type { KubeObject } from './types.js';

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
}

/** One YAML document of any shape (scenario files): plain JSON, or null when empty. */
export interface YamlDocument {
  object: unknown;
  file: string;
  locate: Locator;
  errorAt(path: string, message: string): ManifestError;
}

// go-yaml v2 knows no timestamps-as-dates, sexagesimal numbers, sets, pairs or omaps.
const DROPPED_TAGS = /:(timestamp|binary|omap|pairs|set)$/;
const OPTIONS: ParseOptions & DocumentOptions & SchemaOptions = {
  schema: 'yaml-1.1',
  merge: true,
  uniqueKeys: false, // duplicates are reported below, in go-yaml v3's words
  prettyErrors: false,
  logLevel: 'silent',
  customTags: (tags) => tags.filter((t) => typeof t === 'object' && t.format !== 'TIME' && !DROPPED_TAGS.test(t.tag)),
};

interface Loaded {
  index: number;
  value: unknown;
  locate: Locator;
}

/**
 * Parse and bound the whole file, then convert its documents one at a time,
 * so that the caller meets problems in file order. Throws ManifestError.
 */
function* load(text: string, file: string): Generator<Loaded> {
  const bytes = Buffer.byteLength(text, 'utf8');
  if (bytes > MAX_MANIFEST_BYTES) throw new ManifestError(file, 1, 1, `file is too large: ${bytes} bytes (limit ${MAX_MANIFEST_BYTES})`);
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
    const { value, aliases } = toPlain(doc, lines, at);
    yield { index: index++, value, locate: documentLocator(doc, lines, (n) => aliases.get(n)) };
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
  const offsetOf = (n: unknown): number => (n as { range?: number[] } | null)?.range?.[0] ?? doc.range[0];
  const fail = (n: unknown, message: string): never => at(offsetOf(n), message);

  const visit = (node: unknown, depth: number): unknown => {
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
      const v = visit(target, depth);
      aliasDepth--;
      return v;
    }
    const anchor = (node as { anchor?: string }).anchor;
    if (anchor && aliasDepth === 0) anchors.set(anchor, node);
    if (isScalar(node)) return scalar(node.value, node);
    active.add(node);
    let out: unknown;
    if (isSeq(node)) {
      out = node.items.map((it) => (isPair(it) ? pairs([it], depth + 1) : visit(it, depth + 1)));
    } else if (isMap(node)) {
      out = pairs(node.items, depth);
    } else {
      out = fail(node, 'yaml: unsupported node');
    }
    active.delete(node);
    return out;
  };

  const scalar = (v: unknown, node: unknown): unknown => {
    if (typeof v === 'number' && !Number.isFinite(v)) fail(node, `json: unsupported value: ${Number.isNaN(v) ? 'NaN' : v > 0 ? '+Inf' : '-Inf'}`);
    if (v instanceof Uint8Array) return Buffer.from(v).toString('utf8');
    if (typeof v === 'symbol') return '<<';
    return v === undefined ? null : v;
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
          if (!isObject(s)) fail(pair.value, 'yaml: map merge requires map or sequence of maps as the value');
          for (const k of Object.keys(s as object)) setOwn(obj, k, (s as Record<string, unknown>)[k]);
        }
        continue;
      }
      const k = visit(pair.key, depth + 1);
      if (typeof k === 'object') {
        fail(pair.key, k === null ? 'error converting YAML to JSON: unsupported map key of type: <nil>' : `yaml: invalid map key: ${JSON.stringify(k)}`);
      }
      const key = String(k);
      const first = seen.get(key);
      if (first !== undefined) {
        const line = (n: unknown) => lines.linePos(offsetOf(n)).line;
        fail(pair.key, `yaml: unmarshal errors: line ${line(pair.key)}: mapping key ${JSON.stringify(key)} already defined at line ${line(first)}`);
      }
      seen.set(key, pair.key);
      setOwn(obj, key, visit(pair.value, depth + 1));
    }
    return obj;
  };

  return { value: visit(doc.contents, 0), aliases };
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
    out.push(...manifestsFrom(d.value, file, d.locate, d.index));
    if (out.length > MAX_DOCUMENTS) throw docError(d.locate, file)('', `too many documents: limit is ${MAX_DOCUMENTS}`);
  }
  return out;
}

/**
 * The objects in one already-parsed value (a manifest document, or an object
 * written inline in a scenario file; `locate` is relative to `value`).
 */
export function manifestsFrom(value: unknown, file: string, locate: Locator, docIndex = 0): ParsedDoc[] {
  const errorAt = docError(locate, file);
  const mapOnly = (v: unknown, path: string): Record<string, unknown> => {
    if (!isObject(v)) throw errorAt(path, `json: cannot unmarshal ${goKind(v)} into Go value of type map[string]interface {}`);
    return v;
  };
  const decode = (obj: Record<string, unknown>, loc: Locator, itemIndex?: number): ParsedDoc => {
    const bad = checkSchema(obj as KubeObject);
    const at = docError(loc, file);
    if (bad) throw at(bad.path, bad.message);
    const doc: ParsedDoc = { object: obj as KubeObject, file, docIndex, locate: loc, errorAt: at };
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
    return { object: null, file, locate, errorAt: docError(locate, file) };
  }
  return { object: d.value, file, locate: d.locate, errorAt: docError(d.locate, file) };
}
