// A failed property, told: the seed and fast-check path, the violated
// invariant with the objects involved, the shrunk counterexample written as a
// scenario file, and the commands that reproduce it.
import { relative } from 'node:path';
import { describeStep } from '../runtime/scenario/describe.js';
import { counterexamplePath, scenarioToYaml, withUsedImages, writeAtomic } from './counterexample.js';
import type { FailureReport, PropertyReport } from './report.js';
import type { Property, PropertyResult } from './suites/types.js';

/** Virtual time since the run began, `00:01:07.515`. */
export function virtualTime(ms: number): string {
  const s = Math.floor(ms / 1000);
  const p = (n: number, w = 2) => String(n).padStart(w, '0');
  return `${p(Math.floor(s / 3600))}:${p(Math.floor(s / 60) % 60)}:${p(s % 60)}.${p(ms % 1000, 3)}`;
}

const shown = (f: string) => relative(process.cwd(), f) || f;

/** Write the counterexample file; the report entry that names it. */
/**
 * Write the counterexample file; the report entry that names it. `modules`:
 * the users' controller modules the run loaded (absolute paths), which the
 * file names under `controllers:` so that `kubemodel run` replays with them.
 */
export function failureReport(prop: Property, result: PropertyResult, o: { outDir: string; runsFlag?: string; modules?: readonly string[] }): FailureReport {
  const f = result.failure!;
  const file = counterexamplePath(o.outDir, prop.name, f.seed);
  const modules = o.modules ?? [];
  const check = ['kubemodel check', `--property ${prop.name}`, `--seed ${f.seed}`, o.runsFlag ? `--runs ${o.runsFlag}` : '',
    ...result.bugs.map((b) => `--inject ${b}`), ...modules.map((m) => `--controller ${shown(m)}`)].filter(Boolean).join(' ');
  const reproduce = [`kubemodel run ${shown(file)}`, check];
  const stepText = f.step >= 0 && f.counterexample.steps[f.step] ? ` (step ${f.step + 1}: ${describeStep(f.counterexample.steps[f.step]!)})` : '';
  const violation = `${f.invariant} at ${virtualTime(f.timeMs)}${stepText}: ${f.message}`;
  const named = new Set((f.counterexample.controllers ?? []).map((c) => c.path));
  const controllers = [...(f.counterexample.controllers ?? []), ...modules.filter((m) => !named.has(m)).map((path) => ({ path, pos: { file: '<check>', line: 0, col: 0 } }))];
  const scenario = withUsedImages({
    ...f.counterexample,
    ...(controllers.length > 0 ? { controllers } : {}),
    name: `counterexample-${prop.name}-${f.seed}`,
    description: `Shrunk counterexample of the property ${prop.name}: ${prop.description}.\nViolation: ${violation}\n`,
  });
  const header = [
    `Found by: ${check}`,
    `fast-check path ${f.path}: run ${f.failedRun}, shrunk in ${f.shrinks} steps.`,
    `Violation: ${violation}`,
    `Replay: kubemodel run ${shown(file)}`,
  ];
  writeAtomic(file, scenarioToYaml(scenario, header));
  return {
    invariant: f.invariant, message: f.message, objects: f.objects, seed: f.seed, path: f.path, failedRun: f.failedRun,
    shrinks: f.shrinks, file: shown(file), steps: scenario.steps.map((s) => describeStep(s)), reproduce,
  };
}

export function printFailure(r: PropertyReport): string {
  const f = r.failure!;
  const out = [
    `FAIL ${r.property}: run ${f.failedRun} failed; shrunk in ${f.shrinks} steps${r.interrupted ? ' (stopped by the time limit: may not be minimal)' : ''}`,
    `  seed: ${f.seed}`,
    `  path: ${f.path}`,
    `  invariant ${f.invariant}: ${f.message}`,
  ];
  if (f.objects.length > 0) out.push('  objects:', ...f.objects.map((l) => `    ${l}`));
  out.push(`  counterexample: ${f.file}`, ...f.steps.map((s) => `    ${s}`));
  out.push('  reproduce:', ...f.reproduce.map((c) => `    ${c}`));
  return out.join('\n') + '\n';
}
