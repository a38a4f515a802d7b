// What the pod fault verbs share: the pod they name must be bound to a node
// whose kubelet runs (a crashed node's kubelet still holds its pods).
import type { Cluster } from '../../cluster.js';
import type { Step } from '../types.js';
import { parseTarget } from '../target.js';
import { ns } from './common.js';

export const podName = (step: Step): string => parseTarget(step.value, 'pod').name;

export function podOnKubelet(cluster: Cluster, step: Step): boolean {
  const pod = cluster.store.get('Pod', ns(step), podName(step));
  return Boolean(pod?.spec?.nodeName && cluster.kubelets.has(pod.spec.nodeName));
}
