// Small helpers the verbs share: the step's namespace and target, the
// default kubectl-like line.
import type { Cluster } from '../../cluster.js';
import type { Step } from '../types.js';
import { parseTarget, type Target } from '../target.js';

/** The step's namespace (`namespace:` option), default `default`. */
export const ns = (step: Step): string => (step.options.namespace as string | undefined) ?? 'default';

/** The target, as the cluster's API server names kinds (its CRDs included), and its namespace (none for cluster-scoped kinds). */
export function target(step: Step, cluster: Cluster, bareKind?: string): Target & { namespace: string | undefined } {
  const t = parseTarget(step.value, bareKind, cluster.store.registry);
  return { ...t, namespace: t.kind.namespaced ? ns(step) : undefined };
}

/** Does the step's target exist? */
export function targetExists(cluster: Cluster, step: Step, bareKind?: string): boolean {
  const t = target(step, cluster, bareKind);
  return cluster.store.get(t.kind.kind, t.namespace, t.name) !== undefined;
}

function flag(k: string, v: unknown): string {
  if (typeof v === 'object' && v !== null) return `--${k}='${JSON.stringify(v)}'`;
  return `--${k}=${String(v)}`;
}

/** `VERB TARGET --option=value ...`. */
export function describeDefault(step: { verb: string; value: unknown; options: Record<string, unknown> }, target?: string): string {
  const t = target ?? (typeof step.value === 'object' ? JSON.stringify(step.value) : String(step.value));
  const opts = Object.entries(step.options).map(([k, v]) => flag(k, v)).join(' ');
  return [step.verb, t, opts].filter(Boolean).join(' ');
}

/** `resource.group` as kubectl prints a resource in its errors (`statefulsets.apps`, `pods`). */
export const qualified = (k: { resource: string; group?: string }): string => (k.group ? `${k.resource}.${k.group}` : k.resource);
