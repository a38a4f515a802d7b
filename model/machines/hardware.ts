// The simulated machine under a node: it runs, crashes (kubelet and
// containers stop), is partitioned (keeps running, cannot reach the control
// plane), or leaves the cluster.
import { setup } from 'xstate';

export type HardwareEvent =
  | { type: 'CRASH' } | { type: 'RECOVER' } | { type: 'PARTITION' } | { type: 'HEAL' } | { type: 'REMOVE' };

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
