// Fuzzing the front door: mutated manifests through `kubemodel validate`
// (YAML parsing, strict decoding, admission) never crash, hang or print a
// stack trace — every outcome is exit 0 or exactly one `error:` line and exit 2.
import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from './testing/stdio.js';
import { testSeed } from '../properties/test-seed.js';
import { parse as parseYaml, parseAllDocuments, stringify as stringifyYaml, isMap, isScalar } from 'yaml';

const SEED = testSeed();

const SEEDS = [
  `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  labels: { app: web }
spec:
  replicas: 3
  selector:
    matchLabels: { app: web }
    matchExpressions: [{ key: tier, operator: In, values: [fe, be] }]
  strategy: { type: RollingUpdate, rollingUpdate: { maxSurge: 25%, maxUnavailable: 1 } }
  template:
    metadata: { labels: { app: web, tier: fe } }
    spec:
      nodeSelector: { disktype: ssd }
      tolerations: [{ key: dedicated, operator: Equal, value: web, effect: NoSchedule }]
      containers:
        - name: web
          image: nginx:1.27
          ports: [{ containerPort: 80 }]
          resources: { requests: { cpu: 250m, memory: 64Mi }, limits: { memory: 128Mi } }
          readinessProbe: { initialDelaySeconds: 5, httpGet: { path: /, port: 80 } }
`,
  `apiVersion: v1
kind: Pod
metadata:
  name: web-0
  namespace: default
  annotations: { note: "x" }
spec:
  restartPolicy: OnFailure
  terminationGracePeriodSeconds: 10
  affinity:
    nodeAffinity:
      requiredDuringSchedulingIgnoredDuringExecution:
        nodeSelectorTerms: [{ matchExpressions: [{ key: cpu, operator: Gt, values: ["2"] }] }]
  containers: [{ name: c, image: busybox, command: [sh, -c, "sleep 1"] }]
---
apiVersion: batch/v1
kind: CronJob
metadata: { name: report }
spec:
  schedule: "*/5 * * * MON-FRI"
  jobTemplate:
    spec:
      backoffLimit: 2
      template:
        spec:
          restartPolicy: Never
          containers: [{ name: r, image: report:1 }]
`,
];

const PIECES = ['', ' ', ':', '- ', '{', '}', '[', ']', '&a ', '*a', '<<: *a', '"', "'", '#', '\t', '\n', '---\n', 'null', '~', '-1', '1e999', '0x1F', 'yes', '__proto__', 'constructor', 'ü', '\u0000', 'kind: List', 'items:', 'apiVersion: v1', '!!binary', '%YAML 1.2'];

const mutation = fc.oneof(
  fc.record({ op: fc.constant('delete' as const), at: fc.nat(), len: fc.integer({ min: 1, max: 20 }) }),
  fc.record({ op: fc.constant('insert' as const), at: fc.nat(), text: fc.oneof(fc.constantFrom(...PIECES), fc.string({ maxLength: 8 })) }),
  fc.record({ op: fc.constant('swapLines' as const), a: fc.nat(), b: fc.nat() }),
  fc.record({ op: fc.constant('dupLine' as const), a: fc.nat() }),
);

function mutate(text: string, ms: Array<any>): string {
  let t = text;
  for (const m of ms) {
    if (m.op === 'delete') { const at = m.at % (t.length + 1); t = t.slice(0, at) + t.slice(at + m.len); }
    else if (m.op === 'insert') { const at = m.at % (t.length + 1); t = t.slice(0, at) + m.text + t.slice(at); }
    else {
      const lines = t.split('\n');
      if (lines.length === 0) continue;
      const a = m.a % lines.length;
      if (m.op === 'dupLine') lines.splice(a, 0, lines[a]!);
      else { const b = m.b % lines.length; [lines[a], lines[b]] = [lines[b]!, lines[a]!]; }
      t = lines.join('\n');
    }
  }
  return t;
}

