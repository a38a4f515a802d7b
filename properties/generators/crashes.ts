// Node crash, recovery, partition and heal draws for the per-controller
// properties: a draw the node's hardware machine does not take where the node
// stands (crash a node already down, recover one that is up) is left out,
// and the liveness phase brings whatever is still down or cut off back up.
import type { Step } from '../../runtime/scenario/types.js';
import { step } from './scenario.js';
import { hardwareAfter, type HardwareEvent, type HardwareState } from '../../model/machines/hardware.js';

type HardwareStep = 'node-crash' | 'node-recover' | 'node-partition' | 'node-heal';
const EVENT: Record<HardwareStep, HardwareEvent['type']> = { 'node-crash': 'CRASH', 'node-recover': 'RECOVER', 'node-partition': 'PARTITION', 'node-heal': 'HEAL' };

/** One tracker per scenario, asking the hardware machine (a crashed node cannot be partitioned; a partitioned one can crash). */
export class Hardware {
  private readonly state = new Map<string, HardwareState>();

  /** The step, or undefined when the node's machine does not take it where it stands. */
  step(kind: HardwareStep, node: string): Step | undefined {
    const next = hardwareAfter(this.state.get(node) ?? 'up', EVENT[kind]);
    if (next === undefined) return undefined;
    this.state.set(node, next);
    return step(kind, node);
  }

  /** Bring every node back up, in name order. */
  heal(): Step[] {
    return [...this.state].filter(([, s]) => s !== 'up').sort(([a], [b]) => (a < b ? -1 : 1))
      .map(([n, s]) => step(s === 'crashed' ? 'node-recover' : 'node-heal', n));
  }
}
