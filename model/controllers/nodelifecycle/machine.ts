// The node lifecycle as the node-lifecycle controller sees it: heartbeats
// keep a node Ready; when none arrives for the grace period its conditions
// go Unknown and it is tainted; a heartbeat brings it back.
// upstream: pkg/controller/nodelifecycle/node_lifecycle_controller.go (tryUpdateNodeHealth,
// monitorNodeHealth, doNoExecuteTaintingPass), PR kubernetes/kubernetes#126287 (grace 50s).
import { setup } from 'xstate';

export type NodeMachineEvent =
  | { type: 'HEARTBEAT_READY' }
  | { type: 'HEARTBEAT_NOT_READY' }
  | { type: 'GRACE_EXPIRED' }
  | { type: 'DELETE' };

export const nodeMachine = setup({
  types: { events: {} as NodeMachineEvent },
  actions: {
    onReady: () => {}, onNotReady: () => {}, onUnknown: () => {}, onNeverUpdated: () => {}, onDeleted: () => {},
  },
}).createMachine({
  id: 'node',
  initial: 'registering',
  states: {
    // A new node has node-startup-grace-period (60s) before missed heartbeats count.
    registering: {
      on: {
        HEARTBEAT_READY: 'ready',
        HEARTBEAT_NOT_READY: 'notReady',
        GRACE_EXPIRED: 'neverUpdated',
        DELETE: 'deleted',
      },
    },
    ready: {
      entry: 'onReady',
      on: { HEARTBEAT_NOT_READY: 'notReady', GRACE_EXPIRED: 'unknown', DELETE: 'deleted' },
    },
    notReady: {
      entry: 'onNotReady',
      on: { HEARTBEAT_READY: 'ready', GRACE_EXPIRED: 'unknown', DELETE: 'deleted' },
    },
    unknown: {
      entry: 'onUnknown',
      on: { HEARTBEAT_READY: 'ready', HEARTBEAT_NOT_READY: 'notReady', DELETE: 'deleted' },
    },
    neverUpdated: {
      entry: 'onNeverUpdated',
      on: { HEARTBEAT_READY: 'ready', HEARTBEAT_NOT_READY: 'notReady', DELETE: 'deleted' },
    },
    deleted: { entry: 'onDeleted', type: 'final' },
  },
});
