// `evict: pod/NAME`: one eviction through the Eviction API, as kubectl drain
// makes for each pod. A PodDisruptionBudget may refuse it (429): the run goes
// on, and `evictions` in the run's results says which were refused and why.
import { EvictionRefused, evictPod } from '../../eviction.js';
import type { Verb } from './types.js';
import { target } from './common.js';

export const evict: Verb = {
  name: 'evict',
  value: 'target',
  options: { namespace: 'string', grace: 'nonNegInt' },
  check(step) {
    if (!/^(pod|pods|po)\//.test(String(step.value))) throw new Error(`evict: a pod is required (pod/NAME), not ${String(step.value)}`);
  },
  execute(cluster, step, run) {
    const t = target(step, cluster);
    const at = cluster.clock.iso();
    try {
      evictPod(cluster.ctx, t.namespace!, t.name, { gracePeriodSeconds: step.options.grace as number | undefined });
      run.evictions.push({ pod: `${t.namespace}/${t.name}`, time: at, evicted: true });
    } catch (e) {
      if (!(e instanceof EvictionRefused)) throw e;
      run.evictions.push({ pod: `${t.namespace}/${t.name}`, time: at, evicted: false, code: e.code, message: e.message, ...(e.budgetCause ? { cause: e.budgetCause } : {}) });
    }
    return undefined;
  },
};
