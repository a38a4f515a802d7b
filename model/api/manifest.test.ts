import { describe, expect, it } from 'vitest';
import { MAX_DEPTH, MAX_MANIFEST_BYTES, ManifestError, parseManifests, parseYamlDocument } from './manifest.js';

/** The one line the CLI would print for `text`, or 'ok'. */
function errorLine(text: string, file = 'web.yaml'): string {
  try {
    parseManifests(text, file);
    return 'ok';
  } catch (e) {
    if (!(e instanceof ManifestError)) throw e;
    return e.format();
  }
}

const DEPLOYMENT = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  labels:
    app: web
    app.kubernetes.io/name: web
spec:
  replicas: 3
  selector:
    matchLabels: {app: web}
  template:
    metadata:
      labels: {app: web}
    spec:
      containers:
      - name: web
        image: nginx:1.25
        ports:
        - containerPort: 80
      - name: sidecar
        image: "busybox"
`;

const BILLION_LAUGHS = `a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]
b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]
c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]
d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]
e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]
f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]
g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]
h: &h [*g,*g,*g,*g,*g,*g,*g,*g,*g]
i: &i [*h,*h,*h,*h,*h,*h,*h,*h,*h]
`;

const pod = (body: string) => `apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n${body}`;

describe('bad input: one line, FILE:LINE:COL, in the API server\'s or kubectl\'s words', () => {
  const cases: Array<[string, string, string]> = [
    ['malformed YAML', 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web: x\n',
      'error: web.yaml:4:9: yaml: line 4: mapping values are not allowed in this context'],
    ['tab indentation', 'metadata:\n\tname: web\n', 'error: web.yaml:2:1: yaml: line 2: found character that cannot start any token'],
    ['unterminated quote', 'kind: "Pod\n', 'error: web.yaml:2:1: yaml: line 2: found unexpected end of stream'],
    ['unknown field, at its key', DEPLOYMENT.replace('  selector:', '  seletor:'),
      'error: web.yaml:10:3: Deployment in version "v1" cannot be handled as a Deployment: strict decoding error: unknown field "spec.seletor"'],
    ['every unknown field, in kubectl\'s sorted key order', DEPLOYMENT.replace('        image: nginx', '        imagePullPolice: x\n        image: nginx').replace('  replicas: 3', '  zz: 1\n  replicas: 3'),
      'error: web.yaml:19:9: Deployment in version "v1" cannot be handled as a Deployment: strict decoding error: unknown field "spec.template.spec.containers[0].imagePullPolice", unknown field "spec.zz"'],
    ['wrong type', DEPLOYMENT.replace('replicas: 3', 'replicas: "three"'),
      'error: web.yaml:9:3: Deployment in version "v1" cannot be handled as a Deployment: json: cannot unmarshal string into Go struct field DeploymentSpec.spec.replicas of type int32'],
    ['YAML 1.1 boolean where a string belongs', pod('spec:\n  containers:\n  - name: a\n    image: x\n    env:\n    - {name: DEBUG, value: yes}\n'),
      'error: web.yaml:10:21: Pod in version "v1" cannot be handled as a Pod: json: cannot unmarshal bool into Go struct field EnvVar.spec.containers.env.value of type string'],
    ['missing kind', 'apiVersion: v1\nmetadata: {name: x}\n', `error: web.yaml:1:1: Object 'Kind' is missing in '{"apiVersion":"v1","metadata":{"name":"x"}}'`],
    ['missing apiVersion', 'kind: Pod\nmetadata: {name: x}\n', `error: web.yaml:1:1: Object 'apiVersion' is missing in '{"kind":"Pod","metadata":{"name":"x"}}'`],
    ['not a map', '- a\n- b\n', 'error: web.yaml:1:1: json: cannot unmarshal array into Go value of type map[string]interface {}'],
    ['alias bomb', BILLION_LAUGHS, 'error: web.yaml:4:17: yaml: document contains excessive aliasing'],
    ['alias cycle', 'a: &a [*a]\n', "error: web.yaml:1:8: yaml: anchor 'a' value contains itself"],
    ['unknown anchor', 'a: *nope\n', "error: web.yaml:1:4: yaml: unknown anchor 'nope' referenced"],
    ['duplicate key', pod('  name: q\n'), 'error: web.yaml:5:3: yaml: unmarshal errors: line 5: mapping key "name" already defined at line 4'],
    ['infinity', pod('spec: {priority: .inf}\n'), 'error: web.yaml:5:18: json: unsupported value: +Inf'],
    ['NaN', pod('spec: {priority: .NaN}\n'), 'error: web.yaml:5:18: json: unsupported value: NaN'],
    // Not numbers to go-yaml: strings, which an int32 refuses as strings.
    ...['.', '-.', '+.', '.e1', '1e', '._', '0x', '1e999'].map((s): [string, string, string] => [`${s} is a string`, pod(`spec: {priority: ${s}}\n`),
      'error: web.yaml:5:8: Pod in version "v1" cannot be handled as a Pod: json: cannot unmarshal string into Go struct field PodSpec.spec.priority of type int32']),
    ['an int64 past 2^53, exactly', pod('spec: {priority: 9007199254740993}\n'),
      'error: web.yaml:5:8: Pod in version "v1" cannot be handled as a Pod: json: cannot unmarshal number 9007199254740993 into Go struct field PodSpec.spec.priority of type int32'],
    ['a bad !!int', pod('spec: {priority: !!int x}\n'), 'error: web.yaml:5:24: yaml: cannot decode !!str `x` as a !!int'],
    ['a NUL byte', pod('spec: {nodeName: "a\u0000"}\n'), 'error: web.yaml:5:20: yaml: control characters are not allowed'],
    ['too deep', `a: ${'['.repeat(MAX_DEPTH + 5)}${']'.repeat(MAX_DEPTH + 5)}\n`, `error: web.yaml:1:${4 + MAX_DEPTH}: yaml: exceeded max depth of ${MAX_DEPTH}`],
    ['the second of several documents', `${pod('')}---\n${pod('spec: {nodeName: 3}\n')}`,
      'error: web.yaml:10:8: Pod in version "v1" cannot be handled as a Pod: json: cannot unmarshal number into Go struct field PodSpec.spec.nodeName of type string'],
    ['JSON', '{\n  "apiVersion": "v1",\n  "kind": "ConfigMap",\n  "metadata": {"name": "c"},\n  "data": {"a": 1}\n}\n',
      'error: web.yaml:5:12: ConfigMap in version "v1" cannot be handled as a ConfigMap: json: cannot unmarshal number into Go struct field ConfigMap.data of type string'],
    ['a List item', 'apiVersion: v1\nkind: List\nitems:\n- apiVersion: v1\n  kind: ConfigMap\n  metadata: {name: a}\n- apiVersion: v1\n  kind: ConfigMap\n  metadata: {name: b}\n  dta: {}\n',
      'error: web.yaml:10:3: ConfigMap in version "v1" cannot be handled as a ConfigMap: strict decoding error: unknown field "dta"'],
    ['a List item without kind', 'apiVersion: v1\nkind: List\nitems:\n- metadata: {name: a}\n',
      `error: web.yaml:4:3: Object 'Kind' is missing in '{"metadata":{"name":"a"}}'`],
  ];
  it.each(cases)('%s', (_name, text, line) => {
    expect(errorLine(text)).toBe(line);
  });

  it('refuses a file past the size limit before parsing it', () => {
    const text = `a: "${'x'.repeat(MAX_MANIFEST_BYTES)}"\n`;
    expect(errorLine(text)).toBe(`error: web.yaml:1:1: file is too large: ${MAX_MANIFEST_BYTES + 6} bytes (limit ${MAX_MANIFEST_BYTES})`);
  });

  it('takes nesting up to the limit', () => {
    const value = parseYamlDocument(`a: ${'['.repeat(MAX_DEPTH)}${']'.repeat(MAX_DEPTH)}\n`, 'n.yaml').object;
    expect(JSON.stringify(value)).toBe(`{"a":${'['.repeat(MAX_DEPTH)}${']'.repeat(MAX_DEPTH)}}`);
  });

  it('stops a billion laughs quickly', () => {
    const t0 = performance.now();
    errorLine(BILLION_LAUGHS.replace(/\n/g, '\nx: 1\n').replace(/x: 1\n/g, (m, i: number) => `x${i}: 1\n`));
    expect(performance.now() - t0).toBeLessThan(2000);
  });
});

describe('__proto__ keys', () => {
  it('stay ordinary keys and never touch Object.prototype', () => {
    const [doc] = parseManifests(pod('  labels:\n    __proto__: x\n    app: web\n'), 'p.yaml');
    const labels = doc.object.metadata.labels as Record<string, string>;
    expect(Object.keys(labels)).toEqual(['__proto__', 'app']);
    expect(Object.getOwnPropertyDescriptor(labels, '__proto__')?.value).toBe('x');
    expect(Object.getPrototypeOf(labels)).toBe(Object.prototype);
    expect(({} as Record<string, unknown>).x).toBeUndefined();
    expect(doc.locate('metadata.labels.__proto__')).toEqual({ line: 6, col: 5 });
  });

  it('are unknown fields where a struct is expected', () => {
    expect(errorLine(pod('__proto__: {polluted: true}\n'))).toBe(
      'error: web.yaml:5:1: Pod in version "v1" cannot be handled as a Pod: strict decoding error: unknown field "__proto__"');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});

describe('reading', () => {
  it('keeps an int64 exact: accepted where a number would round past int64', () => {
    const [doc] = parseManifests(pod('spec:\n  containers: [{name: a, image: x}]\n  activeDeadlineSeconds: 9223372036854775807\n'), 'p.yaml');
    expect(doc.object.spec).toMatchObject({ activeDeadlineSeconds: 2 ** 63 });
    expect(doc.exactIntegers).toEqual(new Map([['spec.activeDeadlineSeconds', '9223372036854775807']]));
  });

  it('reads YAML 1.1 as kubectl does', () => {
    const [doc] = parseManifests('apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c, annotations: {a: "on"}}\ndata: {when: 2017-03-11, mode: "0777"}\n', 'c.yaml');
    expect(doc.object.data).toEqual({ when: '2017-03-11', mode: '0777' });
  });

  it('expands `<<` merges, later keys overriding', () => {
    const text = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\n  labels: &l {app: web, tier: a}\ndata:\n  <<: *l\n  tier: b\n';
    expect(parseManifests(text, 'm.yaml')[0].object.data).toEqual({ app: 'web', tier: 'b' });
  });

  it('turns a `y` key into "true", as go-yaml v2 does', () => {
    expect(parseYamlDocument('y: 1\nn: 2\n', 's.yaml').object).toEqual({ true: 1, false: 2 });
  });

  it('skips empty documents and keeps document indexes', () => {
    const docs = parseManifests(`# comment\n${pod('')}---\n---\n${pod('')}`, 'p.yaml');
    expect(docs.map((d) => d.docIndex)).toEqual([0, 2]);
  });

  it('expands a List, and an XList names its items\' kind', () => {
    const docs = parseManifests('apiVersion: v1\nkind: ConfigMapList\nitems:\n- metadata: {name: a}\n- metadata: {name: b}\n', 'l.yaml');
    expect(docs.map((d) => [d.object.kind, d.object.apiVersion, d.object.metadata.name, d.itemIndex])).toEqual([
      ['ConfigMap', 'v1', 'a', 0], ['ConfigMap', 'v1', 'b', 1],
    ]);
    expect(docs[1].locate('metadata.name')).toEqual({ line: 5, col: 14 });
  });
});

