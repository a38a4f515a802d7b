// `create: PATH | OBJECT | [OBJECTS]`: create; an existing object is an error (AlreadyExists).
import type { Verb } from './types.js';
import { applyObjects, describeObjects, objectsAbsent } from './apply.js';

export const create: Verb = {
  name: 'create',
  value: 'manifests',
  options: { namespace: 'string' },
  execute(cluster, step) { applyObjects(cluster, step); return undefined; },
  describe: describeObjects,
  applicable: objectsAbsent,
  generate: {
    weight: 1, group: 'always',
    draw: (k) => k.rawPod,
    // Always a fresh name, so AlreadyExists cannot happen.
    resolve(pod, m, k) {
      const name = `pod-${m.pods.length + 1}`;
      m.pods.push(name);
      return k.step('create', k.podManifest(pod, name));
    },
  },
};
