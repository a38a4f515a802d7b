// `kubemodel check`: the property suite (see properties/), over the built-in
// controllers and any the user loads with --controller.
import { runCheck, type CheckFlags } from '../../properties/check.js';
import { builtinControllers } from '../../properties/controllers/index.js';

export async function checkCommand(opts: CheckFlags): Promise<number> {
  return runCheck(opts, builtinControllers);
}
