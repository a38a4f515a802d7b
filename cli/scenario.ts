// What `run` and `validate` both check of a loaded scenario before anything
// runs, in the same words: the users' controller modules it names load; its
// bugs and invariants exist among those of the controllers it runs with.
import { resolve } from 'node:path';
import { loadScenario } from '../runtime/scenario/load.js';
import { ScenarioError, type Scenario } from '../runtime/scenario/types.js';
import type { RunInvariant } from '../runtime/scenario/run.js';
import type { ControllerModule } from '../properties/controllers/module.js';
import { harnessOf, UnknownName, type Harness } from '../properties/registry.js';
import { loadControllers } from './controllers.js';

export interface Prepared { scenario: Scenario; controllers: readonly ControllerModule[]; harness: Harness; invariants: RunInvariant[] }

/** Load a scenario file, its controllers (and those of --controller), and check its names against them. */
export async function prepareScenario(file: string, controllerFlags: readonly string[] = []): Promise<Prepared> {
  const scenario = loadScenario(file);
  const cli = controllerFlags.map((p) => ({ path: resolve(p), pos: { file: p, line: 1, col: 1 } }));
  const controllers = await loadControllers([...cli, ...(scenario.controllers ?? [])]);
  const harness = harnessOf(controllers);
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
  return { scenario, controllers, harness, invariants };
}
