// kube-proxy: one per node (components kube-proxy/NODE), each routing
// connections to a Service's clusterIP to its ready endpoints (random pick,
// session affinity, traffic policies) by the rules it last programmed: at
// most once a second, after its own watch delay, stale while its node is
// partitioned; answers the `request` verb.
//   logic:      model/controllers/kubeproxy/ (merged endpoints, categories, the pick, the per-node machine)
//   runtime:    runtime/controllers/kubeproxy/ (each node's queue and rules, affinity tables, requests)
//   invariants: requests-reach-ready-pods   properties: routing   (its bug, endpointslice-ready-when-running, is the EndpointSlice controller's)
import { proxyMachine } from '../../../model/controllers/kubeproxy/machine.js';
import { KubeProxy } from '../../../runtime/controllers/kubeproxy/proxy.js';
import { defineController } from '../module.js';
import { requestsReachReadyPods } from './requests-reach-ready.invariant.js';
import { routingProperty } from './routing.property.js';

export const kubeProxy = defineController({
  name: 'kube-proxy',
  process: 'kube-proxy',
  watches: ['Service', 'EndpointSlice', 'Node'],
  make: (ctx) => new KubeProxy(ctx),
  invariants: [requestsReachReadyPods],
  properties: [routingProperty],
  machines: [{
    name: 'kube-proxy', machine: proxyMachine, description: "one node's kube-proxy: its rules in sync, pending the next sync, stale (partitioned or stopped), or down with its node",
    events: ['CHANGE', 'SYNC', 'DISCONNECT', 'CONNECT', 'CRASH', 'RECOVER'].map((type) => ({ type })),
  }],
});
