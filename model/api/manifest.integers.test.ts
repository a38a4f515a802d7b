// Integers kept exact from the file to the strict decoder. kubectl keeps an
// int64 exact all the way to the API server (go-yaml int, sigs.k8s.io/yaml
// json.Marshal, apimachinery's PreserveInts decoding); an integer past int64
// becomes a float64 in kubectl, so the server sees the float's digits.
import { describe, expect, it } from 'vitest';
import { ManifestError, parseManifests, parseYamlDocument } from './manifest.js';
import { checkSchema } from './schema.js';

const P = 'Pod in version "v1" cannot be handled as a Pod: ';
const D = 'Deployment in version "v1" cannot be handled as a Deployment: ';

const pod = (spec: string) => `apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n${spec}`;
const toleration = (seconds: string) => pod(`  containers: [{name: a, image: x}]\n  tolerations:\n  - {key: k, operator: Exists, effect: NoExecute, tolerationSeconds: ${seconds}}\n`);
const deployment = (spec: string) => `apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: d}\nspec:\n${spec}`;

function errorLine(text: string): string {
  try {
    parseManifests(text, 'i.yaml');
    return 'ok';
  } catch (e) {
    if (!(e instanceof ManifestError)) throw e;
    return e.format();
  }
}

describe('int64 fields', () => {
  const TS = 'json: cannot unmarshal number %s into Go struct field Toleration.spec.tolerations.tolerationSeconds of type int64';
  it.each<[string, string]>([
    ['9223372036854775807', 'ok'],
    ['-9223372036854775808', 'ok'],
    ['0x7FFFFFFFFFFFFFFF', 'ok'],
    ['9_223_372_036_854_775_807', 'ok'],
    ['9007199254740993', 'ok'],
    // Within int64 as a float64's JSON text (9.2e18 prints as 9200000000000000000).
    ['9.2e18', 'ok'],
    // Past int64: a uint64 to go-yaml, a float64 to kubectl, printed with the float's digits.
    ['9223372036854775808', TS.replace('%s', '9223372036854776000')],
    ['18446744073709551615', TS.replace('%s', '18446744073709552000')],
    // A float: -2^63 as a float64 prints as -9223372036854776000, out of int64.
    ['-9223372036854775809', TS.replace('%s', '-9223372036854776000')],
    ['1e19', TS.replace('%s', '10000000000000000000')],
    ['1e21', TS.replace('%s', '1e+21')],
    ['1.5', TS.replace('%s', '1.5')],
  ])('tolerationSeconds: %s', (seconds, want) => {
    expect(errorLine(toleration(seconds))).toBe(want === 'ok' ? 'ok' : `error: i.yaml:7:51: ${P}${want}`);
  });

  it('keeps the number in the object and the digits beside it', () => {
    const [doc] = parseManifests(toleration('9223372036854775807'), 'i.yaml');
    const t = (doc.object.spec as { tolerations: Array<{ tolerationSeconds: number }> }).tolerations[0];
    expect(t.tolerationSeconds).toBe(2 ** 63);
    expect(t.tolerationSeconds - 1).toBe(2 ** 63); // still a number for the model's arithmetic
    expect(JSON.stringify(t)).toContain('"tolerationSeconds":9223372036854776000');
    expect([...doc.exactIntegers]).toEqual([['spec.tolerations[0].tolerationSeconds', '9223372036854775807']]);
    expect(doc.locate([...doc.exactIntegers.keys()][0])).toEqual({ line: 7, col: 51 });
  });

  it('records nothing a number holds exactly', () => {
    const [doc] = parseManifests(toleration('9007199254740992'), 'i.yaml');
    expect(doc.exactIntegers.size).toBe(0);
  });

  it('follows aliases and merges', () => {
    const text = pod('  containers: [{name: a, image: x}]\n  <<: {activeDeadlineSeconds: 9223372036854775807}\n  tolerations:\n  - &t {key: k, operator: Exists, tolerationSeconds: 9223372036854775807}\n  - *t\n');
    const [doc] = parseManifests(text, 'i.yaml');
    expect([...doc.exactIntegers].sort()).toEqual([
      ['spec.activeDeadlineSeconds', '9223372036854775807'],
      ['spec.tolerations[0].tolerationSeconds', '9223372036854775807'],
      ['spec.tolerations[1].tolerationSeconds', '9223372036854775807'],
    ]);
  });

  it('forgets a merged record when the map overrides the key', () => {
    const text = pod('  containers: [{name: a, image: x}]\n  <<: {activeDeadlineSeconds: 9223372036854775807}\n  activeDeadlineSeconds: 9223372036854775808\n');
    expect(errorLine(text)).toBe(`error: i.yaml:7:3: ${P}json: cannot unmarshal number 9223372036854776000 into Go struct field PodSpec.spec.activeDeadlineSeconds of type int64`);
  });
});

