// The workload controllers kube-controller-manager runs, in start order.
// Each entry builds one controller; cluster.ts starts them all.
import type { Component, RuntimeContext } from '../context.js';
import { newReplicaSetController, newReplicationManager } from './replicaset.js';
import { DeploymentController } from './deployment.js';

export const WORKLOAD_CONTROLLERS: Array<(ctx: RuntimeContext) => Component> = [
  newReplicaSetController,
  newReplicationManager,
  (ctx) => new DeploymentController(ctx),
];
