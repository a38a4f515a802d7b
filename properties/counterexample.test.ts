import { describe, it, expect } from 'vitest';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadScenario } from '../runtime/scenario/load.js';
import { runScenario } from '../runtime/scenario/run.js';
import { harnessOf } from './registry.js';
import { noOvercommitProperty } from './controllers/scheduler/no-overcommit.property.js';
import { failureReport } from './failure.js';
import { imagesToFile, stepToFile, withUsedImages } from './counterexample.js';
import { step } from './generators/scenario.js';
import { testSeed } from './test-seed.js';
import { builtinControllers } from './controllers/index.js';

const seed = testSeed();

describe('counterexamples', () => {
  it(`a shrunk failure written as a scenario file replays to the same violation (seed ${seed})`, () => {
    const r = noOvercommitProperty.run({ controllers: builtinControllers, seed, runs: 300, bugs: ['scheduler-ignores-assumed-pods'], timeLimitMs: 30_000 });
    expect(r.ok).toBe(false);
    const dir = mkdtempSync(join(tmpdir(), 'kubemodel-ce-'));
    const rep = failureReport(noOvercommitProperty, r, { outDir: dir });
    expect(rep.file).toMatch(new RegExp(`counterexample-no-overcommit-${seed}\\.yaml$`));
    const text = readFileSync(rep.file, 'utf8');
    expect(text).toMatch(/^# Found by: kubemodel check --property no-overcommit --seed \d+ --inject scheduler-ignores-assumed-pods/);
    expect(text).toContain('  bugs:\n    - scheduler-ignores-assumed-pods');

    const loaded = loadScenario(rep.file);
    expect(loaded.invariants).toEqual(['no-overcommit']);
    expect(loaded.bugs).toEqual(['scheduler-ignores-assumed-pods']);
    const replay = runScenario(loaded, { controllers: builtinControllers, invariants: harnessOf(builtinControllers).checkers(loaded.invariants) });
    expect(replay.ok).toBe(false);
    const f = r.failure!;
    expect(replay.violations[0]).toEqual({ invariant: f.invariant, message: f.message, timeMs: f.timeMs, step: f.step });
  });

  it('spells images and steps the way scenario files do', () => {
    expect(imagesToFile({ 'crash:1.0': { exitAfterMs: 90_000, exitCode: 1 }, 'slow:1.0': { startupMs: 500, stopMs: 0 } }))
      .toEqual({ 'crash:1.0': { exitAfter: '1m30s', exitCode: 1 }, 'slow:1.0': { startup: '500ms', stop: '0s' } });
    expect(stepToFile(step('delete', 'pod/pod-1', { grace: 0, cascade: 'orphan' }))).toEqual({ delete: 'pod/pod-1', grace: 0, cascade: 'orphan' });
    const pod = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' }, spec: { containers: [] } };
    expect(stepToFile(step('apply', [pod]))).toEqual({ apply: [pod] });
  });

  it('keeps the image behaviours that set-image steps, pod templates and patches use, and only those', () => {
    const deploy = { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web' }, spec: { selector: { matchLabels: { app: 'web' } }, template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'web', image: 'web:1' }] } } } };
    const s = withUsedImages({
      file: 'x', name: 'x', seed: 1, nodes: [], config: {}, bugs: [], invariants: [],
      images: { 'web:1': {}, 'web:bad': { ready: 'never' }, 'web:slow': { startupMs: 20_000 }, 'unused:1': { pull: 'fail' } },
      steps: [step('apply', deploy), step('set-image', 'deploy/web', { image: 'web:bad' }), step('patch', 'deploy/web', { merge: { spec: { template: { spec: { containers: [{ name: 'web', image: 'web:slow' }] } } } } })],
    });
    expect(Object.keys(s.images).sort()).toEqual(['web:1', 'web:bad', 'web:slow']);
  });
});

