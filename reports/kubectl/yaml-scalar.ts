// How `kubectl get -o yaml` writes a string: plain when it reads back as the
// same string, double-quoted when plain would read back as something else
// (`"true"`, `"80"`, `"2024-05-01T10:00:00Z"`), single-quoted when only the
// layout forbids plain (`'*'`, `'a: b'`), a `|` block for multi-line text; long
// lines fold at the first space past column 80. kubectl marshals through
// sigs.k8s.io/yaml, i.e. go-yaml v2, whose YAML 1.1 rules these mirror.
// upstream: gopkg.in/yaml.v2 encode.go stringv, resolve.go resolve, emitterc.go yaml_emitter_analyze_scalar / select_scalar_style / write_*_scalar

export type ScalarStyle = 'plain' | 'single' | 'double' | 'literal';

/** go-yaml's best_width: a space past this column becomes a line break. */
const BEST_WIDTH = 80;

const RESOLVE_MAP = new Set([
  'y', 'Y', 'yes', 'Yes', 'YES', 'true', 'True', 'TRUE', 'on', 'On', 'ON',
  'n', 'N', 'no', 'No', 'NO', 'false', 'False', 'FALSE', 'off', 'Off', 'OFF',
  '', '~', 'null', 'Null', 'NULL', '.nan', '.NaN', '.NAN',
  '.inf', '.Inf', '.INF', '+.inf', '+.Inf', '+.INF', '-.inf', '-.Inf', '-.INF',
]);
const YAML_STYLE_FLOAT = /^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$/;
const GO_INT = /^[-+]?(0[xX][0-9a-fA-F]+|0[oO]?[0-7]*|0[bB][01]+|[1-9][0-9]*)$/;
const BASE60_FLOAT = /^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?$/;
const TIMESTAMPS = [
  /^(\d{4})-(\d{1,2})-(\d{1,2})[Tt](\d{1,2}):(\d{1,2}):(\d{1,2})(\.\d+)?(Z|[+-]\d{2}:\d{2})$/,
  /^(\d{4})-(\d{1,2})-(\d{1,2}) (\d{1,2}):(\d{1,2}):(\d{1,2})(\.\d+)?$/,
  /^(\d{4})-(\d{1,2})-(\d{1,2})$/,
];

function isTimestamp(s: string): boolean {
  for (const re of TIMESTAMPS) {
    const m = re.exec(s);
    if (!m) continue;
    const [month, day, hour = 0, min = 0, sec = 0] = m.slice(2, 7).map((x) => (x === undefined ? undefined : Number(x))) as number[];
    if (month! >= 1 && month! <= 12 && day! >= 1 && day! <= 31 && hour < 24 && min < 60 && sec < 60) return true;
  }
  return false;
}

/** Whether a plain scalar `s` would read back as something other than a string (YAML 1.1 as go-yaml v2 resolves it). */
export function resolvesAsNonString(s: string): boolean {
  if (s === '') return true;
  const first = s[0]!;
  const hint = /[0-9]/.test(first) ? 'D' : first === '+' || first === '-' ? 'S' : first === '.' ? '.' : 'yYnNtTfFoO~'.includes(first) ? 'M' : '';
  if (hint === '') return false;
  if (RESOLVE_MAP.has(s)) return true;
  if (hint === '.') return /^\.[0-9]+([eE][-+]?[0-9]+)?$/.test(s);
  if (hint === 'D' && isTimestamp(s)) return true;
  if (hint === 'D' || hint === 'S') {
    const plain = s.replaceAll('_', '');
    return GO_INT.test(plain) || YAML_STYLE_FLOAT.test(plain) || /^-0b[01]+$/.test(plain);
  }
  return false;
}

/** upstream: yaml.v2 encode.go isBase60Float (YAML 1.1 sexagesimal numbers such as 1:20) */
function isBase60Float(s: string): boolean {
  return s.includes(':') && BASE60_FLOAT.test(s);
}

/** go-yaml's is_printable, by code point. Tabs and other controls are not. */
function isPrintable(cp: number): boolean {
  return cp === 0x0a || (cp >= 0x20 && cp <= 0x7e) || (cp >= 0xa0 && cp <= 0xd7ff) || (cp >= 0xe000 && cp <= 0xfffd && cp !== 0xfeff);
}

