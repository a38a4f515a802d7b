// `request: svc/NAME` with `count` (default 1), `from: NODE` (default the
// first node) and `port` (a Service port's name or number; the first by
// default): `count` new connections from a client on that node through
// kube-proxy's rules as last programmed. Which pod answered each, or why none
// did, is recorded in the run's `requests` (see `run -o json`).
import { ApiError } from '../../../model/api/errors.js';
import { KubeProxy } from '../../controllers/kubeproxy/proxy.js';
import { parseTarget } from '../target.js';
import type { Verb } from './types.js';
import { target } from './common.js';

/** A limit on everything: connections one step may make. */
export const MAX_REQUESTS_PER_STEP = 100_000;

export const request: Verb = {
  name: 'request',
  value: 'target',
  options: { namespace: 'string', count: 'nonNegInt', from: 'string', port: 'any' },
  check(step) {
    const t = parseTarget(step.value);
    if (t.kind.kind !== 'Service') throw new Error(`request: a Service is required (svc/NAME), not ${t.kind.resource}`);
    const n = step.options.count;
    if (typeof n === 'number' && n > MAX_REQUESTS_PER_STEP) throw new Error(`request: count ${n} is more than ${MAX_REQUESTS_PER_STEP}, the most one step may send`);
    const port = step.options.port;
    if (port !== undefined && typeof port !== 'string' && !(typeof port === 'number' && Number.isInteger(port))) throw new Error('request: port must be a port name or number');
  },
  execute(cluster, step, run) {
    const t = target(step, cluster);
    cluster.store.mustGet('Service', t.namespace, t.name);
    const from = typeof step.options.from === 'string' ? step.options.from : [...cluster.kubelets.keys()][0];
    if (!from) throw new ApiError('NotFound', 'request: the cluster has no nodes to send from');
    cluster.nodeState(from);
    const proxy = cluster.controller('kube-proxy');
    if (!(proxy instanceof KubeProxy)) throw new ApiError('NotFound', 'request: this cluster runs no kube-proxy');
    const count = typeof step.options.count === 'number' ? step.options.count : 1;
    run.requests.push(proxy.request(t.namespace!, t.name, from, count, step.options.port as string | number | undefined));
    return undefined;
  },
};
