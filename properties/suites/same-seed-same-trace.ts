// Determinism: a scenario run twice with the same seed gives the same watch
// stream (`kubemodel run --watch -o json`: one JSON line per store change),
// byte for byte. The scenario runs three times: the property way (steps that
// do not apply skipped), then twice as `kubemodel run` replays the steps that
// ran — so this also checks that skipping leaves no trace of the skipped
// steps, which is what lets a counterexample file replay exactly what the
// property ran.
import type { KubeObject } from '../../model/api/types.js';
import { runScenario } from '../../runtime/scenario/run.js';
import { Interrupted } from '../../runtime/clock.js';
import type { Scenario } from '../../runtime/scenario/types.js';
import type { WatchEventType } from '../../runtime/watch.js';
import type { ControllerDefinition } from '../../runtime/controllers/definition.js';
import { scenarioArb, step } from '../generators/scenario.js';
import { checkScenarios, type Outcome, type Property, type PropertyOptions } from './types.js';
import { excludesFor } from './excludes.js';

const line = (type: WatchEventType, object: KubeObject) => JSON.stringify({ type, object });

/** The --watch stream of a run, one line per change. */
export function watchTrace(s: Scenario, controllers: readonly ControllerDefinition[], seed?: number, interrupt?: () => boolean): string[] {
  const out: string[] = [];
  const r = runScenario(s, { controllers, seed, interrupt, onWatch: (t, o) => out.push(line(t, o)) });
  if (r.interrupted) throw new Interrupted();
  return out;
}

/** Where two traces first differ, or undefined when they are identical. */
export function firstDifference(a: readonly string[], b: readonly string[]): string | undefined {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    if (a[i] !== b[i]) return `line ${i + 1} differs:\n  ${a[i]!.slice(0, 300)}\n  ${b[i]!.slice(0, 300)}`;
  }
  return a.length === b.length ? undefined : `one trace has ${a.length} lines, the other ${b.length}`;
}

export function traceOutcome(s: Scenario, controllers: readonly ControllerDefinition[], interrupt?: () => boolean): Outcome {
  const driven: string[] = [];
  const d = runScenario(s, { controllers, skipInapplicable: true, catchErrors: true, interrupt, onWatch: (t, o) => driven.push(line(t, o)) });
  if (d.interrupted) return { events: d.events, interrupted: true };
  const ran: Scenario = { ...s, steps: d.executed };
  const fail = (message: string): Outcome => ({ events: d.events, finding: { invariant: 'same-seed-same-trace', message, timeMs: d.cluster.clock.now(), step: ran.steps.length - 1, objects: [], counterexample: ran } });
  if (d.error) return fail(`the run threw: ${d.error.message}`);
  let first: string[], second: string[];
  try { first = watchTrace(ran, controllers, undefined, interrupt); second = watchTrace(ran, controllers, undefined, interrupt); } catch (e) {
    if (e instanceof Interrupted) return { events: d.events, interrupted: true };
    return fail(`the replay threw on steps that ran: ${(e as Error).message}`);
  }
  const runs = firstDifference(first, second);
  if (runs) return fail(`two runs with seed ${s.seed}: ${runs}`);
  const vsDriver = firstDifference(driven, first);
  if (vsDriver) return fail(`the run that skipped steps and its replay disagree: ${vsDriver}`);
  return { events: d.events * 3 };
}

export const sameSeedSameTraceProperty: Property = {
  name: 'same-seed-same-trace',
  description: 'two runs of the same random scenario with the same seed produce the same watch stream',
  invariant: 'same-seed-same-trace',
  defaultRuns: 800,
  run(opts: PropertyOptions) {
    const exclude = opts.exclude ?? excludesFor('same-seed-same-trace');
    const arb = scenarioArb({ name: 'same-seed-same-trace', bugs: opts.bugs, exclude, suffix: () => [step('wait', '1m')] });
    return checkScenarios('same-seed-same-trace', arb, (s) => traceOutcome(s, opts.controllers, opts.interrupt), opts);
  },
};
