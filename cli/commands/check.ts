// `kubemodel check`: the property suite (see properties/), over the built-in
// controllers and any the user loads with --controller (their properties,
// invariants and bugs join the built-ins').
import { resolve } from 'node:path';
import { runCheck, type CheckFlags } from '../../properties/check.js';
import { loadControllers } from '../controllers.js';

export async function checkCommand(opts: CheckFlags & { controller?: string[] }): Promise<number> {
  const modules = (opts.controller ?? []).map((p) => resolve(p));
  const controllers = await loadControllers(modules.map((path, i) => ({ path, pos: { file: opts.controller![i]!, line: 1, col: 1 } })));
  return runCheck({ ...opts, modules }, controllers);
}