const isBreak = (ch: string | undefined): boolean => ch === '\n' || ch === '\r' || ch === '\u0085' || ch === '\u2028' || ch === '\u2029';
const isBlankOrEnd = (ch: string | undefined): boolean => ch === undefined || ch === ' ' || ch === '\t' || isBreak(ch);

interface Analysis {
  multiline: boolean;
  blockPlainAllowed: boolean;
  singleQuotedAllowed: boolean;
  blockAllowed: boolean;
}

/** upstream: yaml.v2 emitterc.go yaml_emitter_analyze_scalar (block context, unicode output) */
function analyze(s: string): Analysis {
  if (s === '') return { multiline: false, blockPlainAllowed: true, singleQuotedAllowed: true, blockAllowed: false };
  const chars = [...s];
  let blockIndicators = s.startsWith('---') || s.startsWith('...');
  let special = false, lineBreaks = false;
  let leadingSpace = false, leadingBreak = false, trailingSpace = false, trailingBreak = false;
  let breakSpace = false, spaceBreak = false, prevSpace = false, prevBreak = false;
  let precededByWhitespace = true;
  chars.forEach((ch, i) => {
    const followedByWhitespace = isBlankOrEnd(chars[i + 1]);
    if (i === 0) {
      if ('#,[]{}&*!|>\'"%@`'.includes(ch)) blockIndicators = true;
      else if ((ch === '?' || ch === ':' || ch === '-') && followedByWhitespace) blockIndicators = true;
    } else if ((ch === ':' && followedByWhitespace) || (ch === '#' && precededByWhitespace)) {
      blockIndicators = true;
    }
    if (!isPrintable(ch.codePointAt(0)!)) special = true;
    if (isBreak(ch)) lineBreaks = true;
    const last = i === chars.length - 1;
    if (ch === ' ') {
      if (i === 0) leadingSpace = true;
      if (last) trailingSpace = true;
      if (prevBreak) breakSpace = true;
      prevSpace = true;
      prevBreak = false;
    } else if (isBreak(ch)) {
      if (i === 0) leadingBreak = true;
      if (last) trailingBreak = true;
      if (prevSpace) spaceBreak = true;
      prevSpace = false;
      prevBreak = true;
    } else {
      prevSpace = prevBreak = false;
    }
    precededByWhitespace = isBlankOrEnd(ch);
  });
  const a: Analysis = { multiline: lineBreaks, blockPlainAllowed: true, singleQuotedAllowed: true, blockAllowed: true };
  if (leadingSpace || leadingBreak || trailingSpace || trailingBreak) a.blockPlainAllowed = false;
  if (trailingSpace) a.blockAllowed = false;
  if (breakSpace) a.blockPlainAllowed = a.singleQuotedAllowed = false;
  if (spaceBreak || special) a.blockPlainAllowed = a.singleQuotedAllowed = a.blockAllowed = false;
  if (lineBreaks || blockIndicators) a.blockPlainAllowed = false;
  return a;
}

/** The style go-yaml v2 writes a string in, as a mapping key or as a value. */
export function scalarStyle(s: string, isKey: boolean): ScalarStyle {
  let style: ScalarStyle = s.includes('\n') ? 'literal' : !resolvesAsNonString(s) && !isBase60Float(s) ? 'plain' : 'double';
  const a = analyze(s);
  if (isKey && a.multiline) style = 'double';
  if (style === 'plain' && (!a.blockPlainAllowed || (s === '' && isKey))) style = 'single';
  if (style === 'single' && !a.singleQuotedAllowed) style = 'double';
  if (style === 'literal' && (!a.blockAllowed || isKey)) style = 'double';
  return style;
}

/** The output a scalar is written to: text plus the current column, for folding. */
export interface Sink {
  text: string;
  column: number;
}

function put(out: Sink, s: string): void {
  out.text += s;
  out.column += [...s].length;
}

/**
 * Move to `indent` on a new line, as go-yaml's write_indent: no extra line
 * break when the cursor already sits at the start of a fresh line (after a
 * block scalar's last line break).
 */
