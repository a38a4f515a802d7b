// `pod-fail: POD` with `exitCode` (default 1) and `container`: its container
// exits; restartPolicy decides what follows.
import type { Verb } from './types.js';
import { ns } from './common.js';
import { podName, podOnKubelet } from './pods.js';

export const podFail: Verb = {
  name: 'pod-fail',
  value: 'bareTarget', bareKind: 'pod',
  options: { namespace: 'string', exitCode: 'int', container: 'string' },
  execute(cluster, step) {
    cluster.podFail(podName(step), ns(step), (step.options.exitCode as number | undefined) ?? 1, step.options.container as string | undefined);
    return undefined;
  },
  applicable: podOnKubelet,
  generate: {
    weight: 1, group: 'podFaults',
    draw: (k) => k.fc.record({ pod: k.index, exitCode: k.fc.constantFrom(1, 2, 137) }),
    resolve: (d: { pod: number; exitCode: number }, m, k) => m.pods.length === 0 ? undefined
      : k.step('pod-fail', m.pods[d.pod % m.pods.length]!, { exitCode: d.exitCode }),
  },
};
