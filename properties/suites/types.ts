// A property: a generator of scenarios and a test of one scenario, run by
// fast-check with a given seed (and path, to replay), shrunk on failure, and
// reported as data: what ran, how many events were checked, and — on failure —
// the violation, the objects involved and the shrunk counterexample.
import fc from 'fast-check';
import type { Scenario } from '../../runtime/scenario/types.js';
import type { ControllerModule } from '../controllers/module.js';

export interface Progress {
  property: string;
  /** Runs done (before the first failure), and runs asked for. */
  runs: number;
  totalRuns: number;
  /** After a failure: shrink attempts so far. */
  shrinking: boolean;
  shrinks: number;
  events: number;
  elapsedMs: number;
}

export interface PropertyOptions {
  /** The controllers under test (a cluster runs these): the built-ins, or a list with a user's own. */
  controllers: readonly ControllerModule[];
  seed: number;
  runs: number;
  /** fast-check's counterexample path: replay (and shrink further) from there. */
  path?: string;
  bugs?: readonly string[];
  /** Kinds of operation the generator leaves out; default: suites/excludes.ts (runtime bugs under repair). */
  exclude?: readonly string[];
  /** Wall-time limit; past it fast-check stops (an interrupted run that found nothing passes). */
  timeLimitMs?: number;
  /**
   * Asked inside every run (every few hundred events) and between runs and
   * shrinks: true stops the property where it stands. The caller owns the
   * wall clock behind it (`kubemodel check --time-limit` is a bound this way,
   * kept inside a livelocked run and while shrinking).
   */
  interrupt?: () => boolean;
  onProgress?: (p: Progress) => void;
}

/** What one scenario's test found wrong. */
export interface Finding {
  /** The invariant violated, or `runtime-error` when the run threw. */
  invariant: string;
  message: string;
  timeMs: number;
  /** Index in the counterexample's steps. */
  step: number;
  /** The objects the violation names, one kubectl-like line each, as they were at that moment. */
  objects: string[];
  /** The scenario to write out: only the steps that ran, `invariants` and `bugs` set for replay. */
  counterexample: Scenario;
}

/** What one scenario's test came to; `interrupted`: the time limit stopped it, so it proves nothing. */
export interface Outcome { events: number; finding?: Finding; interrupted?: boolean }

export interface PropertyFailure extends Finding {
  seed: number;
  path: string;
  /** The run that first failed (1-based), and the shrink steps after it. */
  failedRun: number;
  shrinks: number;
}

export interface PropertyResult {
  property: string;
  ok: boolean;
  runs: number;
  events: number;
  timeMs: number;
  /** Stopped by the time limit before all runs were done. */
  interrupted: boolean;
  seed: number;
  bugs: string[];
  failure?: PropertyFailure;
}

export interface Property {
  name: string;
  description: string;
  /** The invariant it checks (for --list and the report). */
  invariant: string;
  defaultRuns: number;
  run(opts: PropertyOptions): PropertyResult;
}

/** Run `test` on scenarios drawn from `arb`, under fast-check, and report. */
export function checkScenarios(name: string, arb: fc.Arbitrary<Scenario>, test: (s: Scenario) => Outcome, opts: PropertyOptions): PropertyResult {
  const start = performance.now();
  let runs = 0, shrinks = 0, events = 0, failing = false, lastReport = 0;
  const report = (force = false) => {
    const now = performance.now();
    if (!opts.onProgress || (!force && now - lastReport < 100)) return;
    lastReport = now;
    opts.onProgress({ property: name, runs, totalRuns: opts.runs, shrinking: failing, shrinks, events, elapsedMs: now - start });
  };
  // The finding of each failing scenario, kept: the shrunk counterexample's details need no second run.
  const findings = new WeakMap<object, Finding>();
  let stopped = false;
  const prop = fc.property(arb, (s) => {
    // Past the budget every further run (or shrink) is skipped as passing: the last failure found stands.
    if (stopped || opts.interrupt?.()) { stopped = true; return true; }
    const o = test(s);
    events += o.events;
    if (o.interrupted) { stopped = true; return true; }
    if (failing) shrinks++; else runs++;
    if (o.finding) { failing = true; findings.set(s, o.finding); }
    report();
    return o.finding === undefined;
  });
  const details = fc.check(prop, {
    seed: opts.seed, numRuns: opts.runs, path: opts.path,
    plugins: opts.timeLimitMs !== undefined ? [fc.interruptAfterTimeLimit(opts.timeLimitMs)] : [],
  }) as fc.RunDetails<[Scenario]>;
  report(true);
  const result: PropertyResult = {
    property: name, ok: true, runs, events, timeMs: 0, interrupted: details.interrupted || stopped,
    seed: opts.seed, bugs: [...(opts.bugs ?? [])],
  };
  if (details.failed && details.counterexample) {
    const finding = findings.get(details.counterexample[0]) ?? test(details.counterexample[0]).finding
      ?? { invariant: 'unreproducible', message: 'the shrunk case passed when run again: the run is not deterministic', timeMs: 0, step: -1, objects: [], counterexample: details.counterexample[0] };
    result.ok = false;
    result.failure = { ...finding, seed: details.seed, path: details.counterexamplePath ?? '', failedRun: details.numRuns, shrinks: details.numShrinks };
  }
  result.timeMs = performance.now() - start;
  return result;
}
