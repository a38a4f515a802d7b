// What a hostile user tried at 293ffca, each as a fixture under
// testdata/hostile with its exit status and its one line: bounds that are
// kept (objects, events, virtual time, livelocks), special files, patches
// that go through decoding and admission, validate refusing what run
// refuses, one-line errors, a closed pipe, reports/out that is a file,
// exact integers and strict UTF-8. (check --time-limit for every catalogue
// bug is in properties/check.test.ts, the bench's budget in bench/index.test.ts.)
import { describe, expect, it } from 'vitest';
import { mkdtempSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from './testing/stdio.js';
import { Cluster } from '../runtime/cluster.js';
import { renderText, finalList } from '../reports/scenario.js';
import type { RunResult } from '../runtime/scenario/run.js';
import { admitCreate } from '../model/api/admission/index.js';
import { ApiError } from '../model/api/errors.js';

const HOSTILE = join(import.meta.dirname, 'testdata', 'hostile');
const DIST_MAIN = join(import.meta.dirname, '..', 'dist', 'cli', 'main.js');
const fixture = (name: string) => join(HOSTILE, name);

// What the last command printed.
let out = '';
let err = '';
async function main(args: string[]): Promise<number> {
  const r = await runCli(args);
  out = r.out;
  err = r.err;
  return r.code;
}

const tmp = mkdtempSync(join(tmpdir(), 'kubemodel-hostile-'));
function file(name: string, text: string | Buffer): string {
  const p = join(tmp, name);
  writeFileSync(p, text);
  return p;
}

/** Exit 2: exactly one line on stderr, `error: FILE:LINE:COL: ...`, and nothing on stdout. */
function expectOneLine(code: number, re: RegExp): void {
  expect(code, err).toBe(2);
  const lines = err.trimEnd().split('\n');
  expect(lines, err).toHaveLength(1);
  expect(lines[0]).toMatch(/^error: [^\n]+:\d+:\d+: /);
  expect(lines[0]).toMatch(re);
  expect(err).not.toMatch(/internal error|\n\s+at /);
  expect(out).toBe('');
}

/**
 * Exit 1, a run stopped early by a limit: the report's one `error:` line
 * (at the step where it happened) and the final state, never a trace.
 */
function expectStoppedRun(code: number, re: RegExp): void {
  expect(code, out + err).toBe(1);
  const lines = out.split('\n').filter((l) => l.startsWith('error: '));
  expect(lines).toHaveLength(1);
  expect(lines[0]).toMatch(/^error: [^\n]+:\d+:\d+: /);
  expect(lines[0]).toMatch(re);
  expect(out).toMatch(/^FAIL: .*run stopped early$/m);
  expect(out).toContain('final state at ');
  expect(err).toBe('');
}

describe('bounds that are kept', () => {
  it('a livelock is called one within a bound scaled to the cluster, naming the object that churns', async () => {
    const code = await main(['run', fixture('livelock.yaml')]);
    expectStoppedRun(code, /livelock\.yaml:\d+:\d+: no progress: more than (\d+) events at virtual time 2017-03-11T00:00:00Z without time moving on .*; most written: pod default\/[a-z]-[a-z0-9]{5} \(\d+ writes\)$/);
    // 100,000 plus a share per object: far below the 10M at one instant it took at 293ffca.
    const bound = Number(/more than (\d+) events/.exec(out)![1]);
    expect(bound).toBeGreaterThanOrEqual(100_000);
    expect(bound).toBeLessThan(200_000);
  });

  it.each([
    ['too-many-objects.yaml', 60, /creating pod default\/big-[a-z0-9]{5}$/],
    ['scale-huge.yaml', 200, /creating pod default\/web-[a-z0-9]+-[a-z0-9]{5}$/],
  ])('%s ends at cluster.limits.objects with one line', async (name, limit, creating) => {
    const code = await main(['run', fixture(name)]);
    expectStoppedRun(code, new RegExp(`object limit exceeded: the store holds ${limit} objects besides Events, the most a run may \\(cluster\\.limits\\.objects\\); `));
    expect(out.split('\n').find((l) => l.startsWith('error: '))).toMatch(creating);
  });

  it.each(['validate', 'run'])('%s refuses 100 waits of 720h up front, at the step that crosses the limit', async (cmd) => {
    expectOneLine(await main([cmd, fixture('long-waits.yaml')]),
      /long-waits\.yaml:5:5: the steps so far may run for 1440h of virtual time, more than the 720h a scenario may \(cluster\.limits\.virtualTime\)$/);
  });

  it.each(['validate', 'run'])('%s refuses a scenario whose events cannot fit cluster.limits.events', async (cmd) => {
    expectOneLine(await main([cmd, fixture('few-events.yaml')]),
      /few-events\.yaml:5:5: the steps so far need at least \d+ events for 3 nodes over 1h of virtual time, more than the 1000 a run may \(cluster\.limits\.events\)$/);
  });

  it('cluster.limits are checked as any field: unknown keys, wrong types, non-positive values', async () => {
    const cases: Array<[string, RegExp]> = [
      ['cluster: { limits: { object: 5 } }', /:1:22: unknown field "cluster\.limits\.object" \(known: objects, events, virtualTime\)$/],
      ['cluster: { limits: { objects: many } }', /:1:22: cluster\.limits\.objects must be an integer from 1 to 10000000$/],
      ['cluster: { limits: { events: 0 } }', /:1:22: cluster\.limits\.events must be an integer from 1 to 2000000000$/],
      ['cluster: { limits: { virtualTime: 5 } }', /:1:22: time: invalid duration 5: a duration is a string such as "30s"$/],
      ['cluster: { nodes: 40, limits: { objects: 50 } }', /:1:12: 40 nodes need 84 objects \(4 namespaces, and a Node and a Lease each\), more than the 50 a run may \(cluster\.limits\.objects\)$/],
      ['cluster: { limits: { virtualTime: 0s } }', /:1:22: cluster\.limits\.virtualTime must be more than 0s and at most 876000h$/],
    ];
    for (const [cluster, re] of cases) {
      err = '';
      expectOneLine(await main(['validate', file('limits.yaml', `${cluster}\nname: l\nsteps: [{ wait: 1s }]\n`)]), re);
    }
  });

  it('prints the final state of 250,000 objects of one kind (no spread past the argument limit)', () => {
    const cluster = new Cluster({ nodes: [], controllers: [], maxObjects: 300_000 });
    for (let i = 0; i < 250_000; i++) {
      cluster.store.create({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: `cm-${i}`, namespace: 'default' } } as any);
    }
    expect(cluster.objects().filter((o) => o.kind === 'ConfigMap')).toHaveLength(250_000);
    const r = { scenario: { name: 'many', steps: [] }, cluster, timeline: [], checks: [], requests: [], lookups: [], evictions: [], violations: [] } as unknown as RunResult;
    expect((finalList(r).items as unknown[]).filter((o: any) => o.kind === 'ConfigMap')).toHaveLength(250_000);
    expect(() => renderText(r)).not.toThrow();
  });
});

