// Bytes to text as go-yaml v2's reader decodes them (readerc.go
// yaml_parser_determine_encoding, yaml_parser_update_buffer).
import { describe, expect, it } from 'vitest';
import { ManifestError, decodeUtf8, parseYamlDocument } from './manifest.js';

const bytes = (...parts: Array<string | number[]>): Uint8Array =>
  Buffer.concat(parts.map((p) => (typeof p === 'string' ? Buffer.from(p, 'utf8') : Buffer.from(p))));

function decoded(b: Uint8Array): string {
  try {
    return JSON.stringify(decodeUtf8(b, 'u.yaml'));
  } catch (e) {
    if (!(e instanceof ManifestError)) throw e;
    return e.format();
  }
}

describe('decodeUtf8: valid input', () => {
  it.each<[string, Uint8Array, string]>([
    ['ASCII', bytes('a: 1\n'), 'a: 1\n'],
    ['multi-byte characters', bytes('a: é€😀\n'), 'a: é€😀\n'],
    ['tab, CR and LF', bytes('a:\t"x"\r\n'), 'a:\t"x"\r\n'],
    ['NEL, the one C1 control allowed', bytes([0x61, 0xc2, 0x85]), 'a\u0085'],
    ['U+FFFD and U+FEFF inside the text', bytes('a: \uFFFD\uFEFF'), 'a: \uFFFD\uFEFF'],
    ['the edges of the allowed ranges', bytes('\u00A0\uD7FF\uE000\uFFFD\u{10000}\u{10FFFF}'), '\u00A0\uD7FF\uE000\uFFFD\u{10000}\u{10FFFF}'],
    ['a UTF-8 byte order mark, skipped', bytes([0xef, 0xbb, 0xbf], 'a: 1\n'), 'a: 1\n'],
    ['only the first byte order mark is skipped', bytes([0xef, 0xbb, 0xbf, 0xef, 0xbb, 0xbf], 'a'), '\uFEFFa'],
    ['empty', bytes(), ''],
  ])('%s', (_name, b, text) => {
    expect(decodeUtf8(b, 'u.yaml')).toBe(text);
  });
});

