// The operator example, tested the way a user tests their own operator: the
// package imported by its name, the operator loaded beside the built-in
// controllers. Its property holds as written; with its bug switched on it
// fails through the operator's own invariant, and the shrunk counterexample
// is a scenario file that `kubemodel run` replays (the file names the
// operator module under `controllers:`) to the same violation.
import { describe, it, expect } from 'vitest';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { builtinControllers, harnessOf, loadScenario, runProperty, runScenario } from 'kubemodel';
import memcached, { memcachedProperty, statusFromSpec } from './memcached.js';

const controllers = [...builtinControllers, memcached];
const root = join(import.meta.dirname, '..', '..');
const cli = (...args: string[]) => {
  try { return { code: 0, out: execFileSync(process.execPath, [join(root, 'dist', 'cli', 'main.js'), ...args], { encoding: 'utf8', stdio: 'pipe' }) }; } catch (e: any) { return { code: e.status as number, out: String(e.stdout) + String(e.stderr) }; }
};

describe('the Memcached operator (examples/operator)', () => {
  it('is a controller module: its bug, invariants and property join the harness', () => {
    const h = harnessOf(controllers);
    expect(h.bug('memcached-status-from-spec')).toMatchObject({ component: 'memcached-controller', property: 'memcached-status', invariant: 'memcached-ready-is-true' });
    expect(h.property('memcached-status')).toBe(memcachedProperty);
    expect(h.invariant('memcached-ready-is-true')).toBeDefined();
  });

  it('its scenario passes: the Deployment, the status, scaling, deletion through the garbage collector', () => {
    const r = runScenario(loadScenario(join(import.meta.dirname, 'memcached.yaml')), { controllers });
    expect(r.checks.filter((c) => !c.ok)).toEqual([]);
    expect(r.violations).toEqual([]);
    expect(r.ok).toBe(true);
  });

  it('holds as written', () => {
    const r = runProperty(memcachedProperty, { controllers, runs: 40 });
    expect(r.failure?.message).toBeUndefined();
    expect(r.ok).toBe(true);
  });

  it(`with ${statusFromSpec.name} it fails through memcached-ready-is-true, and the counterexample replays with kubemodel run`, () => {
    const r = runProperty(memcachedProperty, { controllers, runs: statusFromSpec.budget, bugs: [statusFromSpec.name] });
    expect(r.ok).toBe(false);
    expect(r.failure!.invariant).toBe('memcached-ready-is-true');
    const file = join(mkdtempSync(join(tmpdir(), 'kubemodel-operator-')), 'counterexample.yaml');
    writeFileSync(file, r.counterexampleYaml!);
    expect(r.counterexampleYaml).toMatch(/^controllers:\n {2}- .*memcached\.js$/m);
    expect(r.counterexampleYaml).toContain(`bugs:\n    - ${statusFromSpec.name}`);
    const replay = cli('run', file);
    expect(replay.code).toBe(1);
    expect(replay.out).toContain(`memcached-ready-is-true: ${r.failure!.message}`);
  });

  it('kubemodel check finds it with --controller, its declared catcher first', () => {
    const r = cli('check', '--controller', join(import.meta.dirname, 'memcached.js'), '--inject', statusFromSpec.name, '--seed', '1', '--time-limit', '60s');
    expect(r.code).toBe(1);
    expect(r.out).toContain(`caught: ${statusFromSpec.name} by memcached-status (its declared catcher)`);
  });
});
