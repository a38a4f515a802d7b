// `wait-for: KIND/NAME` with `condition` and `timeout` (default 10m): advance
// until the condition holds, as `kubectl wait`; past the timeout the run fails.
import { parseDuration } from '../../clock.js';
import { parseCondition } from '../conditions.js';
import { LIMITS } from '../types.js';
import type { Verb } from './types.js';
import { target } from './common.js';

export const DEFAULT_WAIT_TIMEOUT_MS = 10 * 60_000;

export const waitFor: Verb = {
  name: 'wait-for',
  value: 'target',
  options: { namespace: 'string', condition: 'string', timeout: 'duration' },
  check(step) {
    parseCondition(step.options.condition as string | undefined);
    if (step.options.timeout !== undefined && parseDuration(step.options.timeout as string) > LIMITS.waitMs) throw new Error('timeout is too long (limit 720h)');
  },
  execute(cluster, step) {
    const t = target(step, cluster);
    const cond = parseCondition(step.options.condition as string | undefined);
    const timeout = step.options.timeout !== undefined ? parseDuration(step.options.timeout as string) : DEFAULT_WAIT_TIMEOUT_MS;
    const ok = cluster.runUntil(() => cond(cluster.store.get(t.kind.kind, t.namespace, t.name)), timeout);
    // upstream: kubectl wait's message
    return ok ? undefined : `timed out waiting for the condition on ${t.kind.resource}/${t.name}`;
  },
};