describe('errors at size', () => {
  it('a Deployment whose selector holds 250,000 invalid values is refused with all of them, not a stack overflow', () => {
    const values = Array.from({ length: 250_000 }, () => 'a-');
    const d = {
      apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web', namespace: 'default' },
      spec: {
        selector: { matchLabels: { app: 'web' }, matchExpressions: [{ key: 'tier', operator: 'In', values }] },
        template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'c', image: 'x' }] } },
      },
    };
    let caught: unknown;
    try { admitCreate(d as any); } catch (e) { caught = e; }
    expect(caught).toBeInstanceOf(ApiError);
    const onValues = (caught as ApiError).causes.filter((c) => c.field.startsWith('spec.selector.matchExpressions[0].values['));
    expect(onValues).toHaveLength(250_000);
    expect(onValues[249_999]!.field).toBe('spec.selector.matchExpressions[0].values[249999]');
  });
});

describe('special files', () => {
  it.each([
    ['a directory', () => { const d = join(tmp, 'adir'); mkdirSync(d, { recursive: true }); return d; }, /adir:1:1: the path ".*adir" is a directory, not a file$/],
    ['/dev/zero', () => '/dev/zero', /^error: \/dev\/zero:1:1: the path "\/dev\/zero" is not a regular file$/],
    ['a FIFO (never opened, so never a hang)', () => {
      const p = join(tmp, `fifo-${process.pid}`);
      const r = spawnSync('mkfifo', [p]);
      if (r.status !== 0) throw new Error(`this test needs mkfifo (coreutils): ${r.error?.message ?? r.stderr}`);
      return p;
    }, /fifo-\d+:1:1: the path ".*fifo-\d+" is not a regular file$/],
    ['a missing file', () => join(tmp, 'nope.yaml'), /nope\.yaml:1:1: the path ".*nope\.yaml" does not exist$/],
    ['a file over 1 MiB', () => file('big.yaml', `# ${'x'.repeat(1 << 20)}\n`), /big\.yaml:1:1: file is too large/],
  ])('validate %s: one line', async (_what, path, re) => {
    expectOneLine(await main(['validate', path()]), re);
  });

  it.each([
    ['apply-dev-zero.yaml', /apply-dev-zero\.yaml:3:5: the path "\/dev\/zero" is not a regular file$/],
    ['apply-missing.yaml', /apply-missing\.yaml:4:5: the path "[^"]*missing\.yaml" does not exist$/],
  ])('%s is reported at its step, by validate and by run', async (name, re) => {
    for (const cmd of ['validate', 'run']) {
      err = '';
      expectOneLine(await main([cmd, fixture(name)]), re);
    }
  });
  it.each([
    ['/dev/zero', () => '/dev/zero'],
    ['a FIFO', () => { const p = join(tmp, `cmp-fifo-${process.pid}`); spawnSync('mkfifo', [p]); return p; }],
  ])('bench --compare %s: refused before running, one line', async (_what, path) => {
    const p = path();
    expect(await main(['bench', '--quick', '--compare', p])).toBe(2);
    expect(err).toBe(`error: --compare: cannot read ${p}: not a regular file\n`);
    expect(out).toBe('');
  });
});

