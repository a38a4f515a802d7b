// `resolve: NAME` with `namespace` (default default): a DNS lookup of NAME as
// a pod in that namespace makes it, through its search list, answered from
// the Services and EndpointSlices as they are now (the model's DNS server
// does not lag). The answer is recorded in the run's `lookups`.
import { resolve as lookup } from '../../../model/controllers/dns/resolve.js';
import type { Verb } from './types.js';

/** A limit on everything: the longest name DNS carries. */
export const MAX_NAME = 253;

export const resolve: Verb = {
  name: 'resolve',
  value: 'name',
  options: { namespace: 'string' },
  check(step) {
    const n = String(step.value);
    if (n.length > MAX_NAME) throw new Error(`resolve: a name is at most ${MAX_NAME} characters`);
    if (!/^[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?(\.[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?)*\.?$/.test(n)) throw new Error(`resolve: ${JSON.stringify(n)} is not a DNS name`);
  },
  execute(cluster, step, run) {
    const ns = typeof step.options.namespace === 'string' ? step.options.namespace : 'default';
    const { store } = cluster;
    const r = lookup(String(step.value), ns, {
      service: (namespace, name) => store.get('Service', namespace, name),
      slices: (namespace, service) => store.list('EndpointSlice', { namespace }).filter((s) => s.metadata.labels?.['kubernetes.io/service-name'] === service),
    });
    run.lookups.push({ query: String(step.value), namespace: ns, time: cluster.clock.iso(), rcode: r.rcode, name: r.name, answers: r.answers.map((a) => ({ type: a.type, data: a.data })) });
    return undefined;
  },
};
