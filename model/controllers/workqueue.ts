// The life of one key in a controller's work queue, as client-go's workqueue
// runs it: an informer event marks the key queued; a worker takes it and
// syncs; an event that arrives during the sync marks it dirty, so it is
// queued again when the sync ends (never two syncs of one key at once); a
// failed sync waits out its back-off, then queues again.
// upstream: staging/src/k8s.io/client-go/util/workqueue/queue.go (dirty/processing sets),
//           rate_limiting_queue.go (AddRateLimited, Forget)
import { setup } from 'xstate';

export type WorkQueueEvent =
  | { type: 'ENQUEUE' }
  | { type: 'TAKE' }
  | { type: 'SYNC_OK' }
  | { type: 'SYNC_ERROR' }
  | { type: 'BACKOFF_DONE' }
  | { type: 'SHUTDOWN' };

export const workQueueMachine = setup({
  types: { events: {} as WorkQueueEvent },
  actions: { onQueued: () => {}, onSync: () => {}, onBackoff: () => {}, onForget: () => {}, onDropped: () => {} },
}).createMachine({
  id: 'workqueue',
  initial: 'idle',
  states: {
    idle: { entry: 'onForget', on: { ENQUEUE: 'queued', SHUTDOWN: 'dropped' } },
    queued: { entry: 'onQueued', on: { TAKE: 'processing', SHUTDOWN: 'dropped' } },
    processing: {
      entry: 'onSync',
      on: { ENQUEUE: 'processingDirty', SYNC_OK: 'idle', SYNC_ERROR: 'backoff', SHUTDOWN: 'dropped' },
    },
    // An event came in during the sync: the key goes round again when it ends.
    processingDirty: { on: { SYNC_OK: 'queued', SYNC_ERROR: 'backoff', SHUTDOWN: 'dropped' } },
    // Events during the back-off are coalesced into the retry when it ends. (client-go's plain
    // Add would queue at once; in virtual time, where a failing sync costs nothing, that turns a
    // sync that keeps failing on its own writes into a livelock at one instant.)
    backoff: { entry: 'onBackoff', on: { BACKOFF_DONE: 'queued', SHUTDOWN: 'dropped' } },
    dropped: { entry: 'onDropped', type: 'final' },
  },
});
