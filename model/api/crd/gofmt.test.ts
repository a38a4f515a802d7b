import { describe, expect, test } from 'vitest';
import { goFloat, goSharpV, goStrings } from './gofmt.js';
import { goRegExp, goRegexpError } from './regexp.js';

describe('Go formatting', () => {
  test.each([[1, '1'], [1.5, '1.5'], [123456, '123456'], [1e6, '1e+06'], [1234567.5, '1.2345675e+06'], [0.0001, '0.0001'], [0.00001, '1e-05'], [-2.5e-7, '-2.5e-07']])(
    'goFloat(%s) = %s', (v, want) => expect(goFloat(v)).toBe(want));
  test('%#v of decoded JSON', () => {
    expect(goSharpV({ b: [1, 'x'], a: true, c: null })).toBe('map[string]interface {}{"a":true, "b":[]interface {}{1, "x"}, "c":interface {}(nil)}');
    expect([goStrings(undefined), goStrings([]), goStrings(['v1'])]).toEqual(['[]string(nil)', '[]string{}', '[]string{"v1"}']);
  });
});

describe('RE2 patterns', () => {
  test('leading flags and \\z are translated', () => {
    expect(goRegExp('(?i)^abc\\z')!.test('ABC')).toBe(true);
  });
  test.each([
    ['[a-z', 'error parsing regexp: missing closing ]: `[a-z`'],
    ['(abc', 'error parsing regexp: missing closing ): `(abc`'],
    ['abc)', 'error parsing regexp: unexpected ): `abc)`'],
    ['+', 'error parsing regexp: missing argument to repetition operator: `+`'],
    ['(?=x)', 'error parsing regexp: invalid or unsupported Perl syntax: `(?=`'],
    ['^[a-z]+$', undefined],
    ['[]a]', undefined],
  ])('goRegexpError(%s)', (p, want) => expect(goRegexpError(p)).toBe(want));
});
