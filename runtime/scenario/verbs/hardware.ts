// The node verbs that move a node's hardware machine (model/machines/hardware.ts):
// each applies where the machine takes its event, and the generator tracks the
// states by asking the same machine.
import { hardwareAfter, type HardwareEvent, type HardwareState } from '../../../model/machines/hardware.js';
import type { Cluster } from '../../cluster.js';
import type { Step } from '../types.js';
import { parseTarget } from '../target.js';
import type { Verb } from './types.js';

/** Is the step's node there, in a hardware state that passes `ok`? */
export function nodeIs(cluster: Cluster, step: Step, ok: (s: HardwareState) => boolean): boolean {
  let state: HardwareState;
  try { state = cluster.nodeState(parseTarget(step.value, 'node').name); } catch { return false; }
  return ok(state);
}

export function hardwareVerb(name: string, event: HardwareEvent['type'], run: (cluster: Cluster, node: string) => void): Verb {
  return {
    name,
    value: 'bareTarget', bareKind: 'node',
    options: {},
    execute(cluster, step) { run(cluster, parseTarget(step.value, 'node').name); return undefined; },
    applicable: (cluster, step) => nodeIs(cluster, step, (s) => hardwareAfter(s, event) !== undefined),
    generate: {
      weight: 1, group: 'nodeFaults',
      draw: (k) => k.index,
      resolve(i: number, m, k) {
        const candidates = m.nodes.filter((n) => hardwareAfter(n.hw, event) !== undefined);
        if (candidates.length === 0) return undefined;
        const n = candidates[i % candidates.length]!;
        n.hw = hardwareAfter(n.hw, event)!;
        return k.step(name, n.name);
      },
    },
  };
}
