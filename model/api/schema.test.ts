import { describe, expect, it } from 'vitest';
import schemaJson from './schema.generated.json' with { type: 'json' };
import { KINDS } from './kinds.js';
import { base64Error, checkSchema, exactIntegerOf, exactIntegersIn, goJSON, recordExactInteger, timeError } from './schema.js';
import type { KubeObject } from './types.js';

const obj = (kind: string, apiVersion: string, rest: Record<string, unknown> = {}): KubeObject =>
  ({ apiVersion, kind, metadata: { name: 'x' }, ...rest }) as KubeObject;
const deploy = (spec: Record<string, unknown>) => obj('Deployment', 'apps/v1', { spec });
const pod = (spec: Record<string, unknown>) => obj('Pod', 'v1', { spec });
const D = 'Deployment in version "v1" cannot be handled as a Deployment: ';
const P = 'Pod in version "v1" cannot be handled as a Pod: ';

describe('the generated schema', () => {
  it('has a type for every kind the model serves, with Go names', () => {
    for (const k of KINDS) expect(schemaJson.types).toHaveProperty(schemaJson.kinds[k.kind as keyof typeof schemaJson.kinds]);
    expect(schemaJson.types.DeploymentSpec.replicas).toBe('int32');
    expect(schemaJson.types.PodSpec.terminationGracePeriodSeconds).toBe('int64');
    expect(schemaJson.types.RollingUpdateDeployment.maxSurge).toBe('IntOrString');
    expect(schemaJson.types.ResourceRequirements.limits).toBe('map[string]Quantity');
    expect(schemaJson.types.Secret.data).toBe('map[string]bytes');
  });
});