export function writeIndent(out: Sink, indent: number): void {
  const fresh = out.column === 0 && out.text !== '' && isBreak(out.text.at(-1));
  out.text += (fresh ? '' : '\n') + ' '.repeat(indent);
  out.column = indent;
}

const ESCAPES: Record<string, string> = {
  '\0': '0', '\x07': 'a', '\b': 'b', '\t': 't', '\n': 'n', '\v': 'v', '\f': 'f', '\r': 'r',
  '\x1b': 'e', '"': '"', '\\': '\\', '\u0085': 'N', '\u00a0': '_', '\u2028': 'L', '\u2029': 'P',
};

function escape(ch: string): string {
  if (ESCAPES[ch] !== undefined) return '\\' + ESCAPES[ch];
  const cp = ch.codePointAt(0)!;
  const hex = cp.toString(16).toUpperCase();
  return cp <= 0xff ? '\\x' + hex.padStart(2, '0') : cp <= 0xffff ? '\\u' + hex.padStart(4, '0') : '\\U' + hex.padStart(8, '0');
}

/**
 * Write `s` in the given style: a key where the cursor is, a value after the
 * caller's `key:` or `-` (with the separating space). `indent` is where folded
 * and block lines start; keys never fold.
 */
export function writeScalar(out: Sink, s: string, style: ScalarStyle, indent: number, isKey: boolean): void {
  const chars = [...s];
  const lead = isKey ? '' : ' ';
  const fold = (i: number): boolean => !isKey && out.column > BEST_WIDTH && chars[i] === ' ';
  let spaces = false;
  switch (style) {
    case 'plain':
      put(out, lead);
      chars.forEach((ch, i) => {
        if (ch === ' ' && !spaces && fold(i) && chars[i + 1] !== ' ') writeIndent(out, indent);
        else put(out, ch);
        spaces = ch === ' ';
      });
      return;
    case 'single': {
      put(out, lead + "'");
      let breaks = false;
      chars.forEach((ch, i) => {
        if (ch === ' ') {
          if (!spaces && fold(i) && i > 0 && i < chars.length - 1 && chars[i + 1] !== ' ') writeIndent(out, indent);
          else put(out, ch);
        } else if (isBreak(ch)) {
          // Only U+2028/U+2029 get here; '\n' always makes a block or a double-quoted scalar.
          out.text += ch;
          out.column = 0;
        } else {
          if (breaks) writeIndent(out, indent);
          put(out, ch === "'" ? "''" : ch);
        }
        spaces = ch === ' ';
        breaks = isBreak(ch);
      });
      put(out, "'");
      return;
    }
    case 'double': {
      put(out, lead + '"');
      // go-yaml's is_bom looks at the start of the string, not at the current
      // character, so a string that starts with a BOM is escaped throughout.
      const bom = chars[0] === '\ufeff';
      chars.forEach((ch, i) => {
        const needsEscape = bom || !isPrintable(ch.codePointAt(0)!) || isBreak(ch) || ch === '"' || ch === '\\';
        if (needsEscape) put(out, escape(ch));
        else if (ch === ' ' && !spaces && fold(i) && i !== 0 && i !== chars.length - 1) {
          writeIndent(out, indent);
          if (chars[i + 1] === ' ') put(out, '\\');
        } else put(out, ch);
        spaces = !needsEscape && ch === ' ';
      });
      put(out, '"');
      return;
    }
    case 'literal':
      writeLiteral(out, chars, indent);
  }
}

/** upstream: yaml.v2 emitterc.go yaml_emitter_write_literal_scalar + write_block_scalar_hints */
function writeLiteral(out: Sink, chars: string[], indent: number): void {
  let hints = chars[0] === ' ' || isBreak(chars[0]) ? '2' : '';
  const last = chars.length - 1;
  if (!isBreak(chars[last])) hints += '-';
  else if (last === 0 || isBreak(chars[last - 1])) hints += '+';
  put(out, ' |' + hints);
  let atLineStart = true;
  out.text += '\n';
  out.column = 0;
  for (const ch of chars) {
    if (isBreak(ch)) {
      out.text += ch;
      out.column = 0;
      atLineStart = true;
    } else {
      if (atLineStart) writeIndent(out, indent);
      atLineStart = false;
      put(out, ch);
    }
  }
}
