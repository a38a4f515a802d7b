// The built-in controllers, in start order: kube-controller-manager's, then
// kube-scheduler. A cluster runs these unless it is given its own list.
// Everything else — check --list, the bug catalogue, `invariants: all`, the
// diagrams — is built from a list like this one (../registry.ts).
import type { ControllerModule } from './module.js';
import { nodeLifecycleController } from './nodelifecycle/index.js';
import { taintEvictionController } from './tainteviction/index.js';
import { garbageCollector } from './gc/index.js';
import { podGarbageCollector } from './podgc/index.js';
import { replicaSetController } from './replicaset/index.js';
import { replicationController } from './replicationcontroller/index.js';
import { deploymentController } from './deployment/index.js';
import { scheduler } from './scheduler/index.js';
import { persistentVolumeController } from './persistentvolume/index.js';
import { pvcProtectionController } from './pvcprotection/index.js';
import { pvProtectionController } from './pvprotection/index.js';
import { attachDetachController } from './attachdetach/index.js';
import { provisioner } from './provisioner/index.js';
import { endpointSliceController } from './endpointslice/index.js';
import { kubeProxy } from './kubeproxy/index.js';
import { disruptionController } from './disruption/index.js';
import { statefulSetController } from './statefulset/index.js';

export const builtinControllers: readonly ControllerModule[] = [
  nodeLifecycleController, taintEvictionController, garbageCollector, podGarbageCollector,
  replicaSetController, replicationController, deploymentController, statefulSetController,
  persistentVolumeController, pvcProtectionController, pvProtectionController, attachDetachController,
  endpointSliceController, disruptionController, scheduler, provisioner, kubeProxy,
];

export {
  nodeLifecycleController, taintEvictionController, garbageCollector, podGarbageCollector,
  replicaSetController, replicationController, deploymentController,
  persistentVolumeController, pvcProtectionController, pvProtectionController, attachDetachController, endpointSliceController,
  disruptionController, scheduler, provisioner, kubeProxy, statefulSetController,
};
