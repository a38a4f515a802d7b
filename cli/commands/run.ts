// `kubemodel run SCENARIO`: the timeline and final state, or the final
// state with what was checked as a v1 List (-o json|yaml), or every store
// change (--watch, in any of the formats). Users' controllers come from the
// scenario's `controllers:` and from --controller.
import { runScenario } from '../../runtime/scenario/run.js';
import { renderText, finalList } from '../../reports/scenario.js';
import { watchLine, type WatchFormat } from '../../reports/watch.js';
import { toJson, toYaml } from '../../reports/kubectl/index.js';
import { UsageError } from '../errors.js';
import { prepareScenario } from '../scenario.js';
import { ScenarioError } from '../../runtime/scenario/types.js';
import type { Cluster } from '../../runtime/cluster.js';

export interface RunFlags { seed?: string; output?: string; watch?: boolean; inject?: string[]; controller?: string[] }

export function parseSeed(s: string | undefined): number | undefined {
  if (s === undefined) return undefined;
  if (!/^\d+$/.test(s) || !Number.isSafeInteger(Number(s))) throw new UsageError(`invalid seed "${s}": must be a non-negative integer`);
  return Number(s);
}

const FORMATS = ['text', 'json', 'yaml'];

export async function runCommand(file: string, flags: RunFlags): Promise<number> {
  const output = flags.output ?? 'text';
  if (!FORMATS.includes(output)) throw new UsageError(`unable to match a printer suitable for the output format "${output}", allowed formats are: json,text,yaml`);
  const seed = parseSeed(flags.seed);
  const { scenario, controllers, harness, invariants } = await prepareScenario(file, flags.controller);
  for (const b of flags.inject ?? []) if (!harness.bug(b)) throw new UsageError(`unknown bug "${b}" (see kubemodel check --list)`);
  const write = (s: string) => process.stdout.write(s);
  let cluster: Cluster | undefined;
  const result = runScenario(scenario, {
    controllers, seed, bugs: flags.inject, invariants, onCluster: (c) => { cluster = c; },
    onWatch: flags.watch ? (type, object, timeMs) => write(watchLine(output as WatchFormat, type, object, timeMs, cluster!.clock.iso(timeMs), cluster!.store.registry)) : undefined,
  });
  for (const w of result.warnings) process.stderr.write(`warning: ${w}\n`);
  if (flags.watch) {
    for (const c of result.checks) process.stderr.write(`${c.ok ? 'ok' : 'FAIL'}: ${c.text}${c.ok ? '' : `: ${c.message}`}\n`);
    for (const v of result.violations) process.stderr.write(`violation: ${v.invariant}: ${v.message}\n`);
    if (result.failure) process.stderr.write(new ScenarioError(result.failure.pos, result.failure.message).format() + "\n");
  } else if (output === 'text') write(renderText(result));
  else if (output === 'json') write(toJson(finalList(result)));
  else write(toYaml(finalList(result)));
  return result.ok ? 0 : 1;
}
