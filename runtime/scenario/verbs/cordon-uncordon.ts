// `cordon` and `uncordon: NODE`: set or clear spec.unschedulable, as kubectl.
import type { Verb } from './types.js';
import { parseTarget } from '../target.js';

export function cordonVerb(name: 'cordon' | 'uncordon'): Verb {
  const cordoning = name === 'cordon';
  return {
    name,
    value: 'bareTarget', bareKind: 'node',
    options: {},
    execute(cluster, step) {
      const node = parseTarget(step.value, 'node').name;
      cluster.store.mustGet('Node', undefined, node);
      cluster.store.patch('Node', undefined, node, { spec: { unschedulable: cordoning ? true : null } });
      return undefined;
    },
    applicable: (cluster, step) => cluster.store.get('Node', undefined, parseTarget(step.value, 'node').name) !== undefined,
    generate: {
      weight: 1, group: 'nodeFaults',
      draw: (k) => k.index,
      resolve(i: number, m, k) {
        const present = m.nodes.filter((n) => n.hw !== 'removed');
        if (present.length === 0) return undefined;
        const n = present[i % present.length]!;
        n.cordoned = cordoning;
        return k.step(name, n.name);
      },
    },
  };
}
