// The public library, used as a user would use it (through index.ts): a
// cluster with the built-ins, one with a controller dropped, added or
// swapped; a scenario run from code with its result as data; an invariant
// and a property of one's own, run with a fixed seed, failing to a shrunk
// counterexample that is a scenario file.
import { describe, it, expect } from 'vitest';
import {
  Cluster, builtinControllers, replicaSetController, defineController, defineInvariant, defineProperty, runProperty, runScenario,
  scenario, step, fc, parseScenario, WorkLoopController, checkersOf, type ControllerContext, type KubeObject,
} from '../index.js';

const pod = (name: string, labels: Record<string, string> = {}) => ({ apiVersion: 'v1', kind: 'Pod', metadata: { name, labels }, spec: { containers: [{ name: 'c', image: 'nginx' }] } });
const rs = (name: string, replicas: number) => ({
  apiVersion: 'apps/v1', kind: 'ReplicaSet', metadata: { name },
  spec: { replicas, selector: { matchLabels: { app: name } }, template: { metadata: { labels: { app: name } }, spec: { containers: [{ name: 'c', image: 'nginx' }] } } },
});

describe('the library: clusters', () => {
  it('runs the built-ins by default, and takes a list: drop one, add one, swap one', () => {
    const plain = new Cluster();
    expect(plain.controllers.map((c) => c.definition.name)).toEqual(builtinControllers.map((c) => c.name));
    const noRS = new Cluster({ controllers: builtinControllers.filter((c) => c !== replicaSetController) });
    noRS.store.create(rs('web', 2));
    noRS.run(10_000);
    expect(noRS.store.list('Pod')).toHaveLength(0);
    // A user's ReplicaSet controller in its place: this toy one only counts pods and reports status.
    class CountingRS extends WorkLoopController {
      readonly name = 'replicaset-controller';
      private readonly sets;
      constructor(ctx: ControllerContext) { super(ctx); this.sets = this.informer('ReplicaSet', { add: (o: KubeObject) => this.enqueue(WorkLoopController.keyOf(o)) }); }
      protected sync(key: string): void {
        const [ns, name] = key.split('/');
        const o = this.sets.get(ns, name!);
        if (o) this.ctx.store.update({ ...o, status: { replicas: 0, observedGeneration: o.metadata.generation } }, { subresource: 'status' });
      }
    }
    const mine = defineController({ name: 'replicaset-controller', watches: ['ReplicaSet'], reconciles: ['ReplicaSet'], make: (ctx) => new CountingRS(ctx) });
    const swapped = new Cluster({ controllers: builtinControllers.map((c) => (c.name === mine.name ? mine : c)) });
    swapped.store.create(rs('web', 2));
    swapped.run(10_000);
    expect(swapped.store.list('Pod')).toHaveLength(0);
    expect(swapped.store.get('ReplicaSet', 'default', 'web')!.status).toEqual({ replicas: 0, observedGeneration: 1 });
  });
});

describe('the library: scenarios from code', () => {
  it('a scenario built in code runs with its result as data: expectations, violations, final objects, the watch stream', () => {
    const r = runScenario(scenario({
      nodes: 1, invariants: 'all',
      steps: [step('apply', pod('web')), step('wait', '10s'), step('expect', [{ get: 'pod/web', path: '.status.phase', equals: 'Running' }])],
    }), { watch: true });
    expect(r.ok).toBe(true);
    expect(r.objects.find((o) => o.kind === 'Pod')!.status.phase).toBe('Running');
    expect(r.watch[0]).toMatchObject({ type: 'ADDED' });
    expect(r.watch.some((w) => w.type === 'MODIFIED' && w.object.kind === 'Pod')).toBe(true);
  });

  it('a scenario from text, as a file would hold it', () => {
    const s = parseScenario('name: t\ncluster: { nodes: 1 }\nsteps:\n  - wait: 1s\n  - expect:\n      - get: nodes\n        count: 2\n', 'inline.yaml');
    const r = runScenario(s);
    expect(r.ok).toBe(false);
    expect(r.checks[0]).toMatchObject({ ok: false, message: 'count is 1, expected 2', pos: { file: 'inline.yaml', line: 6, col: 9 } });
  });
});

describe('the library: invariants and properties of one\'s own', () => {
  const fewPods = defineInvariant({
    name: 'at-most-two-pods', description: 'never more than two pods', guards: 'a test of the library',
    create: () => ({ name: 'at-most-two-pods', check: (c) => (c.store.count('Pod') > 2 ? `${c.store.count('Pod')} pods` : undefined) }),
  });
  const prop = defineProperty({
    name: 'few-pods', description: 'applying pods keeps at most two', invariants: [fewPods], defaultRuns: 50,
    scenarios: fc.array(fc.integer({ min: 1, max: 3 }), { maxLength: 5 }).map((ns) => scenario({
      nodes: 1, steps: ns.map((n, i) => step('apply', Array.from({ length: n }, (_, j) => pod(`p${i}-${j}`)))),
    })),
  });

  it('runs with a fixed seed from a test, and fails to a shrunk counterexample that is a scenario file', () => {
    const a = runProperty(prop, { seed: 42 });
    const b = runProperty(prop, { seed: 42 });
    expect(a.ok).toBe(false);
    expect(a.failure!.invariant).toBe('at-most-two-pods');
    // Shrunk: three pods in at most two applies.
    const steps = a.failure!.counterexample.steps;
    expect(steps.length).toBeLessThanOrEqual(2);
    expect(steps.flatMap((st) => st.objects ?? [])).toHaveLength(3);
    expect(b.counterexampleYaml).toBe(a.counterexampleYaml);
    expect(a.counterexampleYaml).toContain('invariants:\n  - at-most-two-pods');
    // The file replays to the same violation.
    const replay = runScenario(parseScenario(a.counterexampleYaml!, 'ce.yaml'), { invariants: checkersOf([fewPods]) });
    expect(replay.violations.map((v) => `${v.invariant}: ${v.message}`)).toEqual([`at-most-two-pods: ${a.failure!.message}`]);
  });
});
