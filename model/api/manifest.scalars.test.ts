// Plain scalars as kubectl reads them: go-yaml v2's resolve() (resolve.go)
// over Go's strconv, then sigs.k8s.io/yaml's JSON conversion. Every expected
// value below is what that pipeline gives, worked out from those sources.
import { describe, expect, it } from 'vitest';
import { ManifestError, parseYamlDocument } from './manifest.js';

/** The value of `v` in `v: <scalar>`, or the error line. */
function value(scalar: string): unknown {
  try {
    return (parseYamlDocument(`v: ${scalar}\n`, 's.yaml').object as { v: unknown }).v;
  } catch (e) {
    if (!(e instanceof ManifestError)) throw e;
    return e.format();
  }
}

/** The document, or the error line. */
function read(text: string): unknown {
  try {
    return parseYamlDocument(text, 's.yaml').object;
  } catch (e) {
    if (!(e instanceof ManifestError)) throw e;
    return e.format();
  }
}

describe('plain scalars that are not numbers to go-yaml stay strings', () => {
  it.each([
    // A '.' first: strconv.ParseFloat of the text as written, which wants digits and no `_`.
    '.', '.e1', '._', '.1_0', '.5.', '.5e', '..5', '.infinity', '.nAn', '.Inf_',
    // A sign first: ParseInt/ParseUint fail, and yaml_float wants a digit.
    '-.', '+.', '+', '-.e1', '+_', '-0x', '+inf', '-nan', '--1', '+-1',
    // A digit first: not an int, and not yaml_float ([-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?).
    '1e', '1e+', '1.5e', '0x', '0b', '0o', '0b2', '0o8', '0x1p3', '0xG', '08x', '1,000', '1.2.3', '1e1.5', '12:30', '190:20:30', '1_000e',
    // Overflow: ParseFloat's ErrRange (1e999 is not +Inf to go-yaml).
    '1e999', '-1e999', '.5e999', '+1e400', '0.1e400',
    // Not in resolveMap, whose words have fixed capitalisation.
    'yEs', 'tRUE', 'nULL', 'oN', 'OFf', 'inf', 'nan', 'NaN', 'Infinity', 'none', '<<',
    // Timestamps stay their text (decode.go: "for backward compatibility").
    '2001-12-14', '2001-12-14t21:59:43.10-05:00', '2001-12-14 21:59:43.10', '2001-12-14T21:59:43.10Z',
    // The first byte decides; `_` is not a digit.
    '_1', '_', 'x1', 'e5',
  ])('%j', (s) => {
    expect(value(s)).toBe(s);
  });
});

describe('plain scalars that go-yaml reads as numbers', () => {
  it.each<[string, number]>([
    // Ints: strconv.ParseInt(s without `_`, 0, 64), then ParseUint.
    ['0', 0], ['-0', 0], ['+1', 1], ['-1', -1], ['007', 7], ['0777', 511], ['0_777', 511], ['1_000', 1000], ['1__0', 10], ['1_', 1],
    ['0x1F', 31], ['0X1F', 31], ['-0x1F', -31], ['+0x1F', 31], ['0x_1F', 31], ['0_x1F', 31], ['0xff_ff', 65535],
    ['0o17', 15], ['0O17', 15], ['-0o17', -15],
    ['0b101', 5], ['0B101', 5], ['-0b101', -5], ['+0b101', 5],
    // The old binary branch: ParseInt(after "0b", 2) also takes a sign there.
    ['0b-101', -5], ['0b+101', 5],
    ['9007199254740993', 9007199254740992],
    ['9223372036854775807', 9223372036854775807],
    ['-9223372036854775808', -9223372036854775808],
    // A uint64 past int64 (kubectl's JSON decoding makes it a float64 anyway).
    ['18446744073709551615', 18446744073709551615], ['0xFFFFFFFFFFFFFFFF', 18446744073709551615],
    // Floats: yaml_float and strconv.ParseFloat.
    ['.5', 0.5], ['+.5', 0.5], ['-.5', -0.5], ['.5e3', 500], ['.5E-1', 0.05], ['1.', 1], ['0.', 0], ['1.e5', 100000],
    ['1e3', 1000], ['1E3', 1000], ['1e+3', 1000], ['1.5e-3', 0.0015], ['1_0.5', 10.5], ['1_0e1_0', 100000000000],
    // Not octal digits, so not an int: a float.
    ['09', 9], ['08.5', 8.5], ['0999', 999],
    // Past uint64, a float.
    ['18446744073709551616', 18446744073709551616], ['-9223372036854775809', -9223372036854775808],
    // Underflow is 0, without an error.
    ['1e-400', 0],
    // -0.0 prints as -0, which kubectl reads back as the integer 0.
    ['-0.0', 0], ['-0e5', 0],
  ])('%j -> %d', (s, n) => {
    const v = value(s);
    expect(v).toBe(n);
    if (n === 0) expect(Object.is(v, -0)).toBe(false);
  });
});