describe('patches go through the same decoding and admission as apply', () => {
  it.each([
    ['patch-replicas-string.yaml', /patch-replicas-string\.yaml:5:5: Deployment in version "v1" cannot be handled as a Deployment: json: cannot unmarshal string into Go struct field DeploymentSpec\.spec\.replicas of type int32$/],
    ['patch-unknown-field.yaml', /patch-unknown-field\.yaml:4:5: Deployment in version "v1" cannot be handled as a Deployment: strict decoding error: unknown field "frob"$/],
    ['patch-proto.yaml', /patch-proto\.yaml:4:5: Deployment in version "v1" cannot be handled as a Deployment: strict decoding error: unknown field "spec\.__proto__"$/],
    ['patch-status-conditions.yaml', /patch-status-conditions\.yaml:5:5: Deployment in version "v1" cannot be handled as a Deployment: json: cannot unmarshal number into Go struct field DeploymentStatus\.status\.conditions of type \[\]v1\.DeploymentCondition$/],
  ])('run %s: refused at the step, one line', async (name, re) => {
    expectOneLine(await main(['run', fixture(name)]), re);
  });

  it.each(['validate', 'run'])('%s refuses subresource: frob in kubectl\'s words', async (cmd) => {
    expectOneLine(await main([cmd, fixture('patch-subresource-frob.yaml')]),
      /patch-subresource-frob\.yaml:4:5: invalid subresource value: "frob"\. Must be one of \[status scale\]$/);
  });

  it('a refused patch changes nothing: the object stays as it was', async () => {
    const scenario = file('patch-then-expect.yaml', [
      'name: patch-then-expect',
      'steps:',
      `  - apply: ${fixture('deploy.yaml')}`,
      '  - wait: 30s',
      '  - patch: deploy/web',
      '    subresource: scale',
      '    merge: { spec: { replicas: 2 } }',
      '  - wait: 30s',
      '  - expect:',
      '      - get: deploy/web',
      '        path: .status.readyReplicas',
      '        equals: 2',
    ].join('\n'));
    expect(await main(['run', scenario]), out + err).toBe(0);
  });
});