describe('int32 and IntOrString fields: the exact digits in the message', () => {
  it.each<[string, string, string]>([
    ['replicas past 2^53', deployment('  replicas: 9007199254740993\n'),
      `error: i.yaml:5:3: ${D}json: cannot unmarshal number 9007199254740993 into Go struct field DeploymentSpec.spec.replicas of type int32`],
    ['replicas just past int32', deployment('  replicas: 0x80000000\n'),
      `error: i.yaml:5:3: ${D}json: cannot unmarshal number 2147483648 into Go struct field DeploymentSpec.spec.replicas of type int32`],
    ['maxSurge', deployment('  strategy: {rollingUpdate: {maxSurge: 9223372036854775807}}\n'),
      `error: i.yaml:5:30: ${D}json: cannot unmarshal number 9223372036854775807 into Go struct field RollingUpdateDeployment.spec.strategy.rollingUpdate.maxSurge of type int32`],
  ])('%s', (_name, text, want) => {
    expect(errorLine(text)).toBe(want);
  });
});

describe('the record and its users', () => {
  const text = pod('  containers: [{name: a, image: x}]\n  activeDeadlineSeconds: 9223372036854775807\n');

  it('checkSchema finds it on the object the reader made', () => {
    const [doc] = parseManifests(text, 'i.yaml');
    expect(checkSchema(doc.object)).toBeNull();
  });

  it('a copy needs the paths passed', () => {
    const [doc] = parseManifests(text, 'i.yaml');
    const copy = structuredClone(doc.object);
    expect(checkSchema(copy)?.message).toBe(`${P}json: cannot unmarshal number 9223372036854776000 into Go struct field PodSpec.spec.activeDeadlineSeconds of type int64`);
    expect(checkSchema(copy, doc.exactIntegers)).toBeNull();
  });

  it('is not used once the value changed', () => {
    const [doc] = parseManifests(text, 'i.yaml');
    (doc.object.spec as Record<string, unknown>).activeDeadlineSeconds = 2 ** 64;
    expect(checkSchema(doc.object)?.message).toBe(`${P}json: cannot unmarshal number 18446744073709552000 into Go struct field PodSpec.spec.activeDeadlineSeconds of type int64`);
    expect(checkSchema(doc.object, doc.exactIntegers)?.message).toContain('number 18446744073709552000 ');
  });

  it('is relative to each item of a List', () => {
    const list = 'apiVersion: v1\nkind: List\nitems:\n- apiVersion: v1\n  kind: Pod\n  metadata: {name: a}\n  spec: {activeDeadlineSeconds: 9223372036854775807}\n';
    const [doc] = parseManifests(list, 'l.yaml');
    expect([...doc.exactIntegers]).toEqual([['spec.activeDeadlineSeconds', '9223372036854775807']]);
    expect(doc.locate('spec.activeDeadlineSeconds')).toEqual({ line: 7, col: 10 });
  });

  it('scenario documents carry it from their root, and inline objects check by themselves', () => {
    const d = parseYamlDocument(`steps:\n- apply:\n    ${text.replace(/\n/g, '\n    ')}`, 's.yaml');
    expect([...d.exactIntegers]).toEqual([['steps[0].apply.spec.activeDeadlineSeconds', '9223372036854775807']]);
    const inline = (d.object as { steps: Array<{ apply: Parameters<typeof checkSchema>[0] }> }).steps[0].apply;
    expect(checkSchema(inline)).toBeNull();
  });

  it('names awkward keys so that the locator reads them back', () => {
    const d = parseYamlDocument('a.b: {"x[0]": [9223372036854775807], "": 9007199254740993, "q\\"": 9007199254740995}\n', 's.yaml');
    expect([...d.exactIntegers].sort()).toEqual([
      ['["a.b"][""]', '9007199254740993'],
      ['["a.b"]["q\\""]', '9007199254740995'],
      ['["a.b"]["x[0]"][0]', '9223372036854775807'],
    ]);
    expect(d.locate('["a.b"]["x[0]"][0]')).toEqual({ line: 1, col: 16 });
  });
});