describe('checkSchema', () => {
  const cases: Array<[string, KubeObject, { path: string; message: string } | null]> = [
    ['a valid object', deploy({ replicas: 3, selector: { matchLabels: { app: 'a' } }, strategy: { rollingUpdate: { maxSurge: '25%', maxUnavailable: 0 } } }), null],
    ['null anywhere', deploy({ replicas: null, template: { spec: { containers: null } } }), null],
    ['status per schema', obj('Deployment', 'apps/v1', { status: { replicas: 1, conditions: [{ type: 'Available', lastUpdateTime: '2017-03-11T00:00:00Z' }] } }), null],
    ['a kind the model does not serve', obj('Widget', 'example.com/v1', { spec: { anything: 1 } }), null],
    ['unknown fields, all of them, sorted', deploy({ zeta: 1, alpha: 2, template: { spec: { containers: [{ name: 'a' }, { name: 'b', imagePullPolice: 'x' }] } } }),
      { path: 'spec.alpha', message: `${D}strict decoding error: unknown field "spec.alpha", unknown field "spec.template.spec.containers[1].imagePullPolice", unknown field "spec.zeta"` }],
    ['an inherited name is still unknown', obj('Pod', 'v1', { metadata: { name: 'x', constructor: 1, toString: 2 } }),
      { path: 'metadata.constructor', message: `${P}strict decoding error: unknown field "metadata.constructor", unknown field "metadata.toString"` }],
    ['a type error wins over unknown fields', deploy({ aaa: 1, replicas: 'three' }),
      { path: 'spec.replicas', message: `${D}json: cannot unmarshal string into Go struct field DeploymentSpec.spec.replicas of type int32` }],
    ['the first type error, in sorted order', deploy({ revisionHistoryLimit: true, paused: 'no' }),
      { path: 'spec.paused', message: `${D}json: cannot unmarshal string into Go struct field DeploymentSpec.spec.paused of type bool` }],
    ['a fraction into an int', deploy({ replicas: 1.5 }),
      { path: 'spec.replicas', message: `${D}json: cannot unmarshal number 1.5 into Go struct field DeploymentSpec.spec.replicas of type int32` }],
    ['int32 overflow', deploy({ replicas: 2 ** 31 }),
      { path: 'spec.replicas', message: `${D}json: cannot unmarshal number 2147483648 into Go struct field DeploymentSpec.spec.replicas of type int32` }],
    ['an int64 holds it', pod({ activeDeadlineSeconds: 2 ** 40 }), null],
    ['a struct given a string', deploy({ template: 'x' }),
      { path: 'spec.template', message: `${D}json: cannot unmarshal string into Go struct field DeploymentSpec.spec.template of type v1.PodTemplateSpec` }],
    ['an array given an object', pod({ containers: { name: 'a' } }),
      { path: 'spec.containers', message: `${P}json: cannot unmarshal object into Go struct field PodSpec.spec.containers of type []v1.Container` }],
    ['an array item given a string', pod({ containers: ['a'] }),
      { path: 'spec.containers[0]', message: `${P}json: cannot unmarshal string into Go struct field PodSpec.spec.containers of type v1.Container` }],
    ['a map value, no index in Go\'s path', obj('Pod', 'v1', { metadata: { name: 'x', labels: { app: 1 } } }),
      { path: 'metadata.labels[app]', message: `${P}json: cannot unmarshal number into Go struct field ObjectMeta.metadata.labels of type string` }],
    ['a ResourceList given a string', pod({ containers: [{ name: 'a', resources: { limits: 'lots' } }] }),
      { path: 'spec.containers[0].resources.limits', message: `${P}json: cannot unmarshal string into Go struct field ResourceRequirements.spec.containers.resources.limits of type v1.ResourceList` }],
    ['IntOrString given a bool', deploy({ strategy: { rollingUpdate: { maxSurge: true } } }),
      { path: 'spec.strategy.rollingUpdate.maxSurge', message: `${D}json: cannot unmarshal bool into Go struct field RollingUpdateDeployment.spec.strategy.rollingUpdate.maxSurge of type int32` }],
    ['a bad quantity stops decoding, beating an earlier saved error', pod({ containers: [{ name: 'a', resources: { limits: { cpu: '1.5.5' } } }], activeDeadlineSeconds: 'x' }),
      { path: 'spec.containers[0].resources.limits[cpu]', message: `${P}quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'` }],
    ['a bad quantity suffix', pod({ containers: [{ name: 'a', resources: { requests: { memory: '1GG' } } }] }),
      { path: 'spec.containers[0].resources.requests[memory]', message: `${P}unable to parse quantity's suffix` }],
    ['numeric quantities are fine', pod({ containers: [{ name: 'a', resources: { requests: { cpu: 0.5, memory: '1Gi' } } }] }), null],
    ['a bad timestamp', obj('Pod', 'v1', { metadata: { name: 'x', creationTimestamp: 'yesterday' } }),
      { path: 'metadata.creationTimestamp', message: `${P}parsing time "yesterday" as "2006-01-02T15:04:05Z07:00": cannot parse "yesterday" as "2006"` }],
    ['a timestamp given a number', obj('Pod', 'v1', { metadata: { name: 'x', creationTimestamp: 5 } }),
      { path: 'metadata.creationTimestamp', message: `${P}json: cannot unmarshal number into Go struct field ObjectMeta.metadata.creationTimestamp of type string` }],
    ['Secret data that is not base64', obj('Secret', 'v1', { data: { password: 'hunter2' } }),
      { path: 'data[password]', message: 'Secret in version "v1" cannot be handled as a Secret: illegal base64 data at input byte 4' }],
    ['Secret data that is', obj('Secret', 'v1', { data: { password: 'aHVudGVyMg==' }, stringData: { x: 'y' } }), null],
    ['raw data is anything', obj('ControllerRevision', 'apps/v1', { data: { spec: { anything: [1, 'x'] } }, revision: 1 }), null],
    ['missing kind', { apiVersion: 'v1', metadata: { name: 'x' } } as unknown as KubeObject,
      { path: '', message: `Object 'Kind' is missing in '{"apiVersion":"v1","metadata":{"name":"x"}}'` }],
    ['a kind that is not a string', { apiVersion: 'v1', kind: 3 } as unknown as KubeObject,
      { path: 'kind', message: `Object 'Kind' is missing in '{"apiVersion":"v1","kind":3}'` }],
    ['missing apiVersion', { kind: 'Pod' } as unknown as KubeObject, { path: '', message: `Object 'apiVersion' is missing in '{"kind":"Pod"}'` }],
  ];
  it.each(cases)('%s', (_name, o, want) => {
    expect(checkSchema(o)).toEqual(want);
  });
});

