// `drain NODE`, as `kubectl drain NODE --ignore-daemonsets`: cordon, evict
// every pod but DaemonSet and mirror pods through the Eviction API (a pod a
// PodDisruptionBudget protects is tried again every 5 s), and wait for them
// to be gone, all within `timeout` (default 10m). Pods with no controller
// need `force: true`.
// upstream: staging/src/k8s.io/kubectl/pkg/drain (filters and messages)
import type { KubeObject } from '../../../model/api/types.js';
import { ApiError } from '../../../model/api/errors.js';
import type { Cluster } from '../../cluster.js';
import { formatDuration, parseDuration } from '../../clock.js';
import type { Step } from '../types.js';
import { parseTarget } from '../target.js';
import type { Verb } from './types.js';
import { nodeIs } from './hardware.js';
import { EvictionRefused, evictPod } from '../../eviction.js';

const DEFAULT_DRAIN_TIMEOUT_MS = 10 * 60_000;

/** kubectl drain's retry interval after a refused eviction. */
const EVICTION_RETRY_MS = 5_000;

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
  const targets = pods.filter((p) => controllerOf(p)?.kind !== 'DaemonSet' && !p.metadata.annotations?.['kubernetes.io/config.mirror']);
  const timeout = step.options.timeout !== undefined ? parseDuration(step.options.timeout as string) : DEFAULT_DRAIN_TIMEOUT_MS;
  const deadline = cluster.clock.now() + timeout;
  const timedOut = `error when waiting for pods to be deleted on node "${node}": global timeout reached: ${Math.round(timeout / 1000)}s`;
  // Evict each pod; one a budget refuses is tried again every 5 s, as kubectl does, until the timeout.
  let pending = targets;
  for (;;) {
    pending = pending.filter((p) => {
      const live = store.getByUid(p.metadata.uid!);
      if (!live) return false;
      try {
        evictPod(cluster.ctx, live.metadata.namespace!, live.metadata.name!, { gracePeriodSeconds: step.options.grace as number | undefined });
        return false;
      } catch (e) {
        if (e instanceof EvictionRefused && e.reason === 'TooManyRequests') return true;
        if (e instanceof ApiError && e.reason === 'NotFound') return false;
        throw e;
      }
    });
    if (pending.length === 0) break;
    if (cluster.clock.now() + EVICTION_RETRY_MS > deadline) {
      cluster.run(Math.max(0, deadline - cluster.clock.now()));
      // upstream drain.go evictPods: the first pod still refused is named, with the timeout as a Go duration.
      const p = pending[0]!;
      return `error when evicting pods/${JSON.stringify(p.metadata.name)} -n ${JSON.stringify(p.metadata.namespace)}: global timeout reached: ${formatDuration(timeout)}`;
    }
    cluster.run(EVICTION_RETRY_MS);
  }
  const gone = () => targets.every((p) => store.getByUid(p.metadata.uid!) === undefined);
  if (!cluster.runUntil(gone, Math.max(0, deadline - cluster.clock.now()))) return timedOut;
  return undefined;
}

const isTerminal = (p: KubeObject) => p.status?.phase === 'Succeeded' || p.status?.phase === 'Failed';

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
