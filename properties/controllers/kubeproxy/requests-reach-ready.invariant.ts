// Requests reach ready pods: every connection a Service answers is answered
// by a pod that is Ready (its Ready condition True), or was Ready until so
// recently that the news cannot have reached the proxy: the EndpointSlice
// controller's watch delay, then the node's kube-proxy's, then its one-second
// minimum sync. A proxy whose node was partitioned in that window keeps its
// old rules and is not judged. A Service that publishes not-ready addresses
// is not judged either. A pod that was never Ready must never answer, and
// no connection may still be sent to a deleted pod's address past that lag.
// Upstream guarantee: EndpointSlice conditions follow the pod's Ready
// condition (endpointslice utils.go podToEndpoint), kube-proxy programs each
// change within its sync period (proxier.go, --iptables-min-sync-period 1s)
// and routes only to ready endpoints, or serving-terminating ones when none
// is ready (pkg/proxy/topology.go CategorizeEndpoints).
// Judged with the harness's own records: every pod change in the store, each
// node's hardware state after every event, the watch delays as injected, and
// every answered connection kube-proxy reports.
import type { Invariant } from '../../invariants/types.js';
import { KubeProxy } from '../../../runtime/controllers/kubeproxy/proxy.js';

/** upstream --iptables-min-sync-period default: a proxy programs a change at most this long after it hears of it. */
const SYNC_PERIOD_MS = 1_000;

export const requestsReachReadyPods: Invariant = {
  name: 'requests-reach-ready-pods',
  description: "every answered connection comes from a pod that is Ready, or stopped being Ready within the slices' and that node's proxy's lag (unless the Service publishes not-ready addresses); none goes to a pod deleted longer ago than that",
  guards: 'EndpointSlice ready/serving from the Ready condition on every pod change, and kube-proxy routing to ready endpoints only (a pod that never passed readiness, or stopped passing it, keeps getting traffic)',
  create(cluster) {
    /** Pod uid → Ready now, or the time it stopped being Ready. */
    const ready = new Map<string, true | number>();
    /** Pod namespace/name → when the last pod of that name was deleted. */
    const deleted = new Map<string, number>();
    cluster.store.onChange((t, o) => {
      if (o.kind !== 'Pod') return;
      const uid = o.metadata.uid!;
      if (t === 'DELETED') { deleted.set(`${o.metadata.namespace}/${o.metadata.name}`, cluster.clock.now()); ready.delete(uid); return; }
      const isReady = (o.status?.conditions ?? []).some((c: any) => c.type === 'Ready' && c.status === 'True');
      const was = ready.get(uid);
      if (isReady) ready.set(uid, true);
      else if (was === true) ready.set(uid, cluster.clock.now());
    });
    /** Node → the last time it was seen other than up. */
    const lastNotUp = new Map<string, number>();
    let broken: string | undefined;
    const proxy = cluster.controller('kube-proxy');
    /** How long news may take to reach `from`'s rules; undefined when that proxy may be stale (its node was partitioned just now). */
    const lag = (from: string, timeMs: number): number | undefined => {
      const slicesLag = Math.max(cluster.maxWatchDelay('endpointslice-controller'), cluster.maxWatchDelay('kube-controller-manager'));
      const proxyLag = Math.max(cluster.config.proxyWatchDelayMs, cluster.maxWatchDelay('kube-proxy'), cluster.maxWatchDelay(`kube-proxy/${from}`));
      const notUp = lastNotUp.get(from);
      if (notUp !== undefined && timeMs - notUp <= proxyLag + SYNC_PERIOD_MS) return undefined;
      return slicesLag + proxyLag + SYNC_PERIOD_MS;
    };
    if (proxy instanceof KubeProxy) {
      proxy.onStaleConnection((c) => {
        if (broken || !c.pod || cluster.store.get('Pod', c.pod.split('/')[0], c.pod.split('/')[1]!)) return;
        const gone = deleted.get(c.pod);
        const window = lag(c.from, c.timeMs);
        if (gone === undefined || window === undefined || c.timeMs - gone <= window) return;
        broken = `a connection from ${c.from} to service ${c.service.metadata.namespace}/${c.service.metadata.name} was sent to ${c.ip}, pod ${c.pod}, deleted ${((c.timeMs - gone) / 1000).toFixed(3)}s before, longer than the ${(window / 1000).toFixed(3)}s the slices and that node's proxy may lag`;
      });
      proxy.onConnection((c) => {
        if (broken || c.service.spec?.publishNotReadyAddresses) return;
        const r = ready.get(c.pod.metadata.uid!);
        if (r === true) return;
        const window = lag(c.from, c.timeMs);
        if (window === undefined) return;
        if (r !== undefined && c.timeMs - r <= window) return;
        const who = `pod ${c.pod.metadata.namespace}/${c.pod.metadata.name}`;
        broken = `a connection from ${c.from} to service ${c.service.metadata.namespace}/${c.service.metadata.name} was answered by ${who}, which ${
          r === undefined ? 'has never been Ready' : `stopped being Ready ${((c.timeMs - r) / 1000).toFixed(3)}s before, longer than the ${(window / 1000).toFixed(3)}s the slices and that node's proxy may lag`}`;
      });
    }
    return {
      name: 'requests-reach-ready-pods',
      check(cl) {
        for (const n of cl.kubelets.keys()) if (cl.nodeState(n) !== 'up') lastNotUp.set(n, cl.clock.now());
        return broken;
      },
    };
  },
};
