// attachdetach-controller: attaches scheduled pods' attachable volumes to
// their nodes (node.status.volumesAttached), refuses a ReadWriteOnce volume
// to a second node with a Multi-Attach error, detaches once the kubelet has
// unmounted — or after 6 min on an unhealthy node, or at once on a node with
// the out-of-service taint.
//   logic:      model/controllers/attachdetach/ (desired state, the Multi-Attach message, the detach rule, volume names)
//   runtime:    runtime/controllers/attachdetach/ (the reconciler, operations one per volume, the node status writes)
//   invariants: rwo-attached-once   properties: volume-failover
import { AttachDetachController } from '../../../runtime/controllers/attachdetach/controller.js';
import { defineBug, defineController } from '../module.js';
import { rwoAttachedOnce } from './rwo-attached-once.invariant.js';
import { volumeFailoverProperty } from './volume-failover.property.js';

export const ignoresMultiAttach = defineBug({
  name: 'attach-ignores-multi-attach',
  description: 'the attach/detach controller attaches a ReadWriteOnce volume to a second node without waiting for the first attachment to go, so two machines write one disk',
  upstream: 'kubernetes/kubernetes issue 105341 (RWO failover) and the multi-attach check in reconciler.go',
  property: 'volume-failover', invariant: 'rwo-attached-once', budget: 100,
});

export const attachDetachController = defineController({
  name: 'attachdetach-controller',
  watches: ['Pod', 'Node', 'PersistentVolumeClaim', 'PersistentVolume'],
  make: (ctx) => new AttachDetachController(ctx, { ignoreMultiAttach: ctx.bug(ignoresMultiAttach) }),
  bugs: [ignoresMultiAttach],
  invariants: [rwoAttachedOnce],
  properties: [volumeFailoverProperty],
});
