// Node crash and recovery draws for the per-controller properties: a draw
// that would crash a node already down, or recover one that is up, is left
// out, and the liveness phase recovers whatever is still down.
import type { Step } from '../../runtime/scenario/types.js';
import { step } from './scenario.js';
import { hardwareAfter, type HardwareEvent, type HardwareState } from '../../model/machines/hardware.js';

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

type HardwareStep = 'node-crash' | 'node-recover' | 'node-partition' | 'node-heal';
const EVENT: Record<HardwareStep, HardwareEvent['type']> = { 'node-crash': 'CRASH', 'node-recover': 'RECOVER', 'node-partition': 'PARTITION', 'node-heal': 'HEAL' };

/** Crashes and partitions together, as the hardware machine allows them (a crashed node cannot be partitioned; a partitioned one can crash). */
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
