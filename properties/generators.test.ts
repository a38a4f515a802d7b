import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildScenario, healSteps, rawScenarioArb, scenarioArb, scenarioText, step } from './generators/scenario.js';
import { runScenario } from '../runtime/scenario/run.js';
import { builtinControllers } from './controllers/index.js';

const drive = (s: Parameters<typeof runScenario>[0]) => runScenario(s, { controllers: builtinControllers, skipInapplicable: true, catchErrors: true });
import { scenarioToYaml } from './counterexample.js';
import { loadScenario } from '../runtime/scenario/load.js';
import { describeStep } from '../runtime/scenario/describe.js';
import { testSeed } from './test-seed.js';
import { GENERATOR_EXCLUDES } from './suites/excludes.js';

const seed = testSeed();
const NODE_VERBS = new Set(['node-add', 'node-remove', 'node-crash', 'node-recover', 'node-partition', 'node-heal', 'cordon', 'uncordon']);

describe(`generators (seed ${seed})`, () => {
  it('draw scenarios that load as scenario files: every pod and node passes schema and admission', () => {
    const dir = mkdtempSync(join(tmpdir(), 'kubemodel-gen-'));
    fc.sample(scenarioArb({ invariants: ['no-overcommit'] }), { seed, numRuns: 40 }).forEach((s, i) => {
      const file = join(dir, `s${i}.yaml`);
      writeFileSync(file, scenarioToYaml(s));
      const loaded = loadScenario(file);
      expect(loaded.steps.map((x) => describeStep(x))).toEqual(s.steps.map((x) => describeStep(x)));
      expect(loaded.nodes).toEqual(s.nodes);
      expect(loaded.images).toEqual(s.images);
    });
  });

  it('only generate node steps that are valid where they stand (the driver skips only pod steps)', () => {
    let nodeSteps = 0;
    // Without the operations excluded for a known runtime bug: a run it kills stops early.
    for (const s of fc.sample(scenarioArb({ exclude: GENERATOR_EXCLUDES, suffix: (m) => healSteps(m, GENERATOR_EXCLUDES) }), { seed, numRuns: 60 })) {
      const r = drive(s);
      expect(r.error).toBeUndefined();
      const ran = new Set(r.executed);
      for (const st of s.steps) {
        if (NODE_VERBS.has(st.verb)) { nodeSteps++; expect(ran.has(st), describeStep(st)).toBe(true); }
      }
    }
    expect(nodeSteps).toBeGreaterThan(20);
  });

  it('print steps as kubectl-like lines', () => {
    const s = fc.sample(scenarioArb({ suffix: () => [step('wait', '1m')] }), { seed, numRuns: 1 })[0]!;
    const text = scenarioText(s).split('\n');
    expect(text[0]).toMatch(/^seed \d+; nodes node-1\(/);
    expect(text.at(-1)).toBe('wait 1m');
    expect(describeStep(step('watch-delay', 'kube-scheduler', { delay: '8s' }))).toBe('watch-delay kube-scheduler --delay=8s');
  });

  it('are pure: the same draw builds the same scenario, and the heal suffix undoes every fault', () => {
    let healed = 0;
    for (const raw of fc.sample(rawScenarioArb(), { seed, numRuns: 30 })) {
      const a = buildScenario(raw, { suffix: (m) => healSteps(m) });
      const b = buildScenario(raw, { suffix: (m) => healSteps(m) });
      expect(scenarioText(a)).toBe(scenarioText(b));
      const r = drive(a);
      // A run the known kubelet bug kills (suites/excludes.ts) says nothing about the generator;
      // the pending-pods-scheduled property reports it when it is not excluded.
      if (r.error) continue;
      healed++;
      for (const [name, k] of r.cluster.kubelets) {
        expect(r.cluster.nodeState(name)).toBe('up');
        expect(k.isRunning).toBe(true);
        expect(r.cluster.store.get('Node', undefined, name)?.spec?.unschedulable).toBeUndefined();
      }
    }
    expect(healed).toBeGreaterThan(20);
  });

  it('draw every kind of step, the thresholds among the waits, and bursts of pods', () => {
    const verbs = new Set<string>();
    const waits = new Set<string>();
    let burst = 0;
    for (const s of fc.sample(scenarioArb(), { seed, numRuns: 300 })) {
      for (const st of s.steps) {
        verbs.add(st.verb);
        if (st.verb === 'wait') waits.add(String(st.value));
        if (st.verb === 'apply' && (st.objects?.length ?? 0) >= 4) burst++;
      }
    }
    expect([...verbs].sort()).toEqual(['apply', 'cordon', 'create', 'delete', 'drain', 'label', 'node-add', 'node-crash', 'node-heal', 'node-partition', 'node-recover',
      'node-remove', 'patch', 'pod-fail', 'pod-ready', 'pod-unready', 'restart', 'uncordon', 'wait', 'watch-delay']);
    for (const w of ['1s', '10s', '45s', '55s', '65s', '5m', '6m']) expect(waits.has(w)).toBe(true);
    expect(burst).toBeGreaterThan(10);
  });
});
