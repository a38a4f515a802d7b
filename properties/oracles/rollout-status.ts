// A Deployment reports its rollout complete: the controller has observed its
// latest generation, says so in its Progressing condition (status True,
// reason NewReplicaSetAvailable — what it sets once DeploymentComplete holds)
// and its status counts spec.replicas replicas, all of them updated and all
// available (spec.replicas defaults to 1).
// upstream: pkg/controller/deployment/util/deployment_util.go (DeploymentComplete, NewRSAvailableReason),
//           pkg/controller/deployment/progress.go (syncRolloutStatus),
//           staging/src/k8s.io/kubectl/pkg/polymorphichelpers/rollout_status.go (DeploymentStatusViewer)
import type { KubeObject } from '../../model/api/types.js';

export const NEW_RS_AVAILABLE = 'NewReplicaSetAvailable';

export function reportsRolloutComplete(d: KubeObject | undefined): boolean {
  if (d?.kind !== 'Deployment') return false;
  const want: number = d.spec?.replicas ?? 1;
  const s = d.status ?? {};
  if ((s.observedGeneration ?? 0) < (d.metadata.generation ?? 0)) return false;
  const progressing = (s.conditions ?? []).find((c: any) => c?.type === 'Progressing');
  if (progressing?.status !== 'True' || progressing.reason !== NEW_RS_AVAILABLE) return false;
  return [s.updatedReplicas, s.replicas, s.availableReplicas].every((n) => (n ?? 0) === want);
}