describe('fuzz: mutated manifests through validate', () => {
  it('never crash, hang or print a stack trace', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kubemodel-fuzz-'));
    let n = 0;
    await fc.assert(fc.asyncProperty(fc.constantFrom(...SEEDS), fc.array(mutation, { minLength: 1, maxLength: 6 }), async (seed, ms) => {
      const text = mutate(seed, ms);
      const f = join(dir, `m${n++}.yaml`);
      writeFileSync(f, text);
      const { code, err, ms: ms_ } = await runCli(['validate', f]);
      expect(ms_).toBeLessThan(5_000);
      expect([0, 2]).toContain(code);
      if (code === 2) {
        expect(err.trimEnd().split('\n')).toHaveLength(1);
        expect(err).toMatch(/^error: .+:\d+:\d+: /);
      }
      expect(err).not.toMatch(/internal error|\n\s+at |TypeError|RangeError/);
    }), { seed: SEED, numRuns: 400 });
  });
});

// Structural fuzzing: the documents parsed, changed as a user's slip or an
// attacker would change them (keys removed and renamed, values of the wrong
// type, garbage, unicode, __proto__ keys, documents duplicated, the text cut
// short), written back as YAML, and given to `validate` and `run`. Every
// outcome is exit 0, 1 (an expectation failed, or a limit stopped the run:
// one `error:` line in the report) or 2 (one `error: FILE:LINE:COL:` line),
// never an internal error; and what validate refuses, run refuses in the
// same words.
type Json = null | boolean | number | string | Json[] | { [k: string]: Json };
type Path = Array<string | number>;

const DEPLOY_OBJ = parseYaml(SEEDS[0]!) as Json;

const SCENARIO_SEEDS: Json[] = [
  {
    name: 'fuzz-rollout',
    cluster: {
      nodes: [{ name: 'node-1', labels: { disktype: 'ssd' } }, { name: 'node-2', labels: { disktype: 'ssd' }, capacity: { cpu: '2', memory: '4Gi', pods: 20 } }],
      limits: { virtualTime: '1h', objects: 300 }, images: { 'web:2': { pull: 'fail' } },
    },
    invariants: 'all',
    steps: [
      { apply: DEPLOY_OBJ },
      { wait: '20s' },
      { scale: 'deploy/web', replicas: 4 },
      { 'set-image': 'deploy/web', container: 'web', image: 'web:2' },
      { 'wait-for': 'deploy/web', condition: 'available', timeout: '1m' },
      { expect: [{ get: 'pods -l app=web', atLeast: 1 }, { get: 'deploy/web', path: '.spec.replicas', equals: 4 }] },
      { label: 'deploy/web', labels: { tier: 'x' }, overwrite: true },
      { 'node-crash': 'node-1' },
      { wait: '30s' },
      { delete: 'deploy/web', cascade: 'foreground' },
    ],
  },
  {
    name: 'fuzz-patches',
    cluster: { nodes: 1, limits: { virtualTime: '1h', objects: 300 } },
    steps: [
      { apply: DEPLOY_OBJ },
      { wait: '10s' },
      { patch: 'deploy/web', merge: { spec: { replicas: 2, template: { metadata: { labels: { app: 'web', tier: 'fe', v: '2' } } } } } },
      { patch: 'deploy/web', subresource: 'scale', merge: { spec: { replicas: 3 } } },
      { patch: 'deploy/web', subresource: 'status', merge: { status: { conditions: [{ type: 'Available', status: 'False' }] } } },
      { patch: 'deploy/web', merge: { metadata: { annotations: { note: 'noted', gone: null } } } },
      { wait: '10s' },
      { expect: [{ get: 'deploy/web', path: '.metadata.annotations.note', equals: 'noted' }] },
    ],
  },
  {
    name: 'fuzz-nodes',
    cluster: { nodes: 2, limits: { virtualTime: '1h', objects: 300 }, images: { 'crash:1': { exitAfter: '5s', exitCode: 1 } } },
    steps: [
      { apply: [
        { apiVersion: 'v1', kind: 'ReplicationController', metadata: { name: 'rc' }, spec: { replicas: 2, selector: { app: 'rc' }, template: { metadata: { labels: { app: 'rc' } }, spec: { containers: [{ name: 'c', image: 'nginx' }] } } } },
        { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'solo', labels: { app: 'solo' } }, spec: { containers: [{ name: 'c', image: 'crash:1' }] } },
      ] },
      { wait: '10s' },
      { cordon: 'node-1' },
      { 'node-add': { name: 'node-3', labels: { zone: 'b' } } },
      { restart: 'kube-controller-manager' },
      { 'watch-delay': 'kube-scheduler', delay: '2s' },
      { 'pod-fail': 'solo', exitCode: 2 },
      { 'node-partition': 'node-2' },
      { wait: '1m' },
      { 'node-heal': 'node-2' },
      { delete: 'pod/solo', grace: 0 },
      { wait: '30s' },
      { expect: [{ get: 'rc/rc', path: '.status.replicas', equals: 2 }, { get: 'pods -l app=rc', count: 2 }] },
    ],
  },
];