describe('Go renderings', () => {
  it('goJSON sorts keys and escapes HTML like json.Marshal', () => {
    expect(goJSON({ b: ['<a&b>'], a: { d: 1, c: null } })).toBe('{"a":{"c":null,"d":1},"b":["\\u003ca\\u0026b\\u003e"]}');
  });

  it.each([
    ['', undefined], ['aGVsbG8=', undefined], ['aGVs\nbG8=', undefined], ['hunter2', 4], ['ab=c', 2],
    ['abc=x', 4], ['a===', 1], ['ab$d', 2], ['abcde', 4], ['ab==', undefined], ['ab=', 3],
  ])('base64 %j -> %s', (input, at) => {
    expect(base64Error(input)).toBe(at);
  });

  it.each([
    ['2017-03-11T00:00:00Z', null],
    ['2017-03-11T00:00:00.123+01:00', null],
    ['2017-03-11T9:00:00Z', null],
    ['2017-02-29T00:00:00Z', 'parsing time "2017-02-29T00:00:00Z": day out of range'],
    ['2017-03-11 00:00:00Z', 'parsing time "2017-03-11 00:00:00Z" as "2006-01-02T15:04:05Z07:00": cannot parse " 00:00:00Z" as "T"'],
    ['2017-03-11T25:00:00Z', 'parsing time "2017-03-11T25:00:00Z": hour out of range'],
    ['2017-03-11T00:00:00', 'parsing time "2017-03-11T00:00:00" as "2006-01-02T15:04:05Z07:00": cannot parse "" as "Z07:00"'],
    ['2017-03-11T00:00:00Zjunk', 'parsing time "2017-03-11T00:00:00Zjunk": extra text: "junk"'],
  ])('time %j', (input, want) => {
    expect(timeError(input)).toBe(want);
  });

  it('MicroTime wants six fractional digits', () => {
    expect(timeError('2017-03-11T00:00:00.000000Z', true)).toBeNull();
    expect(timeError('2017-03-11T00:00:00Z', true)).toBe(
      'parsing time "2017-03-11T00:00:00Z" as "2006-01-02T15:04:05.000000Z07:00": cannot parse "Z" as ".000000"');
  });
});

describe('numbers: judged by the JSON text the API server reads', () => {
  const ads = (v: number) => pod({ activeDeadlineSeconds: v });
  const I64 = (text: string) => ({ path: 'spec.activeDeadlineSeconds', message: `${P}json: cannot unmarshal number ${text} into Go struct field PodSpec.spec.activeDeadlineSeconds of type int64` });
  it.each<[string, KubeObject, { path: string; message: string } | null]>([
    // Go prints a float64 as JS prints a number.
    ['2^63 prints past int64', ads(2 ** 63), I64('9223372036854776000')],
    ['-2^63 too', ads(-(2 ** 63)), I64('-9223372036854776000')],
    ['the largest double below 2^63', ads(9223372036854774784), null],
    ['1e21 in exponent form', ads(1e21), I64('1e+21')],
    ['a fraction', ads(0.5), I64('0.5')],
    ['-0 prints as 0', ads(-0), null],
    ['NaN', ads(NaN), I64('NaN')],
    ['int32 bounds', deploy({ replicas: -(2 ** 31) }), null],
    ['below int32', deploy({ replicas: -(2 ** 31) - 1 }),
      { path: 'spec.replicas', message: `${D}json: cannot unmarshal number -2147483649 into Go struct field DeploymentSpec.spec.replicas of type int32` }],
  ])('%s', (_name, o, want) => {
    expect(checkSchema(o)).toEqual(want);
  });
});

