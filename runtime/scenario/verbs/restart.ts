// `restart: COMPONENT`: a process (kube-controller-manager, kube-scheduler), one
// controller or kubelet/NODE loses its in-memory state and rebuilds it from a fresh list.
import type { Verb } from './types.js';

export const restart: Verb = {
  name: 'restart',
  value: 'component',
  options: {},
  execute(cluster, step) { cluster.restart(String(step.value)); return undefined; },
  generate: {
    weight: 1, group: 'restarts',
    draw: (k) => k.component,
    resolve: (component: string, _m, k) => k.step('restart', component),
  },
};