const RENAMES = (k: string) => [k.slice(1), k + 'x', k.toUpperCase(), k.replace(/[aeiou]/, ''), '__proto__', 'constructor', 'ä' + k];
const GARBAGE: Json[] = ['', ' ', 'ü', '日本', '😀', '\u0000', '\u202e', 'null', '~', '-1', '1e999', '0x1F', 'yes', '.', '-.', '.e1', '9223372036854775808', '--', '{', '*a', -1, 0, 2 ** 31, 2 ** 53 + 1, 1.5, -0, true, false, null, [], {}, [[[]]], { __proto__x: 1 }];

function nodes(v: Json, at: Path = [], out: Path[] = []): Path[] {
  out.push(at);
  if (Array.isArray(v)) v.forEach((x, i) => nodes(x, [...at, i], out));
  else if (v !== null && typeof v === 'object') for (const k of Object.keys(v)) nodes(v[k]!, [...at, k], out);
  return out;
}

function get(v: Json, p: Path): Json { return p.reduce<Json>((x, k) => (x as any)[k], v); }

/** Put a key as an own property, even `__proto__`. */
function setOwn(o: { [k: string]: Json }, k: string, v: Json): void {
  Object.defineProperty(o, k, { value: v, enumerable: true, writable: true, configurable: true });
}

/** A value of another type, derived from the one there. */
function retype(v: Json, n: number): Json {
  const choices: Json[] = [
    typeof v === 'string' ? (Number.isNaN(Number(v)) ? v.length : Number(v)) : String(JSON.stringify(v)),
    Array.isArray(v) ? (v[0] ?? {}) : [v],
    v !== null && typeof v === 'object' && !Array.isArray(v) ? Object.values(v) : { v },
    typeof v === 'number' ? -v : typeof v === 'boolean' ? String(v) : null,
  ];
  return choices[n % choices.length]!;
}

const structural = fc.oneof(
  { arbitrary: fc.record({ op: fc.constant('remove' as const), at: fc.nat() }), weight: 1 },
  { arbitrary: fc.record({ op: fc.constant('rename' as const), at: fc.nat(), n: fc.nat() }), weight: 1 },
  { arbitrary: fc.record({ op: fc.constant('retype' as const), at: fc.nat(), n: fc.nat() }), weight: 1 },
  { arbitrary: fc.record({ op: fc.constant('garbage' as const), at: fc.nat(), n: fc.nat() }), weight: 1 },
  { arbitrary: fc.record({ op: fc.constant('text' as const), at: fc.nat(), s: fc.string({ unit: 'binary', maxLength: 6 }) }), weight: 1 },
  { arbitrary: fc.record({ op: fc.constant('proto' as const), at: fc.nat(), n: fc.nat() }), weight: 1 },
  { arbitrary: fc.record({ op: fc.constant('copy' as const), at: fc.nat(), to: fc.nat() }), weight: 1 },
  // Changes that keep the shape, so that more of the mutants load and run: another value of the
  // same type from the same document, two steps swapped, a step dropped.
  { arbitrary: fc.record({ op: fc.constant('sameType' as const), at: fc.nat(), to: fc.nat() }), weight: 3 },
  { arbitrary: fc.record({ op: fc.constant('swapSteps' as const), at: fc.nat(), to: fc.nat() }), weight: 3 },
  { arbitrary: fc.record({ op: fc.constant('dropStep' as const), at: fc.nat() }), weight: 2 },
);
type Structural = typeof structural extends fc.Arbitrary<infer T> ? T : never;

