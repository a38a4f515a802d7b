// `wait-for` conditions, as `kubectl wait --for=...` takes them:
// `ready`, `condition=Ready`, `condition=Ready=False`, `delete`, `create`,
// `jsonpath={.status.phase}=Running`; and for workloads `available`
// (Deployment condition Available=True) and `complete` (a Deployment's
// rollout is done, as `kubectl rollout status` decides).
import type { KubeObject } from '../../model/api/types.js';
import { getPath, valueEquals } from './jsonpath.js';

export type Waiter = (obj: KubeObject | undefined) => boolean;

function conditionIs(obj: KubeObject | undefined, type: string, status: string): boolean {
  const conds: any[] = obj?.status?.conditions ?? [];
  const c = conds.find((x) => String(x.type).toLowerCase() === type.toLowerCase());
  return c !== undefined && String(c.status).toLowerCase() === status.toLowerCase();
}

const SCALED_KINDS = new Set(['Deployment', 'ReplicaSet', 'ReplicationController']);

/** A workload with replicas is ready when its latest spec is observed and every replica is ready. */
function replicasReady(o: KubeObject): boolean {
  const want = o.spec?.replicas ?? 1;
  const s = o.status ?? {};
  return (s.observedGeneration ?? 0) >= (o.metadata.generation ?? 0) && (s.replicas ?? 0) === want && (s.readyReplicas ?? 0) === want;
}

/**
 * A Deployment's rollout is complete: Progressing=True with reason NewReplicaSetAvailable, every replica
 * updated and available, the latest generation observed.
 * upstream: staging/src/k8s.io/kubectl/pkg/polymorphichelpers/rollout_status.go (DeploymentStatusViewer)
 */
export function rolloutComplete(o: KubeObject | undefined): boolean {
  if (!o || o.kind !== 'Deployment') return false;
  const s = o.status ?? {};
  const want = o.spec?.replicas ?? 1;
  const progressing = (s.conditions ?? []).find((c: any) => c.type === 'Progressing');
  return (s.observedGeneration ?? 0) >= (o.metadata.generation ?? 0) &&
    progressing?.status === 'True' && progressing.reason === 'NewReplicaSetAvailable' &&
    (s.updatedReplicas ?? 0) === want && (s.replicas ?? 0) === want && (s.availableReplicas ?? 0) === want;
}

/** Parse a condition; throws with kubectl's words for an unknown form. */
export function parseCondition(text: string | undefined): Waiter {
  const s = (text ?? 'ready').trim();
  const lower = s.toLowerCase();
  if (lower === 'delete' || lower === 'deleted') return (o) => o === undefined;
  if (lower === 'create' || lower === 'exists') return (o) => o !== undefined;
  if (lower === 'ready') return (o) => (o && SCALED_KINDS.has(o.kind) ? replicasReady(o) : conditionIs(o, 'Ready', 'True'));
  if (lower === 'available') return (o) => conditionIs(o, 'Available', 'True');
  if (lower === 'complete') return rolloutComplete;
  if (lower.startsWith('condition=')) {
    const parts = s.slice('condition='.length).split('=');
    const type = parts[0]!;
    const status = parts[1] ?? 'True';
    if (!type) throw new Error('condition name is required: condition=NAME[=STATUS]');
    return (o) => conditionIs(o, type, status);
  }
  if (lower.startsWith('jsonpath=')) {
    const rest = s.slice('jsonpath='.length).replace(/^'|'$/g, '');
    const m = /^(\{[^}]*\}|\.[^=]*)(?:=(.*))?$/.exec(rest);
    if (!m) throw new Error(`unrecognized jsonpath condition ${JSON.stringify(s)}`);
    const path = m[1]!;
    getPath({}, path);
    const want = m[2];
    return (o) => {
      if (!o) return false;
      const v = getPath(o, path);
      return want === undefined ? v !== undefined : valueEquals(v, want);
    };
  }
  throw new Error(`unrecognized condition: "${s}" (use ready, available, complete, condition=NAME[=STATUS], delete, create or jsonpath={.path}=VALUE)`);
}
