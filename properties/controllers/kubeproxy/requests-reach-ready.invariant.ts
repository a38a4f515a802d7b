// Requests reach ready pods: every connection a Service answers is answered
// by a pod that has been Ready (its Ready condition True) at some moment
// before, unless the Service publishes not-ready addresses. A pod's rules
// may lag its readiness by the proxy's sync window, so a pod that was Ready
// and just turned unready may still answer; one that never was must not.
// Upstream guarantee: EndpointSlice conditions follow the pod's Ready
// condition (endpointslice utils.go podToEndpoint) and kube-proxy routes only
// to ready endpoints, or serving-terminating ones when none is ready
// (pkg/proxy/topology.go CategorizeEndpoints).
// Judged with the harness's own record: every pod change in the store, and
// every answered connection kube-proxy reports.
import type { Invariant } from '../../invariants/types.js';
import { KubeProxy } from '../../../runtime/controllers/kubeproxy/proxy.js';

export const requestsReachReadyPods: Invariant = {
  name: 'requests-reach-ready-pods',
  description: 'every answered connection comes from a pod that has been Ready before (unless the Service publishes not-ready addresses)',
  guards: 'EndpointSlice ready/serving from the Ready condition, and kube-proxy routing to ready endpoints only (a pod that never passed readiness gets traffic)',
  create(cluster) {
    const everReady = new Set<string>();
    cluster.store.onChange((_t, o) => {
      if (o.kind !== 'Pod') return;
      if ((o.status?.conditions ?? []).some((c: any) => c.type === 'Ready' && c.status === 'True')) everReady.add(o.metadata.uid!);
    });
    let broken: string | undefined;
    const proxy = cluster.controller('kube-proxy');
    if (proxy instanceof KubeProxy) {
      proxy.onConnection((c) => {
        if (broken || c.service.spec?.publishNotReadyAddresses || everReady.has(c.pod.metadata.uid!)) return;
        broken = `a connection from ${c.from} to service ${c.service.metadata.namespace}/${c.service.metadata.name} was answered by pod ${c.pod.metadata.namespace}/${c.pod.metadata.name}, which has never been Ready`;
      });
    }
    return { name: 'requests-reach-ready-pods', check: () => broken };
  },
};
