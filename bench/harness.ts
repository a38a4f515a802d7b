// The harness suite: how many whole scenario runs per second the runner
// manages for a small cluster (3 nodes, 20 steps: pods applied and waited
// for, a node crash and recovery, a delete, expectations). This is the cost
// that bounds property checking, which runs thousands of scenarios.
import { Bench } from 'tinybench';
import type { KubeObject } from '../model/api/types.js';
import { defaultNodes } from '../runtime/nodes.js';
import { runScenario } from '../runtime/scenario/run.js';
import type { Check, Position, Scenario, Step } from '../runtime/scenario/types.js';
import type { Figure, Suite } from './types.js';
import { builtinControllers } from '../properties/controllers/index.js';

const FILE = 'bench/harness.ts';

const pod = (name: string, nodeName?: string): KubeObject => ({
  apiVersion: 'v1', kind: 'Pod', metadata: { name, labels: { app: 'web' } },
  spec: { ...(nodeName ? { nodeName } : {}), containers: [{ name: 'app', image: 'nginx:1.27', resources: { requests: { cpu: '100m', memory: '64Mi' } } }] },
});

/** The benchmark scenario, built in code as the loader would produce it. */
export function harnessScenario(): Scenario {
  const steps: Step[] = [];
  const pos = (): Position => ({ file: FILE, line: steps.length + 1, col: 1 });
  const step = (verb: string, value: unknown, options: Record<string, unknown> = {}, extra: Partial<Step> = {}) => {
    steps.push({ verb, value, options, pos: pos(), ...extra });
  };
  const apply = (obj: KubeObject) => {
    const p = pos();
    step('apply', obj, {}, { objects: [{ object: obj, pos: p, locate: () => p }] });
  };
  const expect = (checks: Array<Omit<Check, 'pos'>>) => {
    const p = pos();
    step('expect', checks, {}, { checks: checks.map((c) => ({ ...c, pos: p })) });
  };
  for (const n of ['web-1', 'web-2', 'web-3']) apply(pod(n));
  for (const n of ['web-1', 'web-2', 'web-3']) step('wait-for', `pod/${n}`, { condition: 'ready', timeout: '1m' });
  expect([{ get: 'pods', count: 3 }]);
  apply(pod('pinned', 'node-2'));
  step('wait-for', 'pod/pinned', { condition: 'ready', timeout: '1m' });
  step('node-crash', 'node-2');
  step('wait', '60s');
  expect([{ get: 'node/node-2', path: '.status.conditions[?(@.type=="Ready")].status', equals: 'Unknown' }]);
  step('node-recover', 'node-2');
  step('wait-for', 'node/node-2', { condition: 'ready', timeout: '2m' });
  apply(pod('web-4'));
  step('wait-for', 'pod/web-4', { condition: 'ready', timeout: '1m' });
  step('delete', 'pod/web-1');
  step('wait-for', 'pod/web-1', { condition: 'delete', timeout: '2m' });
  step('wait', '10s');
  expect([{ get: 'pods', count: 4 }, { get: 'pod/pinned', path: '.spec.nodeName', equals: 'node-2' }]);
  return {
    file: FILE, name: 'bench-harness', seed: 1, nodes: defaultNodes(3), config: {}, images: {}, bugs: [], invariants: [], steps,
  };
}

let sink = 0;

export const harnessSuite: Suite = {
  id: 'harness',
  title: 'Harness',
  async run({ quick, progress }) {
    const scenario = harnessScenario();
    if (scenario.steps.length !== 20) throw new Error(`the harness scenario has ${scenario.steps.length} steps, not 20`);
    const check = runScenario(scenario, { controllers: builtinControllers });
    if (!check.ok) {
      const why = check.failure?.message ?? check.checks.filter((c) => !c.ok).map((c) => `${c.text}: ${c.message}`).join('; ');
      throw new Error(`the harness scenario fails, so its timing would mean nothing: ${why}`);
    }
    progress.step('scenario runs (3 nodes, 20 steps)', 0, 1);
    const bench = new Bench({ time: quick ? 500 : 3_000, warmupTime: quick ? 100 : 500, iterations: quick ? 10 : 50, throws: true });
    bench.add('scenario run', () => { sink += runScenario(scenario, { controllers: builtinControllers }).timeline.length; });
    await bench.run();
    const r = bench.tasks[0]!.result;
    if (!r || r.error) throw r?.error ?? new Error('the harness benchmark produced no result');
    const samples = r.latency.samples.length;
    const figures: Figure[] = [
      { name: 'scenario run (3 nodes, 20 steps)', unit: 'ms/run', value: r.latency.mean, samples, rme: r.latency.rme, better: 'smaller' },
      { name: 'scenario runs per second', unit: 'runs/s', value: 1000 / r.latency.mean, samples, rme: r.latency.rme, better: 'larger' },
    ];
    if (sink === -1) console.log(sink);
    return {
      figures,
      notes: [`One run: a fresh 3-node cluster, then ${scenario.steps.length} steps (apply and wait for pods, node-crash, 60s wait, node-recover, delete, expectations) with runScenario, about ${Math.round(check.cluster.clock.now() / 1000)}s of virtual time.`],
    };
  },
};
