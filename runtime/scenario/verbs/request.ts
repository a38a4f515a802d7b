// `request: svc/NAME` with `count` and `from`: send requests through a node's
// kube-proxy. Services are not modelled yet, so a scenario using it is refused.
import type { Verb } from './types.js';

export const request: Verb = {
  name: 'request',
  value: 'target',
  options: { namespace: 'string', count: 'nonNegInt', from: 'string' },
  unsupported: 'Services and kube-proxy are not modelled yet',
  execute() { throw new Error('request: Services and kube-proxy are not modelled yet'); },
};
