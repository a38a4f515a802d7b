// `kubectl get -o yaml` and `-o json`. kubectl reads objects as unstructured
// maps, so both outputs list keys alphabetically, not in Go struct order:
// JSON in byte order with 4-space indent (encoding/json.MarshalIndent, which
// also escapes <, > and & for HTML), YAML in go-yaml v2's "natural" key order
// with `- ` items level with their parent key. managedFields are left out, as
// kubectl does unless --show-managed-fields is given.
// upstream: k8s.io/cli-runtime/pkg/printers/json.go, yaml.go (sigs.k8s.io/yaml → gopkg.in/yaml.v2 sorter.go keyList.Less, emitterc.go)

import { byteOrder } from './format.js';
import { scalarStyle, writeIndent, writeScalar, type Sink } from './yaml-scalar.js';

export interface OutputOptions {
  /** `--show-managed-fields`: keep metadata.managedFields. */
  showManagedFields?: boolean;
}

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** The object as `kubectl get -o yaml` prints it, ending with a newline. */
export function toYaml(obj: unknown, opts: OutputOptions = {}): string {
  const value = normalize(obj, opts);
  const out: Sink = { text: '', column: 0 };
  emit(out, value, { at: 'root' });
  if (out.column > 0 || out.text === '') out.text += '\n';
  return out.text;
}

/** The object as `kubectl get -o json` prints it, ending with a newline. */
export function toJson(obj: unknown, opts: OutputOptions = {}): string {
  return jsonValue(normalize(obj, opts), '') + '\n';
}

/** What kubectl would have decoded: JSON-compatible data without managedFields. */
function normalize(obj: unknown, opts: OutputOptions): Json {
  const value = JSON.parse(JSON.stringify(obj ?? null)) as Json;
  if (!opts.showManagedFields) {
    stripManagedFields(value);
    if (isMap(value) && Array.isArray(value.items)) value.items.forEach(stripManagedFields);
  }
  return value;
}

function stripManagedFields(value: Json): void {
  if (isMap(value) && isMap(value.metadata)) delete value.metadata.managedFields;
}

