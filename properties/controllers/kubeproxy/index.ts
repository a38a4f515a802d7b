// kube-proxy: routes connections to a Service's clusterIP to its ready
// endpoints (random pick, session affinity, traffic policies), from rules
// programmed at most once a second; answers the `request` verb.
//   logic:    model/controllers/kubeproxy/ (merged endpoints, categories, the pick)
//   runtime:  runtime/controllers/kubeproxy/ (the programmed snapshot, affinity tables, requests)
import { KubeProxy } from '../../../runtime/controllers/kubeproxy/proxy.js';
import { defineController } from '../module.js';

export const kubeProxy = defineController({
  name: 'kube-proxy',
  process: 'kube-proxy',
  watches: ['Service', 'EndpointSlice'],
  make: (ctx) => new KubeProxy(ctx),
});
