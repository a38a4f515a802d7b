// `set-image: KIND/NAME` with `container` (default every container) and `image`, as `kubectl set image`.
import { ApiError } from '../../../model/api/errors.js';
import type { Verb } from './types.js';
import { target, targetExists } from './common.js';

export const setImage: Verb = {
  name: 'set-image',
  value: 'target',
  options: { namespace: 'string', container: 'string', image: 'string' },
  required: ['image'],
  execute(cluster, step) {
    const t = target(step, cluster);
    const obj = cluster.store.mustGet(t.kind.kind, t.namespace, t.name);
    const container = (step.options.container as string | undefined) ?? '*';
    const image = step.options.image as string;
    const podSpec = obj.kind === 'Pod' ? obj.spec : obj.kind === 'CronJob' ? obj.spec?.jobTemplate?.spec?.template?.spec : obj.spec?.template?.spec;
    if (!podSpec) throw new ApiError('BadRequest', `${t.kind.resource}/${t.name} has no pod template`);
    let found = false;
    const containers = (podSpec.containers ?? []).map((c: any) => {
      if (container === '*' || c.name === container) { found = true; return { ...c, image }; }
      return c;
    });
    // upstream: kubectl set image's error for an unknown container
    if (!found) throw new ApiError('BadRequest', `unable to find container named "${container}"`);
    const copy = structuredClone(obj) as any;
    if (obj.kind === 'Pod') copy.spec.containers = containers;
    else if (obj.kind === 'CronJob') copy.spec.jobTemplate.spec.template.spec.containers = containers;
    else copy.spec.template.spec.containers = containers;
    cluster.store.update(copy);
    return undefined;
  },
  applicable: (cluster, step) => targetExists(cluster, step),
};