describe('booleans, nulls and strings', () => {
  it.each<[string, unknown]>([
    ['y', true], ['Y', true], ['yes', true], ['Yes', true], ['YES', true], ['true', true], ['True', true], ['TRUE', true], ['on', true], ['On', true], ['ON', true],
    ['n', false], ['N', false], ['no', false], ['No', false], ['NO', false], ['false', false], ['False', false], ['FALSE', false], ['off', false], ['Off', false], ['OFF', false],
    ['~', null], ['null', null], ['Null', null], ['NULL', null], ['', null],
    // Quoted and block scalars are strings, whatever they hold.
    ['"12"', '12'], ["'yes'", 'yes'], ['"~"', '~'], ['".nan"', '.nan'], ["''", ''], ['|\n  12', '12\n'], ['>-\n  0x1F', '0x1F'],
    // A multi-line plain scalar is folded first, then resolved.
    ['1\n  2', '1 2'],
  ])('%j -> %j', (s, want) => {
    expect(value(s)).toEqual(want);
  });
});

describe('explicit tags, checked as resolve() checks them', () => {
  it.each<[string, unknown]>([
    ['!!str 12', '12'], ['!!str yes', 'yes'], ['!!str ~', '~'],
    ['!!int "12"', 12], ['!!int 0x1F', 31], ["!!bool 'yes'", true], ['!!null ""', null], ['!!null ~', null],
    // An int is a !!float too.
    ['!!float 1', 1], ['!!float "0x10"', 16], ['!!float .5', 0.5],
    ['!!timestamp 2001-12-14', '2001-12-14'], ['!!timestamp 2001-12-14T21:59:43.10-05:00', '2001-12-14T21:59:43.10-05:00'],
    // The non-specific tag and unknown tags leave the text a string.
    ['! 12', '12'], ['!foo 12', '12'], ['!!foo yes', 'yes'],
    // !!binary is base64, and the bytes a Go string (invalid UTF-8 as U+FFFD in JSON).
    ['!!binary aGk=', 'hi'], ['!!binary "/w=="', '\uFFFD'], ['!!binary |\n  aGVs\n  bG8=', 'hello'],
    ['!!int abc', "error: s.yaml:1:10: yaml: cannot decode !!str `abc` as a !!int"],
    ['!!int 1.5', "error: s.yaml:1:10: yaml: cannot decode !!float `1.5` as a !!int"],
    ['!!int .nan', "error: s.yaml:1:10: yaml: cannot decode !!float `.nan` as a !!int"],
    ['!!int 2001-12-14', "error: s.yaml:1:10: yaml: cannot decode !!str `2001-12-14` as a !!int"],
    ['!!bool 1', "error: s.yaml:1:11: yaml: cannot decode !!int `1` as a !!bool"],
    ['!!null x', "error: s.yaml:1:11: yaml: cannot decode !!str `x` as a !!null"],
    ['!!float 18446744073709551615', "error: s.yaml:1:12: yaml: cannot decode !!int `18446744073709551615` as a !!float"],
    ['!!timestamp 2001-02-29', "error: s.yaml:1:16: yaml: cannot decode !!str `2001-02-29` as a !!timestamp"],
    ['!!timestamp 2001-12-14T21:59:43', "error: s.yaml:1:16: yaml: cannot decode !!str `2001-12-14T21:59:43` as a !!timestamp"],
    ['!!binary hunter2', 'error: s.yaml:1:13: yaml: !!binary value contains invalid base64 data'],
  ])('%j -> %j', (s, want) => {
    expect(value(s)).toEqual(want);
  });
});

