// `node-add: {name, capacity, labels, taints}`: hardware joins; its kubelet registers the Node.
import type { NodeSpecInput } from '../../config.js';
import { ScenarioError } from '../types.js';
import { nodeSpec } from '../load.js';
import type { Verb } from './types.js';
import { describeDefault } from './common.js';

export const nodeAdd: Verb = {
  name: 'node-add',
  value: 'nodeSpec',
  options: {},
  execute(cluster, step) {
    cluster.nodeAdd(nodeSpec(step.value, '', (_p, m) => { throw new ScenarioError(step.pos, m); }));
    return undefined;
  },
  describe: (step) => describeDefault(step, String((step.value as NodeSpecInput | undefined)?.name ?? '')),
  applicable(cluster, step) {
    const n = (step.value as NodeSpecInput).name;
    return !cluster.kubelets.has(n) && !cluster.store.get('Node', undefined, n);
  },
  generate: {
    weight: 3, group: 'nodeFaults',
    draw: (k) => k.rawNode,
    resolve(raw, m, k) {
      const name = `node-${m.nodes.length + 1}`;
      m.nodes.push({ name, hw: 'up', cordoned: false });
      return k.step('node-add', k.nodeSpecOf(raw, name, m.small));
    },
  },
};
