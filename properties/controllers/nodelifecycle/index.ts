// node-lifecycle-controller: Ready=Unknown after the grace period without
// heartbeats, pods marked not ready, NoExecute taints at the eviction rate.
//   logic:   model/controllers/nodelifecycle/ (the node machine)
//   runtime: runtime/controllers/nodelifecycle/
// Its eviction half is taint-eviction-controller (../tainteviction/).
import { nodeMachine } from '../../../model/controllers/nodelifecycle/machine.js';
import { NodeLifecycleController } from '../../../runtime/controllers/nodelifecycle/controller.js';
import { defineController } from '../module.js';

export const nodeLifecycleController = defineController({
  name: 'node-lifecycle-controller',
  watches: ['Node', 'Lease', 'Pod'],
  reconciles: ['Node'],
  make: (ctx) => new NodeLifecycleController(ctx),
  machines: [{
    name: 'node', machine: nodeMachine, description: 'the node lifecycle as the node-lifecycle controller sees it',
    events: ['HEARTBEAT_READY', 'HEARTBEAT_NOT_READY', 'GRACE_EXPIRED', 'DELETE'].map((type) => ({ type })),
  }],
});
