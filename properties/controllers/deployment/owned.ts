// What the Deployment invariants share: a Deployment's ReplicaSets as the
// store has them (those whose ControllerRef names it), read through the
// store's owner index, and one line per ReplicaSet for messages.
import type { KubeObject } from '../../../model/api/types.js';
import { controllerOf } from '../../oracles/pods.js';
import type { ApiStore } from '../../../runtime/store.js';

export function ownedReplicaSets(store: ApiStore, d: KubeObject): KubeObject[] {
  return store.dependentsOf(d.metadata.uid!)
    .filter((o) => o.kind === 'ReplicaSet' && controllerOf(o)?.uid === d.metadata.uid)
    .sort((a, b) => (a.metadata.name! < b.metadata.name! ? -1 : 1));
}

/** The Deployment a ReplicaSet's ControllerRef names, if it is one: `namespace/name` and uid. */
export function deploymentRef(rs: KubeObject | undefined): { key: string; uid: string } | undefined {
  const ref = controllerOf(rs);
  if (!ref || ref.kind !== 'Deployment') return undefined;
  return { key: `${rs!.metadata.namespace}/${ref.name}`, uid: ref.uid };
}

export const rsLine = (rs: KubeObject): string =>
  `${rs.metadata.name} (revision ${rs.metadata.annotations?.['deployment.kubernetes.io/revision'] ?? '?'}, ` +
  `spec ${rs.spec?.replicas ?? 0}, available ${rs.status?.availableReplicas ?? 0})`;
