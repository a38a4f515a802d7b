// `kubemodel check`: the property suite (see properties/).
import { runCheck, type CheckFlags } from '../../properties/check.js';

export async function checkCommand(opts: CheckFlags): Promise<number> {
  return runCheck(opts);
}
