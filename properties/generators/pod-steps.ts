// Pod-level draws for the per-controller properties: a readiness flip or a
// delete aimed at one of the running pods, chosen when the step runs.
import type { Cluster } from '../../runtime/cluster.js';
import type { Step } from '../../runtime/scenario/types.js';
import { late, step } from './scenario.js';

/** Running pods on live nodes, not being deleted, in the store's order. */
export const runningPods = (c: Cluster) => c.store.list('Pod').filter((p) => !p.metadata.deletionTimestamp && p.status?.phase === 'Running'
  && p.spec?.nodeName && c.nodeState(p.spec.nodeName) === 'up');

/** `pod-unready`, `pod-ready` or a delete of the `pick`-th running pod (modulo how many there are); nothing when none runs. */
export function podStep(kind: 'pod-unready' | 'pod-ready' | 'delete-pod', pick: number): Step {
  return late((c) => {
    const pods = runningPods(c);
    if (pods.length === 0) return undefined;
    const name = pods[pick % pods.length]!.metadata.name!;
    return kind === 'delete-pod' ? step('delete', `pod/${name}`) : step(kind, name);
  });
}
