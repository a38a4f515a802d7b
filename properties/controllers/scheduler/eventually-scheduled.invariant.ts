// Every pod that fits somewhere is eventually scheduled — as a bounded
// liveness invariant: no pod stays Pending and unbound for longer than
// `boundMs` while, the whole time, it fits some Ready, schedulable node (as
// upstream's default filters decide — the harness's own reading of them,
// properties/oracles/fit.ts, not the scheduler's code — run against the
// store, counting the requests of the unfinished pods already bound to each
// node).
//
// Why a bound and not "at the end": a pod can start to fit a moment before the
// run ends (another pod just completed) and the scheduler is right to take up
// to its back-off to notice. Measuring how long each pod has continuously fit
// makes the check meaningful after every event and free of that race; the
// property's liveness phase (faults off, then a wait longer than the bound)
// is what gives it something to find.
//
// The bound: upstream retries an unschedulable pod on any cluster change after
// its back-off (at most podMaxBackoffSeconds 10s) and in any case after
// podMaxInUnschedulablePodsDuration (5m); a lagging watch (the generators use
// up to 30s) delays what the scheduler sees. 5m + 10s + 30s, rounded up: 6m.
// upstream: pkg/scheduler/internal/queue/scheduling_queue.go (flushUnschedulablePodsLeftover)
import type { KubeObject } from '../../../model/api/types.js';
import type { ApiStore } from '../../../runtime/store.js';
import { formatDuration } from '../../../runtime/clock.js';
import type { Invariant } from '../../invariants/types.js';
import { fits, usageByNode, type Usage } from '../../oracles/fit.js';
import { podFinished } from '../../oracles/pods.js';
import { storedPodRequests } from '../../oracles/requests.js';

export const EVENTUALLY_SCHEDULED_BOUND_MS = 6 * 60_000;

const ready = (n: KubeObject) => (n.status?.conditions ?? []).some((c: any) => c.type === 'Ready' && c.status === 'True');
const NOTHING: Usage = { cpuMilli: 0, memory: 0, pods: 0 };

/** Pending, unbound pods the default scheduler should place, each with the Ready nodes it fits now. */
export function fittingPendingPods(store: ApiStore): Array<{ pod: KubeObject; nodes: string[] }> {
  const pods = store.list('Pod');
  const pending = pods.filter((p) => !p.spec?.nodeName && !p.metadata.deletionTimestamp && !podFinished(p) &&
    (p.spec?.schedulerName ?? 'default-scheduler') === 'default-scheduler');
  if (pending.length === 0) return [];
  const nodes = store.list('Node').filter(ready);
  const used = usageByNode(pods, storedPodRequests);
  const out: Array<{ pod: KubeObject; nodes: string[] }> = [];
  for (const p of pending) {
    const req = storedPodRequests(p);
    const names = nodes.filter((n) => fits(p, n, used.get(n.metadata.name!) ?? NOTHING, req)).map((n) => n.metadata.name!);
    if (names.length > 0) out.push({ pod: p, nodes: names });
  }
  return out;
}

/** The invariant with another bound (tests use a short one). */
export function eventuallyScheduledWithin(boundMs: number): Invariant {
  return {
    name: 'eventually-scheduled',
    description: `no pod stays Pending and unbound for more than ${formatDuration(boundMs)} while it fits a Ready, schedulable node`,
    guards: 'scheduler queue: back-off, move-on-cluster-change and the 5m unschedulable flush (a pod dropped from every queue is never retried)',
    create(cluster) {
      let dirty = true;
      // uid → since when it has fitted, and where.
      const fitting = new Map<string, { sinceMs: number; pod: KubeObject; nodes: string[] }>();
      cluster.store.onChange((_t, o) => { if (o.kind === 'Pod' || o.kind === 'Node') dirty = true; });
      return {
        name: 'eventually-scheduled',
        check(c) {
          const now = c.clock.now();
          if (dirty) {
            dirty = false;
            const current = new Map(fittingPendingPods(c.store).map((f) => [f.pod.metadata.uid!, f]));
            for (const uid of fitting.keys()) if (!current.has(uid)) fitting.delete(uid);
            for (const [uid, f] of current) {
              const prev = fitting.get(uid);
              fitting.set(uid, { sinceMs: prev?.sinceMs ?? now, pod: f.pod, nodes: f.nodes });
            }
          }
          for (const f of fitting.values()) {
            if (now - f.sinceMs <= boundMs) continue;
            const more = f.nodes.length > 1 ? ` (and ${f.nodes.length - 1} more)` : '';
            return `pod ${f.pod.metadata.namespace}/${f.pod.metadata.name} has fitted node ${f.nodes[0]}${more} for ${formatDuration(now - f.sinceMs)} but is still Pending and unbound (bound ${formatDuration(boundMs)})`;
          }
          return undefined;
        },
      };
    },
  };
}

export const eventuallyScheduled: Invariant = eventuallyScheduledWithin(EVENTUALLY_SCHEDULED_BOUND_MS);