describe('validate refuses what run refuses at load, in the same words', () => {
  it.each([
    ['wait-for-condition.yaml', /wait-for-condition\.yaml:4:5: unrecognized condition: "exploded"/],
    ['wait-for-jsonpath.yaml', /wait-for-jsonpath\.yaml:4:5: invalid path "\{\.status\[\}"/],
    ['invariants-unknown.yaml', /invariants-unknown\.yaml:2:14: unknown invariant "frob" \(known: /],
    ['stesp.yaml', /stesp\.yaml:2:1: unknown field "stesp" \(expected one of: name, description, seed, cluster, controllers, invariants, steps\)$/],
    ['wait-list.yaml', /wait-list\.yaml:3:5: time: invalid duration \["5s"\]: a duration is a string such as "30s"$/],
    ['wait-number.yaml', /wait-number\.yaml:3:5: time: invalid duration 5: a duration is a string such as "30s"$/],
  ])('%s', async (name, re) => {
    expectOneLine(await main(['validate', fixture(name)]), re);
    const line = err;
    err = '';
    expectOneLine(await main(['run', fixture(name)]), re);
    expect(err).toBe(line);
  });
});

describe('one line, always', () => {
  it('two identical Pod documents in one file are valid (the earlier object is compared after defaulting)', async () => {
    expect(await main(['validate', fixture('identical-pods.yaml')]), err).toBe(0);
    expect(err).toBe('');
  });

  it.each([
    ['name-newline.yaml', /name-newline\.yaml:3:\d+: Pod "a\\nb" is invalid: metadata\.name: Invalid value: "a\\nb": a lowercase RFC 1123 subdomain/],
    ['name-nul.yaml', /name-nul\.yaml:3:\d+: Pod "a\\x00b" is invalid: metadata\.name: Invalid value: "a\\x00b": a lowercase RFC 1123 subdomain/],
  ])('%s: the name quoted as Go quotes it', async (name, re) => {
    expectOneLine(await main(['validate', fixture(name)]), re);
  });

  it('a run-time update error with a diff is one line', async () => {
    expectOneLine(await main(['run', fixture('pod-update.yaml')]),
      /pod-update\.yaml:\d+:\d+: Pod "p" is invalid: spec: Forbidden: pod updates may not change fields other than `spec\.containers\[\*\]\.image`.*\\n.*containers\[0\]\.command/);
  });

  it('a path into a string does not read its length', async () => {
    const code = await main(['run', fixture('name-length.yaml')]);
    expect(code).toBe(1);
    expect(out).toContain('name-length.yaml:5:9: web: .metadata.name.length is null, expected 3');
  });

  it('a closed pipe ends the output quietly (run --watch -o json | head -c100)', () => {
    const example = join(import.meta.dirname, '..', 'examples', 'deploy-rolling-update.yaml');
    const r = spawnSync('bash', ['-c', `set -o pipefail; node ${JSON.stringify(DIST_MAIN)} run ${JSON.stringify(example)} --watch -o json | head -c100 >/dev/null; echo "status \${PIPESTATUS[0]}"`], { encoding: 'utf8' });
    expect(r.stdout.trim()).toBe('status 0');
    expect(r.stderr).not.toMatch(/EPIPE|Error|\n\s+at /);
  });
});

describe('reports/out that is a file', () => {
  it.each([
    ['check', ['check', '--runs', '1', '--property', 'replicasets']],
    ['bench', ['bench', '--quick']],
  ])('%s refuses before running anything, one line', (_cmd, args) => {
    const cwd = mkdtempSync(join(tmpdir(), 'kubemodel-outfile-'));
    mkdirSync(join(cwd, 'reports'));
    writeFileSync(join(cwd, 'reports', 'out'), 'not a directory\n');
    const r = spawnSync(process.execPath, [DIST_MAIN, ...args], { cwd, encoding: 'utf8', timeout: 60_000 });
    expect(r.status, r.stderr).toBe(2);
    expect(r.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(r.stderr).toBe('error: cannot write reports: reports/out is not a directory\n');
    expect(r.stdout).toBe('');
    expect(readdirSync(join(cwd, 'reports'))).toEqual(['out']);
  });
});

describe('numbers and text as the API server reads them', () => {
  it('a bare ., -. or .e1 is a string, as go-yaml reads it', async () => {
    const scenario = file('dots-run.yaml', `name: dots\nsteps:\n  - apply: ${fixture('dot-values.yaml')}\n`);
    expect(await main(['run', scenario, '-o', 'json']), err).toBe(0);
    const pod = JSON.parse(out).items.find((o: any) => o.kind === 'Pod' && o.metadata.name === 'dots');
    expect(pod.metadata.annotations).toEqual({ a: '.', b: '-.', c: '.e1' });
  });

  it('an int64 is kept exact: 9223372036854775807 is accepted; one more is a float64, as kubectl sends it', async () => {
    expect(await main(['validate', fixture('int64.yaml')]), err).toBe(0);
    expect(out).toBe('pod/tolerant created (server dry run)\n');
    out = '';
    // kubectl decodes the manifest keeping only int64-sized integers exact (apimachinery util/json);
    // a bigger one is a float64, re-encoded with its shortest digits before the server sees it.
    expectOneLine(await main(['validate', fixture('int64-overflow.yaml')]),
      /int64-overflow\.yaml:5:\d+: Pod in version "v1" cannot be handled as a Pod: json: cannot unmarshal number 9223372036854776000 into Go struct field Toleration\.spec\.tolerations\.tolerationSeconds of type int64$/);
  });

  it('an exact int64 survives the run: the stored toleration keeps its digits', async () => {
    const scenario = file('int64-run.yaml', `name: int64\nsteps:\n  - apply: ${fixture('int64.yaml')}\n  - wait: 5s\n`);
    expect(await main(['run', scenario]), out + err).toBe(0);
  });

  it.each(['validate', 'run'])('%s refuses non-UTF-8 input at the broken byte, in go-yaml\'s words', async (cmd) => {
    expectOneLine(await main(['validate', fixture('latin1.yaml')]), /latin1\.yaml:3:22: yaml: invalid trailing UTF-8 octet$/);
    err = '';
    const scenario = file(`latin1-${cmd}.yaml`, `name: latin1\nsteps:\n  - apply: ${fixture('latin1.yaml')}\n`);
    expectOneLine(await main([cmd, scenario]), /latin1\.yaml:3:22: yaml: invalid trailing UTF-8 octet$/);
  });
});
