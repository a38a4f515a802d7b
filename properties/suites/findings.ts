// From a driven run to a Finding: the first violation (or the exception the
// run ended with), the objects it names as they were at that moment, and the
// counterexample scenario — only the steps that ran, with `invariants` set so
// that `kubemodel run` checks the same thing.
import type { KubeObject } from '../../model/api/types.js';
import type { Cluster } from '../../runtime/cluster.js';
import type { Scenario } from '../../runtime/scenario/types.js';
import { runScenario, type RunOptions } from '../../runtime/scenario/run.js';
import type { ControllerDefinition } from '../../runtime/controllers/definition.js';
import type { Invariant } from '../invariants/types.js';
import { checkersOf } from '../registry.js';
import type fc from 'fast-check';
import { checkScenarios, type Outcome, type Property, type PropertyOptions } from './types.js';

const requests = (p: KubeObject): string => {
  const sum = (p.spec?.containers ?? []).map((c: any) => c.resources?.requests ?? {});
  return sum.map((r: any) => `cpu=${r.cpu ?? '0'} memory=${r.memory ?? '0'}`).join(' + ');
};

function nodeLine(n: KubeObject): string {
  const ready = (n.status?.conditions ?? []).find((c: any) => c.type === 'Ready')?.status ?? 'Unknown';
  const a = n.status?.allocatable ?? {};
  const taints = (n.spec?.taints ?? []).map((t: any) => `${t.key}${t.value ? `=${t.value}` : ''}:${t.effect}`);
  return `node/${n.metadata.name}: Ready=${ready}${n.spec?.unschedulable ? ', cordoned' : ''}, allocatable cpu=${a.cpu} memory=${a.memory} pods=${a.pods}${taints.length ? `, taints ${taints.join(',')}` : ''}`;
}

function podLine(p: KubeObject): string {
  const where = p.spec?.nodeName ? `on ${p.spec.nodeName}` : 'unbound';
  const deleting = p.metadata.deletionTimestamp ? ', Terminating' : '';
  return `pod/${p.metadata.name} ${where}: phase ${p.status?.phase ?? 'Pending'}${deleting}, requests ${requests(p)}`;
}

/** The nodes (with their pods) and pods a violation message names, one line each. */
export function involvedObjects(cluster: Cluster, message: string): string[] {
  const { store } = cluster;
  const out: string[] = [];
  const seen = new Set<string>();
  const add = (o: KubeObject | undefined, line: (o: KubeObject) => string) => {
    if (!o || seen.has(o.metadata.uid!)) return;
    seen.add(o.metadata.uid!);
    out.push(line(o));
  };
  for (const m of message.matchAll(/\bpod ([\w.-]+)\/([\w.-]+)/g)) add(store.get('Pod', m[1], m[2]!), podLine);
  for (const m of message.matchAll(/\bnodes? ([\w.-]+)/g)) {
    const node = store.get('Node', undefined, m[1]!);
    add(node, nodeLine);
    if (!node) continue;
    const pods = store.list('Pod').filter((p) => p.spec?.nodeName === m[1] && p.status?.phase !== 'Succeeded' && p.status?.phase !== 'Failed');
    for (const p of pods) add(p, (x) => `  ${podLine(x)}`);
  }
  return out;
}

/**
 * Run a generated scenario the property way (steps that do not apply are
 * skipped, an exception is a finding) with these invariants of the
 * property; a violation, a stop or an exception is a finding.
 */
export function driveOutcome(s: Scenario, invariants: readonly Invariant[], controllers: readonly ControllerDefinition[], opts: Partial<RunOptions> = {}): Outcome {
  const invariantNames = invariants.map((i) => i.name);
  const r = runScenario(s, { ...opts, controllers, invariants: checkersOf(invariants), skipInapplicable: true, catchErrors: true });
  if (r.interrupted) return { events: r.events, interrupted: true };
  const v = r.violations[0];
  const counterexample: Scenario = { ...s, steps: r.executed, invariants: [...invariantNames] };
  if (v) {
    return { events: r.events, finding: { invariant: v.invariant, message: v.message, timeMs: v.timeMs, step: v.step, objects: involvedObjects(r.cluster, v.message), counterexample } };
  }
  const message = r.error?.message ?? r.failure?.message;
  if (message === undefined) return { events: r.events };
  return { events: r.events, finding: {
    invariant: 'runtime-error', message: `the run ${r.error ? 'threw' : 'stopped'}: ${message}`, timeMs: r.cluster.clock.now(),
    step: r.executed.length - 1, objects: involvedObjects(r.cluster, message.replace(/^pods "([^"]+)"/, 'pod default/$1')), counterexample,
  } };
}

/**
 * A property of the common shape: draws become scenarios (with the bugs
 * switched on), each run by driveOutcome against the one invariant it judges.
 */
export function scenarioProperty<D>(p: {
  name: string; description: string; invariant: Invariant; draws: fc.Arbitrary<D>;
  scenario: (draw: D, bugs: readonly string[]) => Scenario; defaultRuns?: number; maxEvents?: number;
}): Property {
  return {
    name: p.name, description: p.description, invariant: p.invariant.name, defaultRuns: p.defaultRuns ?? 200,
    run(opts: PropertyOptions) {
      const arb = p.draws.map((d) => p.scenario(d, opts.bugs ?? []));
      return checkScenarios(p.name, arb, (s) => driveOutcome(s, [p.invariant], opts.controllers, { maxEvents: p.maxEvents ?? 2_000_000, interrupt: opts.interrupt }), opts);
    },
  };
}
