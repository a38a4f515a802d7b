// `kubemodel run SCENARIO`: the timeline and final state, or the final
// state as a v1 List (-o json|yaml), or every store change (--watch -o json).
import { loadScenario } from '../../runtime/scenario/load.js';
import { runScenario, type RunInvariant } from '../../runtime/scenario/run.js';
import { renderText, finalList } from '../../reports/scenario.js';
import { toJson, toYaml } from '../../reports/kubectl/index.js';
import { UsageError } from '../errors.js';
import { ScenarioError } from '../../runtime/scenario/types.js';
import { builtinControllers } from '../../properties/controllers/index.js';
import { harnessOf, UnknownName } from '../../properties/registry.js';

export interface RunFlags { seed?: string; output?: string; watch?: boolean; inject?: string[] }

export function parseSeed(s: string | undefined): number | undefined {
  if (s === undefined) return undefined;
  if (!/^\d+$/.test(s) || !Number.isSafeInteger(Number(s))) throw new UsageError(`invalid seed "${s}": must be a non-negative integer`);
  return Number(s);
}

export function runCommand(file: string, flags: RunFlags): number {
  const output = flags.output ?? 'text';
  if (!['text', 'json', 'yaml'].includes(output)) throw new UsageError(`unable to match a printer suitable for the output format "${output}", allowed formats are: json,text,yaml`);
  if (flags.watch && output !== 'json') throw new UsageError('--watch needs -o json');
  const controllers = builtinControllers;
  const harness = harnessOf(controllers);
  for (const b of flags.inject ?? []) if (!harness.bug(b)) throw new UsageError(`unknown bug "${b}" (see kubemodel check --list)`);
  const seed = parseSeed(flags.seed);
  const scenario = loadScenario(file);
  scenario.bugs.forEach((b, i) => {
    if (!harness.bug(b)) throw new ScenarioError(scenario.bugPositions?.[i] ?? { file, line: 1, col: 1 }, `unknown bug "${b}" (see kubemodel check --list)`);
  });
  let invariants: RunInvariant[];
  try {
    invariants = harness.checkers(scenario.invariants);
  } catch (e) {
    if (!(e instanceof UnknownName)) throw e;
    const i = Array.isArray(scenario.invariants) ? scenario.invariants.indexOf(e.word) : -1;
    throw new ScenarioError(scenario.invariantPositions?.[Math.max(0, i)] ?? { file, line: 1, col: 1 }, e.message);
  }
  const write = (s: string) => process.stdout.write(s);
  const result = runScenario(scenario, {
    controllers, seed, bugs: flags.inject, invariants,
    onWatch: flags.watch ? (type, object) => write(JSON.stringify({ type, object }) + '\n') : undefined,
  });
  if (flags.watch) {
    for (const c of result.checks) process.stderr.write(`${c.ok ? 'ok' : 'FAIL'}: ${c.text}${c.ok ? '' : `: ${c.message}`}\n`);
    for (const v of result.violations) process.stderr.write(`violation: ${v.invariant}: ${v.message}\n`);
    if (result.failure) process.stderr.write(`error: ${result.failure.pos.file}:${result.failure.pos.line}:${result.failure.pos.col}: ${result.failure.message}\n`);
  } else if (output === 'text') write(renderText(result));
  else if (output === 'json') write(toJson(finalList(result)));
  else write(toYaml(finalList(result)));
  return result.ok ? 0 : 1;
}
