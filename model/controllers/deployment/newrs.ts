// The new ReplicaSet of a Deployment: built from the Deployment's template
// with the pod-template-hash label added to its labels, its selector and its
// template, named `<deployment>-<hash>` so that creating it twice is
// idempotent (a second create fails AlreadyExists). An existing new
// ReplicaSet is kept in step: the Deployment's annotations, the next
// revision, and minReadySeconds.
// upstream: pkg/controller/deployment/sync.go (getNewReplicaSet), k8s.io/kubernetes/pkg/util/labels
//           (CloneAndAddLabel, CloneSelectorAndAddLabel)
import type { KubeObject } from '../../api/types.js';
import { ownerOf, ownerRefFor } from '../claim.js';
import { POD_TEMPLATE_HASH, setNewReplicaSetAnnotations } from './annotations.js';
import { computeHash } from './hash.js';
import { maxSurge, newRSNewReplicas } from './fenceposts.js';


/** upstream CloneSelectorAndAddLabel: the label joins matchLabels. */
export function selectorWithHash(selector: any, hash: string): any {
  const s = structuredClone(selector ?? {});
  s.matchLabels = { ...(s.matchLabels ?? {}), [POD_TEMPLATE_HASH]: hash };
  return s;
}

/** The ReplicaSet to create for the Deployment's current template (its replicas per NewRSNewReplicas). */
export function buildNewReplicaSet(d: KubeObject, oldRSs: readonly KubeObject[], newRevision: bigint): KubeObject {
  const hash = computeHash(d.spec.template, d.status?.collisionCount);
  const template = structuredClone(d.spec.template);
  template.metadata = { ...(template.metadata ?? {}), labels: { ...(template.metadata?.labels ?? {}), [POD_TEMPLATE_HASH]: hash } };
  const rs: KubeObject = {
    apiVersion: 'apps/v1',
    kind: 'ReplicaSet',
    metadata: {
      name: `${d.metadata.name}-${hash}`,
      namespace: d.metadata.namespace,
      labels: { ...template.metadata.labels },
      ownerReferences: [ownerRefFor(ownerOf(d))],
    },
    spec: { replicas: 0, minReadySeconds: d.spec.minReadySeconds ?? 0, selector: selectorWithHash(d.spec.selector, hash), template },
  };
  rs.spec.replicas = newRSNewReplicas(d, [...oldRSs, rs], rs);
  const ann: Record<string, string> = {};
  setNewReplicaSetAnnotations(d, ann, newRevision, false, maxSurge(d));
  rs.metadata.annotations = ann;
  return rs;
}

/** The existing new ReplicaSet brought in step, or undefined when it already is. */
export function syncExistingNewReplicaSet(d: KubeObject, rs: KubeObject, newRevision: bigint): KubeObject | undefined {
  const copy = structuredClone(rs);
  const ann: Record<string, string> = { ...(copy.metadata.annotations ?? {}) };
  const annotationsUpdated = setNewReplicaSetAnnotations(d, ann, newRevision, true, maxSurge(d));
  const minReady = d.spec.minReadySeconds ?? 0;
  if (!annotationsUpdated && (copy.spec.minReadySeconds ?? 0) === minReady) return undefined;
  copy.metadata.annotations = ann;
  copy.spec.minReadySeconds = minReady;
  return copy;
}
