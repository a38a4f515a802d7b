// Node crash and recovery draws for the per-controller properties: a draw
// that would crash a node already down, or recover one that is up, is left
// out, and the liveness phase recovers whatever is still down.
import type { Step } from '../../runtime/scenario/types.js';
import { step } from './scenario.js';

export class Crashes {
  private readonly down = new Set<string>();

  /** The step for a crash or recovery of `node`, or undefined when it is already so. */
  step(kind: 'node-crash' | 'node-recover', node: string): Step | undefined {
    if ((kind === 'node-crash') === this.down.has(node)) return undefined;
    if (kind === 'node-crash') this.down.add(node); else this.down.delete(node);
    return step(kind, node);
  }

  /** Recover every node still down, in name order. */
  heal(): Step[] {
    return [...this.down].sort().map((n) => step('node-recover', n));
  }
}
