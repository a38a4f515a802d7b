// `pod-unready` and `pod-ready: POD`: the readiness probe starts failing or passing.
import type { Verb } from './types.js';
import { ns } from './common.js';
import { podName, podOnKubelet } from './pods.js';

export function readinessVerb(name: 'pod-unready' | 'pod-ready'): Verb {
  return {
    name,
    value: 'bareTarget', bareKind: 'pod',
    options: { namespace: 'string', container: 'string' },
    execute(cluster, step) {
      cluster.podReadiness(podName(step), ns(step), name === 'pod-ready', step.options.container as string | undefined);
      return undefined;
    },
    applicable: podOnKubelet,
    generate: {
      weight: 1, group: 'podFaults',
      draw: (k) => k.index,
      resolve: (i: number, m, k) => m.pods.length === 0 ? undefined : k.step(name, m.pods[i % m.pods.length]!),
    },
  };
}
