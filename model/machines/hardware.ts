// The simulated machine under a node: it runs, crashes (kubelet and
// containers stop), is partitioned (keeps running, cannot reach the control
// plane), or leaves the cluster.
import { setup } from 'xstate';
import { send } from './drive.js';

export type HardwareEvent =
  | { type: 'CRASH' } | { type: 'RECOVER' } | { type: 'PARTITION' } | { type: 'HEAL' } | { type: 'REMOVE' };

export type HardwareState = 'up' | 'crashed' | 'partitioned' | 'removed';

export const hardwareMachine = setup({
  types: { events: {} as HardwareEvent },
  actions: { onUp: () => {}, onCrashed: () => {}, onPartitioned: () => {}, onRemoved: () => {} },
}).createMachine({
  id: 'hardware',
  initial: 'up',
  states: {
    up: { entry: 'onUp', on: { CRASH: 'crashed', PARTITION: 'partitioned', REMOVE: 'removed' } },
    crashed: { entry: 'onCrashed', on: { RECOVER: 'up', REMOVE: 'removed' } },
    partitioned: { entry: 'onPartitioned', on: { HEAL: 'up', CRASH: 'crashed', REMOVE: 'removed' } },
    removed: { entry: 'onRemoved', type: 'final' },
  },
});

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
