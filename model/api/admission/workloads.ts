// Admission for the workload kinds, keyed by kind. The caller (admission/index.ts) validates
// ObjectMeta first, then runs these: defaults, then validate or validateUpdate.
import { controllerRevisionAdmission } from './controllerrevision.js';
import { cronJobAdmission } from './cronjob.js';
import { daemonSetAdmission } from './daemonset.js';
import { deploymentAdmission } from './deployment.js';
import { jobAdmission } from './job.js';
import { replicaSetAdmission } from './replicaset.js';
import { replicationControllerAdmission } from './replicationcontroller.js';
import { statefulSetAdmission } from './statefulset.js';
import type { KindAdmission } from './types.js';

export const workloadAdmission: Record<string, KindAdmission> = {
  ReplicationController: replicationControllerAdmission,
  ReplicaSet: replicaSetAdmission,
  Deployment: deploymentAdmission,
  StatefulSet: statefulSetAdmission,
  DaemonSet: daemonSetAdmission,
  ControllerRevision: controllerRevisionAdmission,
  Job: jobAdmission,
  CronJob: cronJobAdmission,
};
