// No object ever has two controllers, and none is ever handed directly from
// one controller to another.
//
// Upstream guarantee: ControllerRef claiming (pkg/controller/controller_ref_manager.go)
// only adopts orphans, and the API server rejects a second `controller: true`
// reference (apimachinery ValidateOwnerReferences), so an object changes
// controller only by going through "no controller" first: released because its
// labels (or an RC's mutable selector) stopped matching, or orphaned by the
// garbage collector when its owner is deleted with `cascade: orphan`. A direct
// X → Y change of the ControllerRef is the signature of a controller that
// steals — two controllers with overlapping selectors then fight over the
// same pods forever (what ControllerRef fixed in v1.6).
//
// Cheap: it looks only at each write, comparing the object with its previous version.
import type { KubeObject, OwnerReference } from '../../model/api/types.js';
import type { Invariant } from './types.js';

const controllers = (o: KubeObject): OwnerReference[] => (o.metadata.ownerReferences ?? []).filter((r) => r.controller === true);
const ident = (o: KubeObject) => `${o.kind.toLowerCase()}/${o.metadata.namespace ? `${o.metadata.namespace}/` : ''}${o.metadata.name}`;
const refText = (r: OwnerReference) => `${r.kind}/${r.name} (uid ${r.uid})`;

/** Why this write breaks the rule, or undefined. Exported for tests. */
export function controllerChange(obj: KubeObject, old: KubeObject | undefined): string | undefined {
  const now = controllers(obj);
  if (now.length > 1) return `${ident(obj)} has ${now.length} controller ownerReferences: ${now.map(refText).join(', ')}`;
  if (!old) return undefined;
  const before = controllers(old)[0], after = now[0];
  if (before && after && before.uid !== after.uid) {
    const labels = JSON.stringify(obj.metadata.labels ?? {}) === JSON.stringify(old.metadata.labels ?? {}) ? 'unchanged' : 'changed in the same write';
    return `${ident(obj)} passed directly from controller ${refText(before)} to ${refText(after)} without being released (labels ${labels})`;
  }
  return undefined;
}

export const noDoubleController: Invariant = {
  name: 'no-double-controller',
  description: 'no object has two controller ownerReferences, and no ControllerRef ever changes directly from one controller to another',
  guards: 'ControllerRef claiming adopts only orphans (controller_ref_manager.go ClaimObject); overlapping ReplicaSets that steal pods fight forever (pre-v1.6 behaviour; catalogue bug rs-adopts-owned-pods)',
  create(cluster) {
    let violation: string | undefined;
    cluster.store.onChange((type, obj, old) => {
      if (violation || type === 'DELETED' || obj.kind === 'Event' || obj.kind === 'Lease') return;
      if (!obj.metadata.ownerReferences && !old?.metadata.ownerReferences) return;
      const why = controllerChange(obj, old);
      if (why) violation = `at ${cluster.clock.iso()}: ${why}`;
    });
    return { name: 'no-double-controller', check: () => violation };
  },
};
