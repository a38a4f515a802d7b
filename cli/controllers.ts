// Users' controller modules, loaded for `run` and `check`: a `.js` file (an
// ES module) whose default export is a controller module or a list of them —
// or, without a default export, every named export that is one. A module
// named like a built-in replaces it where it stands; the others run after
// the built-ins, in the order given.
import { pathToFileURL } from 'node:url';
import { existsSync } from 'node:fs';
import { relative } from 'node:path';
import { builtinControllers } from '../properties/controllers/index.js';
import type { ControllerModule } from '../properties/controllers/module.js';
import { ScenarioError, type Position } from '../runtime/scenario/types.js';

const isModule = (x: unknown): x is ControllerModule =>
  typeof x === 'object' && x !== null && typeof (x as ControllerModule).name === 'string' && typeof (x as ControllerModule).make === 'function';

/** A limit on everything: modules per run. */
export const MAX_CONTROLLER_MODULES = 64;

export async function loadControllerModule(path: string, pos: Position): Promise<ControllerModule[]> {
  const shown = relative(process.cwd(), path) || path;
  if (!existsSync(path)) throw new ScenarioError(pos, `cannot load controller module "${shown}": no such file`);
  let mod: Record<string, unknown>;
  try {
    mod = await import(pathToFileURL(path).href);
  } catch (e) {
    throw new ScenarioError(pos, `cannot load controller module "${shown}": ${String((e as Error)?.message ?? e).split('\n')[0]}`);
  }
  const d = mod.default;
  const found = d !== undefined ? (Array.isArray(d) ? d : [d]) : Object.values(mod);
  const modules = found.filter(isModule);
  if (modules.length === 0 || (d !== undefined && modules.length !== found.length)) {
    throw new ScenarioError(pos, `cannot load controller module "${shown}": it exports no controller module (export default defineController({...}) or a list of them)`);
  }
  return modules;
}

/** The built-ins with the users' modules added, a built-in of the same name replaced. */
export function withUserControllers(user: readonly ControllerModule[]): readonly ControllerModule[] {
  if (user.length === 0) return builtinControllers;
  if (user.length > MAX_CONTROLLER_MODULES) throw new Error(`too many controller modules: ${user.length} (limit ${MAX_CONTROLLER_MODULES})`);
  const byName = new Map(user.map((m) => [m.name, m]));
  const out = builtinControllers.map((b) => byName.get(b.name) ?? b);
  for (const m of user) if (!builtinControllers.some((b) => b.name === m.name)) out.push(m);
  return out;
}

/** Load every module named on the command line (`--controller`) and by the scenario (`controllers:`). */
export async function loadControllers(sources: ReadonlyArray<{ path: string; pos: Position }>): Promise<readonly ControllerModule[]> {
  const user: ControllerModule[] = [];
  const seen = new Set<string>();
  for (const s of sources) {
    if (seen.has(s.path)) continue;
    seen.add(s.path);
    for (const m of await loadControllerModule(s.path, s.pos)) {
      if (user.some((u) => u.name === m.name)) throw new ScenarioError(s.pos, `two controller modules are named "${m.name}"`);
      user.push(m);
    }
  }
  return withUserControllers(user);
}
