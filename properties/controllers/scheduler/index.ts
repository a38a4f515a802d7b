// kube-scheduler: filters, scores, assumed pods, the scheduling queue.
//   logic:      model/controllers/scheduler/ (filters, scoring, FailedScheduling's message)
//   runtime:    runtime/controllers/scheduler/
//   invariants: no-overcommit, eventually-scheduled   properties: no-overcommit, pending-pods-scheduled
import { Scheduler } from '../../../runtime/controllers/scheduler/controller.js';
import { defineBug, defineController } from '../module.js';
import { noOvercommit } from './no-overcommit.invariant.js';
import { eventuallyScheduled } from './eventually-scheduled.invariant.js';
import { noOvercommitProperty } from './no-overcommit.property.js';
import { pendingPodsScheduledProperty } from './pending-pods-scheduled.property.js';

export const ignoresAssumedPods = defineBug({
  name: 'scheduler-ignores-assumed-pods',
  description: "the scheduler does not count pods it has just bound until the watch confirms them, so a lagging watch over-commits nodes (kubernetes PR 110924's class)",
  upstream: 'kubernetes/kubernetes PR 110924 (binding from a stale scheduler cache)',
  property: 'no-overcommit', invariant: 'no-overcommit', budget: 200,
});

export const scheduler = defineController({
  name: 'kube-scheduler',
  process: 'kube-scheduler',
  watches: ['Pod', 'Node', 'PersistentVolumeClaim', 'StorageClass'],
  make: (ctx) => new Scheduler(ctx, { ignoreAssumedPods: ctx.bug(ignoresAssumedPods) }),
  bugs: [ignoresAssumedPods],
  invariants: [noOvercommit, eventuallyScheduled],
  properties: [noOvercommitProperty, pendingPodsScheduledProperty],
});