describe('decodeUtf8: refused, at the line and column of the text before the bad byte', () => {
  it.each<[string, Uint8Array, string]>([
    ['a stray continuation byte', bytes('a: ', [0x80], '\n'), 'error: u.yaml:1:4: yaml: invalid leading UTF-8 octet'],
    ['0xFF', bytes('a: b\nc: ', [0xff]), 'error: u.yaml:2:4: yaml: invalid leading UTF-8 octet'],
    ['a five-byte lead', bytes('a: ', [0xf8, 0x88, 0x80, 0x80, 0x80]), 'error: u.yaml:1:4: yaml: invalid leading UTF-8 octet'],
    ['a sequence cut by the end of the file', bytes('a: ', [0xe2, 0x82]), 'error: u.yaml:1:4: yaml: incomplete UTF-8 octet sequence'],
    // go-yaml checks the length against the whole input before the trailing bytes.
    ['cut short even with a bad trailing byte', bytes('a: ', [0xf0, 0x28]), 'error: u.yaml:1:4: yaml: incomplete UTF-8 octet sequence'],
    ['a bad trailing byte', bytes('a: x', [0xe2, 0x28, 0xa1]), 'error: u.yaml:1:5: yaml: invalid trailing UTF-8 octet'],
    ['a newline as the trailing byte', bytes('a: ', [0xc3], '\nb: 1\n'), 'error: u.yaml:1:4: yaml: invalid trailing UTF-8 octet'],
    ['an overlong slash', bytes('a: ', [0xc0, 0xaf]), 'error: u.yaml:1:4: yaml: invalid length of a UTF-8 sequence'],
    ['an overlong NUL', bytes('a: ', [0xe0, 0x80, 0x80]), 'error: u.yaml:1:4: yaml: invalid length of a UTF-8 sequence'],
    ['a UTF-16 surrogate', bytes('a: ', [0xed, 0xa0, 0x80]), 'error: u.yaml:1:4: yaml: invalid Unicode character'],
    ['past U+10FFFF', bytes('a: ', [0xf4, 0x90, 0x80, 0x80]), 'error: u.yaml:1:4: yaml: invalid Unicode character'],
    ['NUL', bytes('a: x', [0x00]), 'error: u.yaml:1:5: yaml: control characters are not allowed'],
    ['another C0 control', bytes('a:\n  b: ', [0x1b], '[0m'), 'error: u.yaml:2:6: yaml: control characters are not allowed'],
    ['DEL', bytes('a: ', [0x7f]), 'error: u.yaml:1:4: yaml: control characters are not allowed'],
    ['a C1 control', bytes('a: ', [0xc2, 0x80]), 'error: u.yaml:1:4: yaml: control characters are not allowed'],
    ['U+FFFE', bytes('a: ', [0xef, 0xbf, 0xbe]), 'error: u.yaml:1:4: yaml: control characters are not allowed'],
    ['U+FFFF', bytes('a: ', [0xef, 0xbf, 0xbf]), 'error: u.yaml:1:4: yaml: control characters are not allowed'],
    ['UTF-16 without a byte order mark: its NULs', bytes([0x61, 0x00, 0x3a, 0x00]), 'error: u.yaml:1:2: yaml: control characters are not allowed'],
    // The first problem in the file wins, whatever its kind.
    ['a control before an invalid byte', bytes('a: ', [0x01, 0xff]), 'error: u.yaml:1:4: yaml: control characters are not allowed'],
    ['an invalid byte before a control', bytes('a: ', [0xff, 0x01]), 'error: u.yaml:1:4: yaml: invalid leading UTF-8 octet'],
    // Columns as the locator counts them: UTF-16 units of the text before the byte (😀 is two).
    ['after multi-byte characters', bytes('é😀: ', [0xff]), 'error: u.yaml:1:6: yaml: invalid leading UTF-8 octet'],
    ['after a byte order mark', bytes([0xef, 0xbb, 0xbf], 'a: ', [0xff]), 'error: u.yaml:1:4: yaml: invalid leading UTF-8 octet'],
    ['CR is not a line break to the locator', bytes('a: 1\rb: ', [0xff]), 'error: u.yaml:1:9: yaml: invalid leading UTF-8 octet'],
    // UTF-16 with a byte order mark is refused (see decodeUtf8).
    ['UTF-16LE', bytes([0xff, 0xfe, 0x61, 0x00]), 'error: u.yaml:1:1: cannot read UTF-16 (the file starts with a UTF-16 byte order mark): save it as UTF-8'],
    ['UTF-16BE', bytes([0xfe, 0xff, 0x00, 0x61]), 'error: u.yaml:1:1: cannot read UTF-16 (the file starts with a UTF-16 byte order mark): save it as UTF-8'],
  ])('%s', (_name, b, line) => {
    expect(decoded(b)).toBe(line);
  });

  it('takes a Uint8Array view at an offset', () => {
    const buf = Buffer.from('xxa: \xffyy', 'latin1');
    expect(decoded(buf.subarray(2, 6))).toBe('error: u.yaml:1:4: yaml: invalid leading UTF-8 octet');
  });

  it('checks a 1 MiB file quickly', () => {
    const big = Buffer.from(`a: "${'é'.repeat(500_000)}"\n`, 'utf8');
    const t0 = performance.now();
    expect(decodeUtf8(big, 'u.yaml').length).toBe(500_006);
    expect(performance.now() - t0).toBeLessThan(1000);
  });
});

describe('text given as a string: the same characters refused', () => {
  it.each<[string, string, string]>([
    ['NUL', 'a: x\u0000\n', 'error: s.yaml:1:5: yaml: control characters are not allowed'],
    ['an escape character, line 2', 'a: 1\nb: \u001b[0m\n', 'error: s.yaml:2:4: yaml: control characters are not allowed'],
    ['a C1 control', 'a: \u0090\n', 'error: s.yaml:1:4: yaml: control characters are not allowed'],
    ['U+FFFF', 'a: \uFFFF\n', 'error: s.yaml:1:4: yaml: control characters are not allowed'],
    ['a lone surrogate', 'a: \uD800x\n', 'error: s.yaml:1:4: yaml: invalid Unicode character'],
  ])('%s', (_name, text, line) => {
    let got = 'ok';
    try {
      parseYamlDocument(text, 's.yaml');
    } catch (e) {
      if (!(e instanceof ManifestError)) throw e;
      got = e.format();
    }
    expect(got).toBe(line);
  });

  it('NEL, tab and a surrogate pair are fine, and a \\0 escape is a character, not a byte', () => {
    expect(parseYamlDocument('a: "x\\0y"\nb: "\t😀\u0085"\n', 's.yaml').object).toEqual({ a: 'x\u0000y', b: '\t😀\u0085' });
  });
});
