// Quoting as Go's %q (strconv.Quote) does, and one-line messages: a name
// with a newline, a NUL or a line separator never splits an error line.
import { describe, expect, it } from 'vitest';
import { formatValue, goQuote, oneLine } from './errors.js';

describe('goQuote', () => {
  it.each([
    ['web', '"web"'],
    ['a"b\\c', '"a\\"b\\\\c"'],
    ['a\nb\tc\rd', '"a\\nb\\tc\\rd"'],
    ['\x07\x08\x0b\x0c', '"\\a\\b\\v\\f"'],
    ['a\x00b\x1b\x7f', '"a\\x00b\\x1b\\x7f"'],
    ['café ünïcode 日本 😀', '"café ünïcode 日本 😀"'],
    ['\u0085\u00a0\u2028\u2029\ufeff\ue000', '"\\u0085\\u00a0\\u2028\\u2029\\ufeff\\ue000"'],
    ['\u{f0000}', '"\\U000f0000"'],
  ])('%j → %s', (s, quoted) => expect(goQuote(s)).toBe(quoted));
});

describe('oneLine', () => {
  it('escapes what would break the line and leaves the rest', () => {
    expect(oneLine('a\nb\u2028c\x00d "e" é')).toBe('a\\nb\\u2028c\\x00d "e" é');
  });
});

describe('formatValue', () => {
  it('quotes strings, string lists and string maps as %q', () => {
    expect(formatValue('a\x00b')).toBe('"a\\x00b"');
    expect(formatValue(['x', 'y\n'])).toBe('[]string{"x", "y\\n"}');
    expect(formatValue({ b: '2', a: '1\t' })).toBe('map[string]string{"a":"1\\t", "b":"2"}');
  });
});