function isMap(v: Json | undefined): v is { [key: string]: Json } {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

// ---- YAML structure -------------------------------------------------------

/** Where a node is written: the document root, after `key:` of a mapping at `indent`, or after `-` of a sequence at `indent`. */
type Place = { at: 'root' } | { at: 'value'; indent: number } | { at: 'item'; indent: number };

function emit(out: Sink, v: Json, place: Place): void {
  const lead = place.at === 'root' ? '' : ' ';
  if (Array.isArray(v)) {
    if (v.length === 0) return put(out, lead + '[]');
    // A sequence under a key is not indented further; one in a sequence item is.
    const indent = place.at === 'root' ? 0 : place.at === 'value' ? place.indent : place.indent + 2;
    v.forEach((item, i) => {
      if (place.at === 'value' || i > 0) writeIndent(out, indent);
      else if (place.at === 'item') put(out, ' ');
      put(out, '-');
      emit(out, item, { at: 'item', indent });
    });
    return;
  }
  if (isMap(v)) {
    const keys = Object.keys(v).sort(yamlKeyOrder);
    if (keys.length === 0) return put(out, lead + '{}');
    const indent = place.at === 'root' ? 0 : place.indent + 2;
    keys.forEach((key, i) => {
      if (place.at === 'value' || i > 0) writeIndent(out, indent);
      else if (place.at === 'item') put(out, ' ');
      if (isSimpleKey(key)) {
        writeScalar(out, key, scalarStyle(key, true), indent, true);
        put(out, ':');
        emit(out, v[key]!, { at: 'value', indent });
        return;
      }
      // A multi-line or long key is written as an explicit `? key` / `: value` pair.
      put(out, '?');
      emit(out, key, { at: 'item', indent });
      writeIndent(out, indent);
      put(out, ':');
      emit(out, v[key]!, { at: 'item', indent });
    });
    return;
  }
  if (typeof v === 'string') {
    const indent = place.at === 'root' ? 0 : place.indent + 2;
    writeScalar(out, v, scalarStyle(v, false), indent, false);
    if (place.at === 'root') out.text = out.text.replace(/^ /, '');
    return;
  }
  put(out, lead + (typeof v === 'number' ? goFloat(v) : String(v)));
}

/** upstream: yaml.v2 emitterc.go yaml_emitter_check_simple_key (one line, at most 128 bytes) */
function isSimpleKey(key: string): boolean {
  return !/[\n\r\u0085\u2028\u2029]/.test(key) && new TextEncoder().encode(key).length <= 128;
}

function put(out: Sink, s: string): void {
  out.text += s;
  out.column += s.length;
}


/**
 * A number as go-yaml writes what it decoded from JSON: integers as digits,
 * others with strconv.FormatFloat(f, 'g', -1, 64), which switches to an
 * exponent (two digits at least) from 1e+06 up and below 1e-04.
 */
function goFloat(n: number): string {
  if (Number.isInteger(n) && Math.abs(n) < 1e21) return String(n);
  const [mantissa, expText] = n.toExponential().split('e') as [string, string];
  const exp = Number(expText);
  if (exp < -4 || exp >= 6) return `${mantissa}e${exp < 0 ? '-' : '+'}${String(Math.abs(exp)).padStart(2, '0')}`;
  return String(n);
}

/**
 * go-yaml v2's map key order: letters by code point, and a non-letter before a
 * letter; runs of digits compare by their value, so `a9` comes before `a10`.
 * The rule is not transitive for digit runs with leading zeros (`08`, `0x1F`,
 * `1e3` form a cycle); go-yaml then depends on Go's map iteration order, so no
 * order is canonical there.
 * upstream: gopkg.in/yaml.v2 sorter.go keyList.Less
 */
export function yamlKeyOrder(a: string, b: string): number {
  return keyLess(a, b) ? -1 : keyLess(b, a) ? 1 : 0;
}

const isLetter = (ch: string): boolean => /\p{L}/u.test(ch);
const isDigit = (ch: string | undefined): boolean => ch !== undefined && /\p{Nd}/u.test(ch);

function keyLess(a: string, b: string): boolean {
  const ar = [...a];
  const br = [...b];
  for (let i = 0; i < ar.length && i < br.length; i++) {
    const x = ar[i]!;
    const y = br[i]!;
    if (x === y) continue;
    const xl = isLetter(x);
    const yl = isLetter(y);
    if (xl && yl) return x.codePointAt(0)! < y.codePointAt(0)!;
    if (xl || yl) return yl;
    let an = 0;
    let bn = 0;
    // A run of zeros continuing a number is not a leading zero.
    if (x === '0' || y === '0') {
      for (let j = i - 1; j >= 0 && isDigit(ar[j]); j--) {
        if (ar[j] !== '0') {
          an = bn = 1;
          break;
        }
      }
    }
    let ai = i;
    let bi = i;
    for (; ai < ar.length && isDigit(ar[ai]); ai++) an = an * 10 + (ar[ai]!.codePointAt(0)! - 48);
    for (; bi < br.length && isDigit(br[bi]); bi++) bn = bn * 10 + (br[bi]!.codePointAt(0)! - 48);
    if (an !== bn) return an < bn;
    if (ai !== bi) return ai < bi;
    return x.codePointAt(0)! < y.codePointAt(0)!;
  }
  return ar.length < br.length;
}

// ---- JSON -----------------------------------------------------------------

function jsonValue(v: Json, indent: string): string {
  if (Array.isArray(v)) {
    if (v.length === 0) return '[]';
    const inner = indent + '    ';
    return `[\n${v.map((x) => inner + jsonValue(x, inner)).join(',\n')}\n${indent}]`;
  }
  if (isMap(v)) {
    const keys = Object.keys(v).sort(byteOrder);
    if (keys.length === 0) return '{}';
    const inner = indent + '    ';
    return `{\n${keys.map((k) => `${inner}${jsonString(k)}: ${jsonValue(v[k]!, inner)}`).join(',\n')}\n${indent}}`;
  }
  return typeof v === 'string' ? jsonString(v) : JSON.stringify(v);
}

/** encoding/json's string escaping, HTML-safe: <, >, &, U+2028 and U+2029 as \u escapes. */
function jsonString(s: string): string {
  return JSON.stringify(s).replace(/[<>&\u2028\u2029]/g, (c) => '\\u' + c.charCodeAt(0).toString(16).padStart(4, '0'));
}
