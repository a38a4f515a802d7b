// `expect: [CHECKS]`: each check is a `get` (kubectl's words) plus `count`,
// `equals` (with a `path`), `exists`, `atLeast` or `atMost`; the results go
// into the run's record, and a failed one makes the run fail at its end.
import type { KubeObject } from '../../../model/api/types.js';
import type { Cluster } from '../../cluster.js';
import { getPath, valueEquals } from '../jsonpath.js';
import { parseGet, type GetQuery } from '../target.js';
import type { Check } from '../types.js';
import type { CheckResult } from '../run.js';
import type { Verb } from './types.js';

/** The objects a `get` names, as kubectl get would list them. */
export function query(cluster: Cluster, q: GetQuery): KubeObject[] {
  const namespace = q.kind.namespaced && !q.allNamespaces ? q.namespace ?? 'default' : undefined;
  if (q.name) {
    const o = cluster.store.get(q.kind.kind, namespace, q.name);
    return o ? [o] : [];
  }
  return cluster.store.list(q.kind.kind, { namespace, labelSelector: q.labelSelector, fieldSelector: q.fieldSelector });
}

export function evaluate(cluster: Cluster, c: Check): CheckResult {
  const items = query(cluster, parseGet(c.get, cluster.store.registry));
  const values = c.path ? items.map((o) => getPath(o, c.path!)) : [];
  const failures: string[] = [];
  const desc = [`get ${c.get}`, c.path ? c.path : ''].filter(Boolean).join(' ');
  if (c.count !== undefined && items.length !== c.count) failures.push(`count is ${items.length}, expected ${c.count}`);
  if (c.atLeast !== undefined && items.length < c.atLeast) failures.push(`count is ${items.length}, expected at least ${c.atLeast}`);
  if (c.atMost !== undefined && items.length > c.atMost) failures.push(`count is ${items.length}, expected at most ${c.atMost}`);
  if (c.exists !== undefined) {
    const exists = c.path ? values.some((x) => x !== undefined) : items.length > 0;
    if (exists !== c.exists) failures.push(c.exists ? 'not found' : 'exists');
  }
  if ('equals' in c) {
    if (items.length === 0) failures.push('not found');
    for (let i = 0; i < items.length; i++) {
      if (!valueEquals(values[i], c.equals)) failures.push(`${items[i]!.metadata.name}: ${c.path} is ${JSON.stringify(values[i] ?? null)}, expected ${JSON.stringify(c.equals)}`);
    }
  }
  const want = ['count', 'atLeast', 'atMost', 'exists', 'equals'].filter((k) => k in c).map((k) => `${k} ${JSON.stringify((c as any)[k])}`).join(', ');
  return { ok: failures.length === 0, text: `${desc}: ${want}`, message: failures.join('; '), pos: c.pos, timeMs: cluster.clock.now() };
}

export const expect: Verb = {
  name: 'expect',
  value: 'checks',
  options: {},
  execute(cluster, step, run) {
    for (const c of step.checks ?? []) run.checks.push(evaluate(cluster, c));
    return undefined;
  },
  describe: (step) => `expect ${Array.isArray(step.value) ? step.value.length : 0} check(s)`,
};