describe('NaN and infinities: json.Marshal refuses them', () => {
  it.each<[string, string, unknown]>([
    ['.nan', 'v: .nan\n', 'error: s.yaml:1:4: json: unsupported value: NaN'],
    ['.NaN', 'v: .NaN\n', 'error: s.yaml:1:4: json: unsupported value: NaN'],
    ['.Inf', 'v: .Inf\n', 'error: s.yaml:1:4: json: unsupported value: +Inf'],
    ['+.INF', 'v: +.INF\n', 'error: s.yaml:1:4: json: unsupported value: +Inf'],
    ['-.inf in a sequence', 'v: [1, -.inf]\n', 'error: s.yaml:1:8: json: unsupported value: -Inf'],
    ['as !!float', 'v: !!float .nan\n', 'error: s.yaml:1:12: json: unsupported value: NaN'],
    // json.Marshal sorts map keys, so the first in that order is the one refused.
    ['the first in sorted key order', 'b: .nan\na: -.inf\n', 'error: s.yaml:2:4: json: unsupported value: -Inf'],
    ['sorted bytewise', 'é: .nan\nz: .inf\n', 'error: s.yaml:2:4: json: unsupported value: +Inf'],
    ['through an alias', 'a: &x {k: 1}\nb: [*x, &y .inf]\nc: *y\n', 'error: s.yaml:2:12: json: unsupported value: +Inf'],
    // Only what reaches the JSON counts: a merged value overridden by the map's own key is gone.
    ['overridden in a merge', 'm:\n  <<: {a: .nan}\n  a: 1\n', { m: { a: 1 } }],
    ['quoted', 'v: ".nan"\n', { v: '.nan' }],
    // Decoding errors come before the JSON conversion.
    ['after a decoding error', 'a: .nan\nb: *nope\n', "error: s.yaml:2:4: yaml: unknown anchor 'nope' referenced"],
  ])('%s', (_name, text, want) => {
    expect(read(text)).toEqual(want);
  });
});

describe('map keys: as sigs.k8s.io/yaml names them in JSON', () => {
  it.each<[string, string, unknown]>([
    ['an int', '1: a\n', { 1: 'a' }],
    ['a hex int, in decimal', '0x1F: a\n', { 31: 'a' }],
    ['an octal int', '010: a\n', { 8: 'a' }],
    ['an int64, exactly', '9223372036854775807: a\n', { '9223372036854775807': 'a' }],
    ['a bool', 'yes: a\nOff: b\n', { true: 'a', false: 'b' }],
    // strconv.FormatFloat(f, 'g', -1, 32): float32 digits, exponent from 1e6 or below 1e-4.
    ['a float', '1.5: a\n', { '1.5': 'a' }],
    ['a float with float32 digits', '3.14159265358979: a\n', { '3.1415927': 'a' }],
    ['0.1', '0.1: a\n', { '0.1': 'a' }],
    ['a whole float', '123456.0: a\n', { 123456: 'a' }],
    ['1e6', '1e6: a\n', { '1e+06': 'a' }],
    ['1234567.0', '1234567.0: a\n', { '1.234567e+06': 'a' }],
    ['1e-5', '0.00001: a\n', { '1e-05': 'a' }],
    ['0.0001', '0.0001: a\n', { '0.0001': 'a' }],
    ['-0.0', '-0.0: a\n', { '-0': 'a' }],
    ['a float past float32', '1e300: a\n', { '.inf': 'a' }],
    ['.nan', '.nan: a\n', { '.nan': 'a' }],
    ['+.inf', '+.inf: a\n', { '.inf': 'a' }],
    ['-.Inf', '-.Inf: a\n', { '-.inf': 'a' }],
    ['!!binary', '!!binary aGk=: a\n', { hi: 'a' }],
    ['a timestamp', '2001-12-14: a\n', { '2001-12-14': 'a' }],
    ['null', '~: a\n', 'error: s.yaml:1:1: error converting YAML to JSON: unsupported map key of type: <nil>'],
    ['a uint64', '18446744073709551615: a\n', 'error: s.yaml:1:1: error converting YAML to JSON: unsupported map key of type: uint64'],
    ['two spellings of one key', '1: a\n0x1: b\n', 'error: s.yaml:2:1: yaml: unmarshal errors: line 2: mapping key "1" already defined at line 1'],
  ])('%s', (_name, text, want) => {
    expect(read(text)).toEqual(want);
  });

  it('are found by the locator under their JSON names', () => {
    const d = parseYamlDocument('0x1F:\n  yes: 1\n1e6: {b: 2}\n', 's.yaml');
    expect(d.object).toEqual({ 31: { true: 1 }, '1e+06': { b: 2 } });
    expect(d.locate('31.true')).toEqual({ line: 2, col: 3 });
    expect(d.locate('["1e+06"].b')).toEqual({ line: 3, col: 7 });
  });
});
