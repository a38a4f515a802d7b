// Endpoints converge: at the end of a quiet run, every selector Service's
// managed EndpointSlices list exactly the pods it selects that have an IP and
// are not terminal, each once, with `ready` equal to the pod's Ready
// condition (and not ready while it is being deleted).
// Upstream guarantee: the EndpointSlice controller's syncService after every
// pod and Service change (endpointslice_controller.go); a missed readiness
// change sends traffic to pods that cannot serve it.
// Judged from the store with the harness's own selector matching.
import type { KubeObject } from '../../../model/api/types.js';
import type { Invariant } from '../../invariants/types.js';

const selects = (sel: Record<string, string>, labels: Record<string, string> | undefined) =>
  Object.entries(sel).every(([k, v]) => labels?.[k] === v);
const podReady = (p: KubeObject) => !p.metadata.deletionTimestamp && (p.status?.conditions ?? []).some((c: any) => c.type === 'Ready' && c.status === 'True');

export const endpointsConverge: Invariant = {
  name: 'endpoints-converge',
  kind: 'liveness',
  description: "at the end of a quiet run, each selector Service's EndpointSlices list exactly its selected pods with IPs, ready as their Ready condition",
  guards: 'EndpointSlice syncService on every pod change (a lost readiness change keeps a pod that cannot serve in rotation)',
  create() {
    return {
      name: 'endpoints-converge',
      check: () => undefined,
      final(cluster) {
        const slices = cluster.store.list('EndpointSlice').filter((s) => s.metadata.labels?.['endpointslice.kubernetes.io/managed-by'] === 'endpointslice-controller.k8s.io');
        for (const svc of cluster.store.list('Service')) {
          const sel = svc.spec?.selector;
          if (!sel || Object.keys(sel).length === 0 || svc.spec?.type === 'ExternalName') continue;
          const ns = svc.metadata.namespace;
          const want = new Map<string, boolean>();
          for (const p of cluster.store.list('Pod')) {
            if (p.metadata.namespace !== ns || !selects(sel, p.metadata.labels) || !p.status?.podIP) continue;
            if (p.status?.phase === 'Succeeded' || p.status?.phase === 'Failed') continue;
            want.set(p.metadata.name!, podReady(p));
          }
          const have = new Map<string, boolean>();
          for (const s of slices) {
            if (s.metadata.namespace !== ns || s.metadata.labels?.['kubernetes.io/service-name'] !== svc.metadata.name) continue;
            for (const e of (s as any).endpoints ?? []) {
              const pod = e.targetRef?.name as string;
              if (have.has(pod)) return `service ${ns}/${svc.metadata.name}: pod ${pod} is listed twice`;
              have.set(pod, e.conditions?.ready === true);
            }
          }
          for (const [pod, ready] of want) {
            if (!have.has(pod)) return `service ${ns}/${svc.metadata.name}: pod ${pod} is missing from its EndpointSlices`;
            if (have.get(pod) !== ready) return `service ${ns}/${svc.metadata.name}: pod ${pod} is ${ready ? 'Ready' : 'not Ready'} but listed as ${have.get(pod) ? 'ready' : 'not ready'}`;
          }
          for (const pod of have.keys()) if (!want.has(pod)) return `service ${ns}/${svc.metadata.name}: its EndpointSlices list pod ${pod}, which it does not select`;
        }
        return undefined;
      },
    };
  },
};
