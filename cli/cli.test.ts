// The CLI contract: exit 0 when everything holds, 1 when an expectation
// fails, 2 for bad input with exactly one line `error: FILE:LINE:COL: ...`
// on stderr, never a stack trace.
import { describe, it, expect, beforeEach, afterEach, vi } from 'vitest';
import { mkdtempSync, writeFileSync, readdirSync, readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from './program.js';

let out = '';
let err = '';
beforeEach(() => {
  out = ''; err = '';
  vi.spyOn(process.stdout, 'write').mockImplementation((s: any) => { out += String(s); return true; });
  vi.spyOn(process.stderr, 'write').mockImplementation((s: any) => { err += String(s); return true; });
});
afterEach(() => vi.restoreAllMocks());

const dir = mkdtempSync(join(tmpdir(), 'kubemodel-cli-'));
function file(name: string, text: string): string {
  const p = join(dir, name);
  writeFileSync(p, text);
  return p;
}

const DEPLOY = (spec: string) => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
${spec}`;
const GOOD_TEMPLATE = `  template:
    metadata: { labels: { app: web } }
    spec:
      containers: [{ name: web, image: nginx }]
`;

const BAD: Array<[string, string, RegExp]> = [
  ['malformed.yaml', 'apiVersion: v1\nkind: Pod\nmetadata: { name: x\nspec: [\n', /^error: .*malformed\.yaml:\d+:\d+: yaml: line \d+: /],
  ['unknown-kind.yaml', 'apiVersion: v1\nkind: Frobnicator\nmetadata: { name: x }\n', /unknown-kind\.yaml:1:1: no matches for kind "Frobnicator" in version "v1"$/],
  ['wrong-version.yaml', 'apiVersion: apps/v2\nkind: Deployment\nmetadata: { name: x }\n', /no matches for kind "Deployment" in version "apps\/v2"$/],
  ['typo.yaml', DEPLOY('  seletor: { matchLabels: { app: web } }\n' + GOOD_TEMPLATE), /typo\.yaml:6:3: Deployment in version "v1" cannot be handled as a Deployment: strict decoding error: unknown field "spec\.seletor"$/],
  ['wrong-type.yaml', DEPLOY('  replicas: three\n  selector: { matchLabels: { app: web } }\n' + GOOD_TEMPLATE), /wrong-type\.yaml:6:3: .*json: cannot unmarshal string into Go struct field DeploymentSpec\.spec\.replicas of type int32$/],
  ['bad-name.yaml', 'apiVersion: v1\nkind: Pod\nmetadata: { name: Web_1 }\nspec: { containers: [{ name: c, image: x }] }\n', /bad-name\.yaml:3:\d+: Pod "Web_1" is invalid: metadata\.name: Invalid value: "Web_1": a lowercase RFC 1123 subdomain/],
  ['bad-label.yaml', 'apiVersion: v1\nkind: Pod\nmetadata: { name: web, labels: { app: "-x" } }\nspec: { containers: [{ name: c, image: x }] }\n', /Pod "web" is invalid: metadata\.labels: Invalid value: "-x": a valid label must be an empty string/],
  ['proto.yaml', 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\n  labels:\n    __proto__: x\nspec: { containers: [{ name: c, image: x }] }\n', /proto\.yaml:5:3: Pod "web" is invalid: metadata\.labels: Invalid value: "__proto__"/],
  ['bad-selector.yaml', DEPLOY('  selector: { matchExpressions: [{ key: app, operator: In }] }\n' + GOOD_TEMPLATE), /Deployment\.apps "web" is invalid: .*spec\.selector\.matchExpressions\[0\]\.values: Required value/],
  ['missing.yaml', DEPLOY(GOOD_TEMPLATE), /Deployment\.apps "web" is invalid: \[spec\.selector: Required value, spec\.template\.metadata\.labels: Invalid value: map\[string\]string\{"app":"web"\}: `selector` does not match template `labels`\]$/],
  ['negative.yaml', DEPLOY('  replicas: -1\n  selector: { matchLabels: { app: web } }\n' + GOOD_TEMPLATE), /spec\.replicas: Invalid value: -1: must be greater than or equal to 0/],
  ['immutable.yaml', DEPLOY('  selector: { matchLabels: { app: web } }\n' + GOOD_TEMPLATE) + '---\n' + DEPLOY('  selector: { matchLabels: { app: web, v: "2" } }\n' + GOOD_TEMPLATE.replace('{ app: web }', '{ app: web, v: "2" }')), /immutable\.yaml:\d+:\d+: Deployment\.apps "web" is invalid: spec\.selector: Invalid value: .*field is immutable$/],
];

describe('kubemodel validate: bad input', () => {
  it.each(BAD)('%s: one line, exit 2', async (name, text, re) => {
    const code = await main(['validate', file(name, text)]);
    expect(code).toBe(2);
    expect(err.trimEnd().split('\n')).toHaveLength(1);
    expect(err.trimEnd()).toMatch(re);
    expect(err).not.toMatch(/\n\s+at /);
    expect(out).toBe('');
  });

  it('an alias bomb is refused at once', async () => {
    const lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
    let prev = 'a';
    for (const c of 'bcdefghij') { lines.push(`${c}: &${c} [${Array(9).fill('*' + prev).join(',')}]`); prev = c; }
    expect(await main(['validate', file('bomb.yaml', lines.join('\n'))])).toBe(2);
    expect(err).toMatch(/bomb\.yaml:\d+:\d+: yaml: document contains excessive aliasing/);
  });

  it('a file over the size limit is refused before parsing', async () => {
    expect(await main(['validate', file('big.yaml', 'a'.repeat(2_000_000))])).toBe(2);
    expect(err.trim()).toBe(`error: ${join(dir, 'big.yaml')}:1:1: file is too large: 2000000 bytes (limit 1048576)`);
  });

  it('a valid manifest is accepted as a server dry run', async () => {
    expect(await main(['validate', file('ok.yaml', DEPLOY('  selector: { matchLabels: { app: web } }\n' + GOOD_TEMPLATE))])).toBe(0);
    expect(out).toBe('deployment.apps/web created (server dry run)\n');
  });
});

describe('kubemodel run', () => {
  const scenario = (steps: string, extra = '') => `name: t\ncluster: { nodes: 1 }\n${extra}steps:\n${steps}`;
  const POD = `  - apply:\n      apiVersion: v1\n      kind: Pod\n      metadata: { name: web }\n      spec: { containers: [{ name: c, image: nginx }] }\n`;

  it('exits 0 when every expectation holds, 1 when one fails', async () => {
    const ok = file('ok-run.yaml', scenario(POD + '  - wait: 10s\n  - expect:\n      - get: pod/web\n        path: .status.phase\n        equals: Running\n'));
    expect(await main(['run', ok])).toBe(0);
    expect(out).toMatch(/PASS/);
    const bad = file('fail-run.yaml', scenario(POD + '  - wait: 10s\n  - expect:\n      - get: pods\n        count: 2\n'));
    expect(await main(['run', bad])).toBe(1);
    expect(out).toMatch(/count is 1, expected 2/);
  });

  it('reports an invalid manifest inside a scenario before anything runs', async () => {
    const f = file('bad-step.yaml', scenario('  - wait: 5s\n  - apply:\n      apiVersion: v1\n      kind: Pod\n      metadata: { name: web }\n      spec: { containers: [] }\n'));
    expect(await main(['run', f])).toBe(2);
    expect(err.trim()).toMatch(/bad-step\.yaml:9:15: Pod "web" is invalid: spec\.containers: Required value$/);
    expect(out).toBe('');
  });

  it.each([
    ['unknown verb', '  - frobnicate: x\n', /unknown verb/],
    ['unknown option', '  - wait: 5s\n    for: ever\n', /unknown option "for" for wait/],
    ['bad duration', '  - wait: soon\n', /time: invalid duration "soon"/],
    ['unknown node', '  - node-crash: node-9\n', /nodes "node-9" not found/],
    ['unknown bug', '  - wait: 1s\n', /unknown bug "nope"/, 'cluster: { bugs: [nope] }\n'],
  ])('%s: one line, exit 2', async (_n, steps, re, extra?: string) => {
    const body = extra ? `name: t\n${extra}steps:\n${steps}` : scenario(steps);
    expect(await main(['run', file(`s-${Math.random().toString(36).slice(2)}.yaml`, body)])).toBe(2);
    expect(err.trimEnd().split('\n')).toHaveLength(1);
    expect(err).toMatch(re);
  });

  it('an API error during a step names the step: exit 2', async () => {
    const f = file('exists.yaml', scenario(POD + POD.replace('apply', 'create')));
    expect(await main(['run', f])).toBe(2);
    expect(err.trim()).toMatch(/exists\.yaml:\d+:\d+: pods "web" already exists$/);
  });

  it('usage errors: exit 2, one line', async () => {
    expect(await main(['run', 'x.yaml', '-o', 'xml'])).toBe(2);
    expect(await main(['run', join(dir, 'nope.yaml')])).toBe(2);
    expect(err).toMatch(/does not exist/);
    expect(await main(['frobnicate'])).toBe(2);
  });

  it('the same seed gives a byte-identical watch stream; another seed may differ', async () => {
    const f = file('det.yaml', scenario(`  - apply:\n      - { apiVersion: v1, kind: Pod, metadata: { generateName: w- }, spec: { containers: [{ name: c, image: nginx }] } }\n      - { apiVersion: v1, kind: Pod, metadata: { generateName: w- }, spec: { containers: [{ name: c, image: nginx }] } }\n  - wait: 70s\n  - node-crash: node-1\n  - wait: 7m\n`));
    await main(['run', f, '--watch', '-o', 'json']);
    const a = out; out = '';
    await main(['run', f, '--watch', '-o', 'json']);
    expect(out).toBe(a);
    expect(a.split('\n').length).toBeGreaterThan(20);
    out = '';
    await main(['run', f, '--watch', '-o', 'json', '--seed', '2']);
    expect(out).not.toBe(a);
  });

  it('-o json prints a v1 List with the end time', async () => {
    const f = file('list.yaml', scenario(POD + '  - wait: 5s\n'));
    expect(await main(['run', f, '-o', 'json'])).toBe(0);
    const list = JSON.parse(out);
    expect(list.kind).toBe('List');
    expect(list.time).toBe('2017-03-11T00:00:05Z');
    expect(list.items.some((o: any) => o.kind === 'Event')).toBe(true);
  });
});

describe('kubemodel run: results, watch formats, warnings, users\' controllers, custom resources', () => {
  const scenario = (steps: string, extra = '') => `name: t\ncluster: { nodes: 1 }\n${extra}steps:\n${steps}`;
  const POD = `  - apply:\n      apiVersion: v1\n      kind: Pod\n      metadata: { name: web }\n      spec: { containers: [{ name: c, image: nginx }] }\n`;

  it('-o json and -o yaml carry the expectations (time, outcome, place) and the violations, also when one fails', async () => {
    const f = file('results.yaml', scenario(POD + '  - wait: 5s\n  - expect:\n      - get: pods\n        count: 2\n      - get: pod/web\n        path: .status.phase\n        equals: Running\n'));
    expect(await main(['run', f, '-o', 'json'])).toBe(1);
    const list = JSON.parse(out);
    expect(list.ok).toBe(false);
    expect(list.expectations).toEqual([
      { check: 'get pods: count 2', ok: false, time: '2017-03-11T00:00:05Z', message: 'count is 1, expected 2', at: `${f}:11:9` },
      { check: 'get pod/web .status.phase: equals "Running"', ok: true, time: '2017-03-11T00:00:05Z', at: `${f}:13:9` },
    ]);
    expect(list.violations).toEqual([]);
    out = '';
    expect(await main(['run', f, '-o', 'yaml'])).toBe(1);
    expect(out).toMatch(/^expectations:\n- at: /m);
  });

  it('--watch prints every change in the -o format: JSON lines, YAML documents, or text lines', async () => {
    const f = file('watch.yaml', scenario(POD + '  - wait: 5s\n'));
    await main(['run', f, '--watch', '-o', 'json']);
    const json = out.trim().split('\n').map((l) => JSON.parse(l));
    out = '';
    await main(['run', f, '--watch', '-o', 'yaml']);
    const docs = out.split(/^---\n/m).filter(Boolean);
    expect(docs).toHaveLength(json.length);
    expect(docs[0]).toMatch(/^object:\n/);
    out = '';
    expect(await main(['run', f, '--watch'])).toBe(0);
    const lines = out.trim().split('\n');
    expect(lines).toHaveLength(json.length);
    expect(lines.find((l) => / MODIFIED +pod\/web +1\/1 +Running /.test(l))).toMatch(/^00:00:0\d {2}MODIFIED/);
  });

  it('warns once per kind that nothing in the model acts on (a built-in replaced by a module that reconciles nothing)', async () => {
    // Every workload kind has its controller now; a user's module in the StatefulSet controller's place that declares no kinds shows the warning.
    const lib = pathToFileURL(join(import.meta.dirname, '..', 'dist', 'index.js')).href;
    file('no-sts.js', `import { defineController } from ${JSON.stringify(lib)};\nexport default defineController({ name: 'statefulset-controller', watches: [], make: () => ({ name: 'statefulset-controller', start() {}, stop() {}, setWatchDelay() {} }) });\n`);
    const sts = `  - apply:\n      apiVersion: apps/v1\n      kind: StatefulSet\n      metadata: { name: db }\n      spec:\n        selector: { matchLabels: { app: db } }\n        serviceName: db\n        template:\n          metadata: { labels: { app: db } }\n          spec: { containers: [{ name: c, image: postgres }] }\n`;
    const f = file('unmodelled.yaml', scenario(sts + '  - wait: 5s\n' + sts.replace('name: db }', 'name: db2 }'), 'controllers: [./no-sts.js]\n'));
    expect(await main(['run', f])).toBe(0);
    expect(err.trim().split('\n')).toEqual(['warning: statefulsets.apps: no controller in this model acts on StatefulSet objects yet: they are stored and validated, but nothing they ask for happens']);
    err = '';
    expect(await main(['run', file('modelled.yaml', scenario(sts + '  - wait: 5s\n'))])).toBe(0);
    expect(err.trim()).toBe('');
  });

  it('--version names the package version and the Kubernetes release it models', async () => {
    expect(await main(['--version'])).toBe(0);
    expect(out.trim()).toMatch(/^kubemodel \d+\.\d+\.\d+ \(models Kubernetes v1\.32\)$/);
  });

  it('cluster.featureGates: an unknown gate or a non-boolean is refused in one line', async () => {
    const code1 = await main(['run', file('gate1.yaml', 'name: t\ncluster: { featureGates: { Nope: true } }\nsteps: []\n')]);
    expect(code1, err + out).toBe(2);
    expect(err.trim()).toMatch(/gate1\.yaml:2:\d+: unrecognized feature gate: Nope \(known: DeploymentReplicaSetTerminatingReplicas, MaxUnavailableStatefulSet\)$/);
    err = '';
    expect(await main(['run', file('gate2.yaml', 'name: t\ncluster: { featureGates: { DeploymentReplicaSetTerminatingReplicas: maybe } }\nsteps: []\n')])).toBe(2);
    expect(err.trim()).toMatch(/invalid value of DeploymentReplicaSetTerminatingReplicas="maybe", err: must be true or false$/);
  });

  it('--controller: a missing module, or one that exports no controller, is one line, exit 2', async () => {
    const f = file('ctl.yaml', scenario('  - wait: 1s\n'));
    expect(await main(['run', f, '--controller', join(dir, 'nope.js')])).toBe(2);
    expect(err.trim()).toMatch(/cannot load controller module ".*nope\.js": no such file$/);
    err = '';
    expect(await main(['run', f, '--controller', file('empty.js', 'export const x = 1;\n')])).toBe(2);
    expect(err.trim()).toMatch(/exports no controller module/);
    err = '';
    expect(await main(['run', f, '--controller', file('broken.js', 'export default {;\n')])).toBe(2);
    expect(err.trim().split('\n')).toHaveLength(1);
  });

  it("a user's controller in place of a built-in: the built-in properties judge it, and the counterexample replays with it", () => {
    // The user's ReplicaSet controller: the built-in code, but acting without waiting for its expectations.
    // It imports the package as users do, so it runs in the compiled CLI (one copy of the library).
    const lib = pathToFileURL(join(import.meta.dirname, '..', 'dist', 'index.js')).href;
    const mine = file('my-rs.js', [
      `import { replicaSetController, defineController } from ${JSON.stringify(lib)};`,
      'const skipExpectations = (ctx) => ({ ...ctx, bug: (b) => (typeof b === "string" ? b : b.name) === "rs-no-expectations" || ctx.bug(b) });',
      'export default defineController({ ...replicaSetController, make: (ctx) => replicaSetController.make(skipExpectations(ctx)) });',
    ].join('\n'));
    const cwd = mkdtempSync(join(tmpdir(), 'kubemodel-mine-'));
    const cli = (...args: string[]) => spawnSync(process.execPath, [join(import.meta.dirname, '..', 'dist', 'cli', 'main.js'), ...args], { cwd, encoding: 'utf8' });
    const check = cli('check', '--controller', mine, '--property', 'replicasets', '--seed', '1', '--runs', '300');
    expect(check.status).toBe(1);
    expect(check.stdout).toMatch(/^ {2}invariant replicas-bounded: /m);
    const ce = readdirSync(join(cwd, 'reports', 'out')).find((f) => f.startsWith('counterexample-replicasets-'))!;
    expect(readFileSync(join(cwd, 'reports', 'out', ce), 'utf8')).toContain(`controllers:\n  - ${mine}\n`);
    const replay = cli('run', join(cwd, 'reports', 'out', ce));
    expect(replay.status).toBe(1);
    expect(replay.stdout).toMatch(/replicas-bounded: /);
  });

  it('custom resources: a CRD serves its kind; objects are checked against its schema in the API server\'s words; kubectl-style tables', async () => {
    const crd = join(import.meta.dirname, '..', 'examples', 'operator', 'crd.yaml');
    const mc = (spec: string) => `  - apply: ${crd}\n  - apply:\n      apiVersion: cache.example.com/v1alpha1\n      kind: Memcached\n      metadata: { name: mc }\n      spec: ${spec}\n`;
    expect(await main(['run', file('cr-ok.yaml', scenario(mc('{ size: 2 }') + '  - expect:\n      - get: mc/mc\n        path: .spec.image\n        equals: memcached:1.6\n'))])).toBe(0);
    expect(out).toMatch(/^NAME +SIZE +READY +AGE\nmemcached\.cache\.example\.com\/mc +2 +0s$/m);
    expect(out).toMatch(/^customresourcedefinition\.apiextensions\.k8s\.io\/memcacheds\.cache\.example\.com +2017-03-11T00:00:00Z$/m);
    for (const [spec, msg] of [
      ['{ size: 2, colour: blue }', 'Memcached in version "v1alpha1" cannot be handled as a Memcached: strict decoding error: unknown field "spec.colour"'],
      ['{ size: 0 }', 'Memcached.cache.example.com "mc" is invalid: spec.size: Invalid value: 0: spec.size in body should be greater than or equal to 1'],
      ['{ size: two }', 'Memcached.cache.example.com "mc" is invalid: spec.size: Invalid value: "string": spec.size in body must be of type integer: "string"'],
      ['{ image: x }', 'Memcached.cache.example.com "mc" is invalid: spec.size: Required value'],
    ] as const) {
      err = '';
      expect(await main(['run', file(`cr-bad-${Math.random().toString(36).slice(2)}.yaml`, scenario(mc(spec)))])).toBe(2);
      expect(err.trim().split('\n')).toHaveLength(1);
      expect(err.trim()).toMatch(new RegExp(`:\\d+:\\d+: ${msg.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`));
    }
    err = '';
    expect(await main(['run', file('cr-nocrd.yaml', scenario('  - apply:\n      apiVersion: cache.example.com/v1alpha1\n      kind: Memcached\n      metadata: { name: mc }\n      spec: { size: 1 }\n'))])).toBe(2);
    expect(err.trim()).toMatch(/no matches for kind "Memcached" in version "cache\.example\.com\/v1alpha1"$/);
  });
});

describe('kubemodel diagram', () => {
  it('draws the pod machine as mermaid', async () => {
    expect(await main(['diagram', 'pod'])).toBe(0);
    expect(out).toMatch(/^stateDiagram-v2\n  \[\*\] --> unscheduled/);
    expect(out).toMatch(/running --> crashLoopBackOff : EXIT \[restarts\]/);
    // running is compound: its children, its own entry edge and its inner transitions sit inside it.
    expect(out).toContain('  state running {\n    [*] --> running_notReady\n    running_notReady\n    running_ready\n    running_notReady --> running_ready : READY\n    running_ready --> running_notReady : UNREADY\n  }\n');
  });
  it('draws every registered machine, the hardware one with the actions its transitions take', async () => {
    for (const m of ['pod', 'node', 'hardware', 'rollout', 'workqueue']) { out = ''; expect(await main(['diagram', m])).toBe(0); expect(out).toMatch(/^stateDiagram-v2\n/); }
    out = '';
    await main(['diagram', 'hardware']);
    expect(out).toContain('  partitioned --> crashed : CRASH / stopKubelet\n');
  });
  it('rejects an unknown machine', async () => {
    expect(await main(['diagram', 'toaster'])).toBe(2);
  });
});

describe('examples', () => {
  const examples = readdirSync(join(__dirname, '..', 'examples')).filter((f) => f.endsWith('.yaml'));
  it.each(examples)('%s passes', async (f) => {
    const code = await main(['run', join(__dirname, '..', 'examples', f)]);
    expect(out + err).toMatch(/PASS/);
    expect(code).toBe(0);
  });
});