function mutateTree(root: Json, ms: Structural[]): Json {
  const doc = structuredClone(root);
  for (const m of ms) {
    const steps = (doc as any)?.steps;
    if (m.op === 'swapSteps' || m.op === 'dropStep') {
      if (!Array.isArray(steps) || steps.length === 0) continue;
      const a = m.at % steps.length;
      if (m.op === 'dropStep') steps.splice(a, 1);
      else { const b = m.to % steps.length; [steps[a], steps[b]] = [steps[b], steps[a]]; }
      continue;
    }
    const all = nodes(doc).filter((p) => p.length > 0);
    if (all.length === 0) break;
    const p = all[m.at % all.length]!;
    const parent = get(doc, p.slice(0, -1)) as any;
    const key = p[p.length - 1]!;
    const here = parent[key] as Json;
    switch (m.op) {
      case 'remove': if (Array.isArray(parent)) parent.splice(key as number, 1); else delete parent[key]; break;
      case 'rename':
        if (!Array.isArray(parent)) { const names = RENAMES(String(key)); delete parent[key]; setOwn(parent, names[m.n % names.length]!, here); }
        break;
      case 'retype': parent[key] = retype(here, m.n); break;
      case 'garbage': parent[key] = structuredClone(GARBAGE[m.n % GARBAGE.length]!); break;
      case 'text': parent[key] = typeof here === 'string' ? here + m.s : m.s; break;
      case 'proto': {
        const target = here !== null && typeof here === 'object' && !Array.isArray(here) ? here : parent;
        if (!Array.isArray(target)) setOwn(target, ['__proto__', 'constructor', 'prototype'][m.n % 3]!, { replicas: 5, polluted: 'yes' });
        break;
      }
      case 'sameType': {
        const same = all.map((q) => get(doc, q)).filter((x) => x !== here && typeof x === typeof here && (x === null || typeof x !== 'object'));
        if (same.length > 0) parent[key] = same[m.to % same.length]!;
        break;
      }
      case 'copy': { const q = all[m.to % all.length]!; if (!q.slice(0, p.length).every((k, i) => k === p[i])) parent[key] = structuredClone(get(doc, q)); break; }
    }
  }
  return doc;
}

const textual = fc.oneof(
  { arbitrary: fc.record({ op: fc.constant('none' as const) }), weight: 6 },
  { arbitrary: fc.record({ op: fc.constant('truncate' as const), at: fc.nat() }), weight: 1 },
  { arbitrary: fc.record({ op: fc.constant('duplicate' as const) }), weight: 1 },
  { arbitrary: fc.record({ op: fc.constant('insert' as const), at: fc.nat(), s: fc.constantFrom('\u00e9', '\ufeff', '\u2028', '\t', '\r', '\\', '"', '\ud800', '%', '@', '`') }), weight: 1 },
);

function mutateText(text: string, t: typeof textual extends fc.Arbitrary<infer T> ? T : never): string {
  if (t.op === 'truncate') return text.slice(0, t.at % (text.length + 1));
  if (t.op === 'duplicate') return `${text}---\n${text}`;
  if (t.op === 'insert') { const at = t.at % (text.length + 1); return text.slice(0, at) + t.s + text.slice(at); }
  return text;
}

