import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { toJson, toYaml, yamlKeyOrder } from './yaml.js';

// Goldens under testdata/ were recorded with kubectl v1.32.4 from the matching
// *.input.json: `kubectl label --local -f X.input.json <its own label> --overwrite -o yaml|json`,
// which prints through the same printers as `kubectl get -o yaml|json`. They
// are kubectl's output, not ours: never regenerate them from this code.
const testdata = (name: string): string => readFileSync(new URL(`./testdata/${name}`, import.meta.url), 'utf8');
const input = (name: string): unknown => JSON.parse(testdata(`${name}.input.json`));

describe('toYaml / toJson match kubectl', () => {
  it.each(['pod', 'scalars', 'keys'])('%s as -o yaml', (name) => {
    expect(toYaml(input(name))).toBe(testdata(`${name}.kubectl.yaml`));
  });

  it.each(['pod', 'scalars', 'keys'])('%s as -o json', (name) => {
    expect(toJson(input(name))).toBe(testdata(`${name}.kubectl.json`));
  });
});

describe('toYaml', () => {
  it('quotes what YAML 1.1 would read as something else, and folds past column 80', () => {
    const out = toYaml({ a: 'true', b: '0755', c: 'a: b', d: '2024-05-01T10:00:00Z', e: 'x'.repeat(70) + ' tail words here' });
    expect(out).toBe([
      'a: "true"',
      'b: "0755"',
      "c: 'a: b'",
      'd: "2024-05-01T10:00:00Z"',
      `e: ${'x'.repeat(70)} tail words`,
      '  here',
      '',
    ].join('\n'));
  });

  it('writes sequences level with their key, and empty collections in flow style', () => {
    expect(toYaml({ spec: { list: [{ a: 1, b: [] }, [1, 2], {}], map: {} } })).toBe([
      'spec:',
      '  list:',
      '  - a: 1',
      '    b: []',
      '  - - 1',
      '    - 2',
      '  - {}',
      '  map: {}',
      '',
    ].join('\n'));
  });

  it('writes numbers as go-yaml formats what it decoded from JSON', () => {
    expect(toYaml({ a: 1.5, b: 1234567.5, c: 0.00001, d: 100000.5, e: 123456789012, f: null, g: false })).toBe(
      'a: 1.5\nb: 1.2345675e+06\nc: 1e-05\nd: 100000.5\ne: 123456789012\nf: null\ng: false\n',
    );
  });

  it('writes a multi-line or long key as an explicit ? key', () => {
    const long = 'k'.repeat(129);
    expect(toYaml({ [long]: 'v', 'two\nlines': 'w' })).toBe(`? ${long}\n: v\n? |-\n  two\n  lines\n: w\n`);
  });

  it('leaves out managedFields unless asked', () => {
    const pod = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'a', managedFields: [{ manager: 'x' }] } };
    expect(toYaml(pod)).not.toContain('managedFields');
    expect(toYaml(pod, { showManagedFields: true })).toContain('managedFields:\n  - manager: x\n');
    const list = { apiVersion: 'v1', kind: 'List', items: [pod], metadata: {} };
    expect(toJson(list)).not.toContain('managedFields');
  });

  it('drops undefined fields as JSON would', () => {
    expect(toYaml({ a: undefined, b: 1 })).toBe('b: 1\n');
    expect(toJson({ a: undefined, b: 1 })).toBe('{\n    "b": 1\n}\n');
  });
});

describe('yamlKeyOrder', () => {
  it('sorts like go-yaml v2: non-letters first, digit runs by value, upper before lower case', () => {
    const keys = ['app', 'a10', 'a9', 'Zeta', 'a.b', 'a-b', 'a_b', 'A', 'app2', 'app.kubernetes.io/name'];
    expect(keys.sort(yamlKeyOrder)).toEqual(['A', 'Zeta', 'a-b', 'a.b', 'a_b', 'a9', 'a10', 'app', 'app.kubernetes.io/name', 'app2']);
  });
});

describe('toJson', () => {
  it('escapes HTML characters as encoding/json does', () => {
    expect(toJson({ m: '<none> & >' })).toBe('{\n    "m": "\\u003cnone\\u003e \\u0026 \\u003e"\n}\n');
  });

  it('sorts keys by bytes, unlike JavaScript objects', () => {
    expect(toJson({ b: 1, 10: 2, 9: 3 })).toBe('{\n    "10": 2,\n    "9": 3,\n    "b": 1\n}\n');
  });
});
