// replicationcontroller-controller: the ReplicaSet code with the core/v1
// kind (upstream's replication manager wraps the ReplicaSet controller).
//   runtime: runtime/controllers/replicaset/ (REPLICATIONCONTROLLER_KIND)
// Its bugs are the ReplicaSet code's (../replicaset/), and so is its property.
import { REPLICATIONCONTROLLER_KIND, ReplicaSetController } from '../../../runtime/controllers/replicaset/controller.js';
import { defineController } from '../module.js';
import { adoptsOwnedPods, noExpectations, replicaSetSwitches } from '../replicaset/index.js';

export const replicationController = defineController({
  name: 'replicationcontroller-controller',
  watches: ['ReplicationController', 'Pod'],
  reconciles: ['ReplicationController'],
  make: (ctx) => new ReplicaSetController(ctx, REPLICATIONCONTROLLER_KIND, replicaSetSwitches(ctx)),
  bugs: [noExpectations, adoptsOwnedPods],
});