function firstHasSteps(text: string): boolean {
  try {
    const c = parseAllDocuments(text)[0]?.contents;
    return isMap(c) && c.items.some((i) => isScalar(i.key) && i.key.value === 'steps');
  } catch { return false; }
}


/** `file` is named in every failure: the mutant stays on disk to be replayed. */
function expectContract(r: { code: number; out: string; err: string; ms: number }, allowed: number[], file: string): void {
  expect(r.ms, file).toBeLessThan(10_000);
  expect(allowed, `${file}: ${r.err}`).toContain(r.code);
  expect(r.err + r.out, file).not.toMatch(/internal error|\n\s+at |TypeError|RangeError|ReferenceError/);
  if (r.code === 2) {
    expect(r.err.trimEnd().split('\n'), `${file}: ${r.err}`).toHaveLength(1);
    expect(r.err, file).toMatch(/^error: .+:\d+:\d+: /);
  }
  if (r.code === 1) expect(r.out, file).toMatch(/^FAIL: /m);
}

describe('fuzz: structural mutations of manifests, scenarios and patches', () => {
  const dir = mkdtempSync(join(tmpdir(), 'kubemodel-sfuzz-'));
  let n = 0;

  it('starts from valid scenarios: each seed, unmutated, validates and runs to exit 0', async () => {
    for (const doc of SCENARIO_SEEDS) {
      const f = join(dir, `seed-${n++}.yaml`);
      writeFileSync(f, stringifyYaml(doc));
      const v = await runCli(['validate', f]);
      expect(v.code, v.err).toBe(0);
      const r = await runCli(['run', f]);
      expect(r.code, r.err + r.out).toBe(0);
    }
  });

  it('manifests through validate: exit 0 or 2, one line, no internal error', async () => {
    const manifests = SEEDS.flatMap((s) => s.split(/^---\n/m)).map((d) => parseYaml(d) as Json);
    await fc.assert(fc.asyncProperty(fc.constantFrom(...manifests), fc.array(structural, { minLength: 1, maxLength: 4 }), textual, async (doc, ms, t) => {
      const f = join(dir, `s${n++}.yaml`);
      writeFileSync(f, mutateText(stringifyYaml(mutateTree(doc, ms)), t));
      expectContract(await runCli(['validate', f]), [0, 2], f);
    }), { seed: SEED, numRuns: 300 });
  });

  it('scenarios and patches through validate and run: exit 0, 1 or 2, one line; validate refuses what run refuses', async () => {
    const outcomes: Record<string, number> = {};
    await fc.assert(fc.asyncProperty(fc.constantFrom(...SCENARIO_SEEDS), fc.array(structural, { minLength: 1, maxLength: 2 }), textual, async (doc, ms, t) => {
      const f = join(dir, `s${n++}.yaml`);
      const text = mutateText(stringifyYaml(mutateTree(doc, ms)), t);
      writeFileSync(f, text);
      const v = await runCli(['validate', f]);
      expectContract(v, [0, 2], f);
      const r = await runCli(['run', f]);
      expectContract(r, [0, 1, 2], f);
      // A file whose first document is a map with steps is a scenario to both commands (others may be read as manifests by validate).
      if (v.code === 2 && firstHasSteps(text)) expect(r.err, f).toBe(v.err);
      outcomes[`validate ${v.code}, run ${r.code}`] = (outcomes[`validate ${v.code}, run ${r.code}`] ?? 0) + 1;
    }), { seed: SEED, numRuns: 120 });
    // The mutations are small enough that many scenarios still run: the run side is exercised, not only the loader.
    console.log(outcomes);
    const ran = (outcomes['validate 0, run 0'] ?? 0) + (outcomes['validate 0, run 1'] ?? 0);
    expect(ran).toBeGreaterThanOrEqual(20);
  });
});
