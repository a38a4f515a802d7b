// kube-proxy: one per node (components kube-proxy/NODE), each routing
// connections to a Service's clusterIP to its ready endpoints (random pick,
// session affinity, traffic policies) by the rules it last programmed: at
// most once a second, after its own watch delay, stale while its node is
// partitioned; answers the `request` verb.
//   logic:      model/controllers/kubeproxy/ (merged endpoints, categories, the pick, the per-node machine)
//   runtime:    runtime/controllers/kubeproxy/ (each node's queue and rules, affinity tables, requests)
//   invariants: requests-reach-ready-pods   properties: routing   bugs: kube-proxy-keeps-removed-endpoints
//   (and endpointslice-ready-when-running, the EndpointSlice controller's, caught here)
import { proxyMachine } from '../../../model/controllers/kubeproxy/machine.js';
import { KubeProxy } from '../../../runtime/controllers/kubeproxy/proxy.js';
import { defineBug, defineController } from '../module.js';
import { requestsReachReadyPods } from './requests-reach-ready.invariant.js';
import { routingProperty } from './routing.property.js';

export const keepsRemovedEndpoints = defineBug({
  name: 'kube-proxy-keeps-removed-endpoints',
  description: "kube-proxy merges each EndpointSlice update into the copy it programmed instead of replacing it, and loses slice deletes, so a deleted pod's address stays in its rules and connections keep going to it",
  upstream: 'pkg/proxy/endpointslicecache.go updatePending / checkoutChanges (each slice is replaced whole; a delete removes it)',
  property: 'routing', invariant: 'requests-reach-ready-pods', budget: 200,
});

export const kubeProxy = defineController({
  name: 'kube-proxy',
  process: 'kube-proxy',
  watches: ['Service', 'EndpointSlice', 'Node'],
  make: (ctx) => new KubeProxy(ctx, { keepRemovedEndpoints: ctx.bug(keepsRemovedEndpoints) }),
  bugs: [keepsRemovedEndpoints],
  invariants: [requestsReachReadyPods],
  properties: [routingProperty],
  machines: [{
    name: 'kube-proxy', machine: proxyMachine, description: "one node's kube-proxy: its rules in sync, pending the next sync, stale (partitioned or stopped), or down with its node",
    events: ['CHANGE', 'SYNC', 'DISCONNECT', 'CONNECT', 'CRASH', 'RECOVER'].map((type) => ({ type })),
  }],
});