describe('exact integers', () => {
  it('recorded beside an object: used while the value is unchanged', () => {
    const spec: Record<string, unknown> = { activeDeadlineSeconds: 2 ** 63 };
    recordExactInteger(spec, 'activeDeadlineSeconds', 2 ** 63, '9223372036854775807');
    expect(exactIntegerOf(spec, 'activeDeadlineSeconds')).toBe('9223372036854775807');
    expect(checkSchema(obj('Pod', 'v1', { spec }))).toBeNull();
    spec.activeDeadlineSeconds = 2 ** 64;
    expect(exactIntegerOf(spec, 'activeDeadlineSeconds')).toBeUndefined();
    spec.activeDeadlineSeconds = 2 ** 63;
    recordExactInteger(spec, 'activeDeadlineSeconds', 2 ** 63, undefined);
    expect(exactIntegerOf(spec, 'activeDeadlineSeconds')).toBeUndefined();
  });

  it('recorded in arrays by index, and listed by path', () => {
    const tolerations = [{ key: 'a', tolerationSeconds: 1 }, { key: 'b', tolerationSeconds: 2 ** 63 }];
    recordExactInteger(tolerations[1], 'tolerationSeconds', 2 ** 63, '9223372036854775807');
    const list = [2 ** 60];
    recordExactInteger(list, 0, 2 ** 60, '1152921504606846976');
    const o = pod({ tolerations, x: { 'a.b': list } });
    expect([...exactIntegersIn(o)].sort()).toEqual([
      ['spec.tolerations[1].tolerationSeconds', '9223372036854775807'],
      ['spec.x["a.b"][0]', '1152921504606846976'],
    ]);
  });

  const ADS = (text: string) => ({ path: 'spec.activeDeadlineSeconds', message: `${P}json: cannot unmarshal number ${text} into Go struct field PodSpec.spec.activeDeadlineSeconds of type int64` });
  it.each<[string, KubeObject, Record<string, string>, { path: string; message: string } | null]>([
    ['given by path: in range', pod({ activeDeadlineSeconds: 2 ** 63 }), { 'spec.activeDeadlineSeconds': '9223372036854775807' }, null],
    ['a leading dot', pod({ activeDeadlineSeconds: 2 ** 63 }), { '.spec.activeDeadlineSeconds': '9223372036854775807' }, null],
    ['given by path: out of range, its digits in the message', pod({ activeDeadlineSeconds: 2 ** 63 }), { 'spec.activeDeadlineSeconds': '9223372036854775808' }, ADS('9223372036854775808')],
    ['ignored when it is not the number there', pod({ activeDeadlineSeconds: 2 ** 63 }), { 'spec.activeDeadlineSeconds': '9223372036854770000' }, ADS('9223372036854776000')],
    ['ignored when it is not an integer', pod({ activeDeadlineSeconds: 2 ** 63 }), { 'spec.activeDeadlineSeconds': '9.223372036854775807e18' }, ADS('9223372036854776000')],
    ['in arrays', pod({ containers: [{ name: 'a', ports: [{ containerPort: 2 ** 53 }] }] }), { 'spec.containers[0].ports[0].containerPort': '9007199254740993' },
      { path: 'spec.containers[0].ports[0].containerPort', message: `${P}json: cannot unmarshal number 9007199254740993 into Go struct field ContainerPort.spec.containers.ports.containerPort of type int32` }],
    ['IntOrString', deploy({ strategy: { rollingUpdate: { maxSurge: 2 ** 53 } } }), { 'spec.strategy.rollingUpdate.maxSurge': '9007199254740993' },
      { path: 'spec.strategy.rollingUpdate.maxSurge', message: `${D}json: cannot unmarshal number 9007199254740993 into Go struct field RollingUpdateDeployment.spec.strategy.rollingUpdate.maxSurge of type int32` }],
    ['a Quantity parses them', pod({ containers: [{ name: 'a', resources: { limits: { cpu: 2 ** 63 } } }] }), { 'spec.containers[0].resources.limits[cpu]': '9223372036854775807' }, null],
    ['a map key in brackets or after a dot', pod({ containers: [{ name: 'a', resources: { limits: { cpu: 2 ** 63 } } }] }), { 'spec.containers[0].resources.limits.cpu': '9223372036854775807' }, null],
  ])('%s', (_name, o, exact, want) => {
    expect(checkSchema(o, new Map(Object.entries(exact)))).toEqual(want);
  });
});
