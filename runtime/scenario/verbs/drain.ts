// `drain NODE`, as `kubectl drain NODE --ignore-daemonsets`: cordon, evict
// every pod but DaemonSet and mirror pods through the Eviction API, and wait
// for them to be gone. Pods with no controller need `force: true`.
// upstream: staging/src/k8s.io/kubectl/pkg/drain (filters and messages)
import type { KubeObject } from '../../../model/api/types.js';
import { ApiError } from '../../../model/api/errors.js';
import type { Cluster } from '../../cluster.js';
import { parseDuration } from '../../clock.js';
import type { Step } from '../types.js';
import { parseTarget } from '../target.js';
import type { Verb } from './types.js';
import { nodeIs } from './hardware.js';

const DEFAULT_DRAIN_TIMEOUT_MS = 10 * 60_000;

export function drainNode(cluster: Cluster, node: string, step: Step): string | undefined {
  const { store } = cluster;
  store.mustGet('Node', undefined, node);
  store.patch('Node', undefined, node, { spec: { unschedulable: true } });
  const pods = store.list('Pod', { fieldSelector: [{ field: 'spec.nodeName', op: '=', value: node }] });
  const controllerOf = (p: KubeObject) => p.metadata.ownerReferences?.find((r) => r.controller);
  const unmanaged = pods.filter((p) => !controllerOf(p) && !isTerminal(p));
  if (unmanaged.length > 0 && step.options.force !== true) {
    const names = unmanaged.map((p) => `${p.metadata.namespace}/${p.metadata.name}`).join(', ');
    throw new ApiError('BadRequest', `unable to drain node "${node}" due to error: cannot delete Pods that declare no controller (use --force to override): ${names}`);
  }
  const evicted: KubeObject[] = [];
  for (const p of pods) {
    if (controllerOf(p)?.kind === 'DaemonSet') continue;
    if (p.metadata.annotations?.['kubernetes.io/config.mirror']) continue;
    evict(cluster, p, step.options.grace as number | undefined);
    evicted.push(p);
  }
  const timeout = step.options.timeout !== undefined ? parseDuration(step.options.timeout as string) : DEFAULT_DRAIN_TIMEOUT_MS;
  const gone = () => evicted.every((p) => store.getByUid(p.metadata.uid!) === undefined);
  if (!cluster.runUntil(gone, timeout)) {
    return `error when waiting for pods to be deleted on node "${node}": global timeout reached: ${Math.round(timeout / 1000)}s`;
  }
  return undefined;
}

const isTerminal = (p: KubeObject) => p.status?.phase === 'Succeeded' || p.status?.phase === 'Failed';

/** POST pods/NAME/eviction: DisruptionTarget, then a graceful delete (no PodDisruptionBudgets in this version). */
function evict(cluster: Cluster, pod: KubeObject, grace?: number): void {
  const { store, clock } = cluster;
  const live = store.getByUid(pod.metadata.uid!);
  if (!live || live.metadata.deletionTimestamp) return;
  if (!isTerminal(live)) {
    const conditions = [...(live.status?.conditions ?? []).filter((c: any) => c.type !== 'DisruptionTarget'),
      { type: 'DisruptionTarget', status: 'True', lastTransitionTime: clock.iso(), reason: 'EvictionByEvictionAPI', message: 'Eviction API: evicting' }];
    store.update({ ...live, status: { ...live.status, conditions } } as KubeObject, { subresource: 'status' });
  }
  store.delete('Pod', live.metadata.namespace, live.metadata.name!, { gracePeriodSeconds: grace, uid: live.metadata.uid });
}

export const drain: Verb = {
  name: 'drain',
  value: 'bareTarget', bareKind: 'node',
  options: { force: 'bool', grace: 'nonNegInt', timeout: 'duration' },
  execute: (cluster, step) => drainNode(cluster, parseTarget(step.value, 'node').name, step),
  // Only a running node: its kubelet confirms the evictions, so the drain finishes within the grace periods.
  applicable: (cluster, step) => nodeIs(cluster, step, (s) => s === 'up'),
  generate: {
    weight: 1, group: 'nodeFaults',
    draw: (k) => k.index,
    resolve(i: number, m, k) {
      const up = m.nodes.filter((n) => n.hw === 'up');
      if (up.length === 0) return undefined;
      const n = up[i % up.length]!;
      n.cordoned = true;
      // Generated pods have no controller: drain needs force, as kubectl does.
      return k.step('drain', n.name, { force: true });
    },
  },
};