describe('locate', () => {
  const [doc] = parseManifests(DEPLOYMENT, 'web.yaml');
  it.each([
    ['', 1, 1],
    ['spec.replicas', 9, 3],
    ['.spec.replicas', 9, 3],
    ['spec.template.spec.containers[0].image', 18, 9],
    ['spec.template.spec.containers[1].image', 22, 9],
    ['spec.template.spec.containers[1]', 21, 9],
    ['spec.template.spec.containers[0].ports[0].containerPort', 20, 11],
    ['spec.selector.matchLabels.app', 11, 19],
    ['metadata.labels[app.kubernetes.io/name]', 7, 5],
    ['metadata.labels["app.kubernetes.io/name"]', 7, 5],
    ['metadata.labels.app.kubernetes.io/name', 7, 5],
    // Past what the file holds: the closest node that exists.
    ['spec.template.spec.containers[0].resources.limits', 17, 9],
    ['spec.template.spec.containers[5].image', 16, 7],
    ['spec.strategy.type', 8, 1],
    ['status.replicas', 1, 1],
  ])('%s -> %i:%i', (path, line, col) => {
    expect(doc.locate(path)).toEqual({ line, col });
    expect(doc.errorAt(path, 'x').format()).toBe(`error: web.yaml:${line}:${col}: x`);
  });

  it('follows aliases and merges to where the value was written', () => {
    const text = 'x: &labels {app: web}\n';
    const yaml = parseYamlDocument(`${text}w:\n  <<: *labels\n  tier: a\nz: *labels\n`, 's.yaml');
    expect(yaml.locate('w.app')).toEqual({ line: 1, col: 13 });
    expect(yaml.locate('w.tier')).toEqual({ line: 4, col: 3 });
    expect(yaml.locate('z.app')).toEqual({ line: 1, col: 13 });
  });
});

describe('parseYamlDocument', () => {
  it('reads any shape, with positions', () => {
    const d = parseYamlDocument('name: demo\nsteps:\n  - apply: web.yaml\n  - wait: 30s\n', 'demo.yaml');
    expect(d.object).toEqual({ name: 'demo', steps: [{ apply: 'web.yaml' }, { wait: '30s' }] });
    expect(d.locate('steps[1].wait')).toEqual({ line: 4, col: 5 });
    expect(d.errorAt('steps[1]', 'bad step').format()).toBe('error: demo.yaml:4:5: bad step');
  });

  it('is null for an empty file, and refuses a second document', () => {
    expect(parseYamlDocument('# nothing\n', 'e.yaml').object).toBeNull();
    expect(() => parseYamlDocument('a: 1\n---\nb: 2\n', 'two.yaml')).toThrow(
      new ManifestError('two.yaml', 3, 1, 'yaml: line 3: expected a single document in the stream, but found another document'));
  });
});
