// examples/library/quota.test.ts: the library used from a vitest file, run by npm test as it stands here.
import { describe, it, expect } from 'vitest';
import {
  Cluster, builtinControllers, defineInvariant, defineProperty, runProperty, runScenario, loadScenario,
  scenario, step, pickStep, fc, parseSelector,
} from 'kubemodel';

// Selectors, as apimachinery parses and prints them.
parseSelector('app=web,tier in (fe,be)').toString();          // 'app=web,tier in (be,fe)'

// A scenario file, or one built in code, run with its result as data.
const r = runScenario(loadScenario('examples/rs-scale.yaml'), { watch: true });
r.ok; r.checks; r.violations; r.objects; r.watch;             // expectations, violations, final objects, the stream

// A cluster of your own: the built-ins, with one dropped (or added, or replaced).
const c = new Cluster({ nodes: 3, controllers: builtinControllers.filter((m) => m.name !== 'kube-scheduler') });
c.store.create({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' }, spec: { containers: [{ name: 'c', image: 'nginx' }] } });
c.run(60_000);                                                // a minute of virtual time

// An invariant and a property of your own.
const fewPods = defineInvariant({
  name: 'at-most-ten-pods', description: 'never more than ten pods', guards: 'a quota',
  create: () => ({ name: 'at-most-ten-pods', check: (cl) => (cl.store.count('Pod') > 10 ? 'too many pods' : undefined) }),
});
const pods = (n: number) => Array.from({ length: n }, (_, i) => ({ apiVersion: 'v1', kind: 'Pod', metadata: { generateName: 'p-' }, spec: { containers: [{ name: 'c', image: 'nginx' }] } }));
const quota = defineProperty({
  name: 'quota', description: 'bursts of pods stay under ten', invariants: [fewPods],
  scenarios: fc.array(fc.integer({ min: 1, max: 4 }), { maxLength: 2 }).map((ns) => scenario({
    nodes: 2,
    steps: [...ns.map((n) => step('apply', pods(n))), pickStep((cl) => {     // a step chosen when it runs
      const first = cl.store.list('Pod')[0];
      return first && step('pod-fail', first.metadata.name);
    })],
  })),
});

describe('my cluster', () => {
  it('keeps its quota', () => {
    const result = runProperty(quota, { seed: 1, runs: 100 });  // KUBEMODEL_SEED or a fixed default unless given
    expect(result.ok, result.counterexampleYaml).toBe(true);  // on failure: a scenario file kubemodel run replays
  });
});
