// The simulated machine under a node: it runs, crashes (kubelet and
// containers stop), is partitioned (keeps running, cannot reach the control
// plane), or leaves the cluster. Each transition names what the cluster does
// to the node's kubelet (runtime/cluster.ts carries the actions out), so the
// machine, not a copy of its table, decides what a fault means.
import { setup } from 'xstate';
import { send } from './drive.js';

export type HardwareEvent =
  | { type: 'CRASH' } | { type: 'RECOVER' } | { type: 'PARTITION' } | { type: 'HEAL' } | { type: 'REMOVE' };

export type HardwareState = 'up' | 'crashed' | 'partitioned' | 'removed';

export const hardwareMachine = setup({
  types: { events: {} as HardwareEvent },
  actions: { stopKubelet: () => {}, recoverKubelet: () => {}, partitionKubelet: () => {}, healKubelet: () => {}, removeNode: () => {} },
}).createMachine({
  id: 'hardware',
  initial: 'up',
  states: {
    up: {
      on: {
        CRASH: { target: 'crashed', actions: 'stopKubelet' },
        PARTITION: { target: 'partitioned', actions: 'partitionKubelet' },
        REMOVE: { target: 'removed', actions: 'removeNode' },
      },
    },
    crashed: {
      on: { RECOVER: { target: 'up', actions: 'recoverKubelet' }, REMOVE: { target: 'removed', actions: 'removeNode' } },
    },
    partitioned: {
      on: {
        HEAL: { target: 'up', actions: 'healKubelet' },
        CRASH: { target: 'crashed', actions: 'stopKubelet' },
        REMOVE: { target: 'removed', actions: 'removeNode' },
      },
    },
    removed: { type: 'final' },
  },
});

/** What the cluster does for each of the machine's actions. */
export type HardwareAction = 'stopKubelet' | 'recoverKubelet' | 'partitionKubelet' | 'healKubelet' | 'removeNode';

/**
 * Where `event` takes a machine in `state`, or undefined when that state does
 * not take the event — asked of the machine itself, so that the cluster, the
 * property driver and the generators never keep a copy of its table.
 */
export function hardwareAfter(state: HardwareState, event: HardwareEvent['type']): HardwareState | undefined {
  const from = hardwareMachine.resolveState({ value: state, context: undefined as never });
  const next = send(hardwareMachine, from, { type: event }).snapshot.value as HardwareState;
  // The machine has no self-transitions: staying put means the event is not taken.
  return next === state ? undefined : next;
}
