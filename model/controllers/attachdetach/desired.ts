// The attach/detach controller's decisions, pure: which attachable volumes
// each node should have (the desired state of the world), what a pod blocked
// by another node's attachment is told, and when an attachment that is no
// longer wanted may go.
//
// Why a terminating pod on a dead node still holds its volume: it has not
// terminated (its phase is still Running), so it stays in the desired state
// until it is deleted from the API; only then does the six-minute wait for
// an unconfirmed unmount start.
// upstream: pkg/controller/volume/attachdetach/populator/desired_state_of_world_populator.go,
//           util/util.go (ProcessPodVolumes, getPVSpecFromCache: the claim must be Bound),
//           reconciler/reconciler.go (reportMultiAttachError, the detach checks)
import type { KubeObject } from '../../api/types.js';
import { isAttachable, uniqueVolumeName } from './volumes.js';
import { claimsOfPod } from '../volumeprotection/index.js';

/** upstream maxWaitForUnmountDuration: an unconfirmed unmount blocks detach this long on an unhealthy node. */
export const MAX_WAIT_FOR_UNMOUNT_MS = 6 * 60_000;
/** upstream reconcilerLoopPeriod. */
export const RECONCILER_LOOP_PERIOD_MS = 100;
export const OUT_OF_SERVICE_TAINT = 'node.kubernetes.io/out-of-service';

export interface WantedVolume {
  /** node.status.volumesAttached's name for it. */
  unique: string;
  /** The PersistentVolume's name (the events name the volume so). */
  pvName: string;
  multiAttach: boolean;
  /** namespace/name of the scheduled pods that use it on this node, sorted. */
  pods: string[];
}

const terminated = (p: KubeObject) => p.status?.phase === 'Succeeded' || p.status?.phase === 'Failed';

export interface Lookup {
  claim(ns: string, name: string): KubeObject | undefined;
  volume(name: string): KubeObject | undefined;
}

/**
 * Desired attachments: node → unique volume name → what wants it. Only
 * scheduled pods that have not terminated count, and only claims that are
 * Bound to a volume that exists and attaches.
 */
export function desiredState(pods: Iterable<KubeObject>, look: Lookup, isMulti: (pv: KubeObject) => boolean): Map<string, Map<string, WantedVolume>> {
  const out = new Map<string, Map<string, WantedVolume>>();
  for (const pod of pods) {
    const node = pod.spec?.nodeName;
    if (!node || terminated(pod)) continue;
    const ns = pod.metadata.namespace ?? 'default';
    for (const name of claimsOfPod(pod)) {
      const pvc = look.claim(ns, name);
      if (!pvc || pvc.status?.phase !== 'Bound' || !pvc.spec?.volumeName) continue;
      const pv = look.volume(pvc.spec.volumeName);
      if (!pv || !isAttachable(pv)) continue;
      let byVol = out.get(node);
      if (!byVol) out.set(node, byVol = new Map());
      const unique = uniqueVolumeName(pv);
      let w = byVol.get(unique);
      if (!w) byVol.set(unique, w = { unique, pvName: pv.metadata.name!, multiAttach: isMulti(pv), pods: [] });
      const key = `${ns}/${pod.metadata.name}`;
      if (!w.pods.includes(key)) w.pods.push(key);
    }
  }
  for (const byVol of out.values()) for (const w of byVol.values()) w.pods.sort();
  return out;
}

/**
 * The FailedAttachVolume message one blocked pod gets: the pods of its own
 * namespace that hold the volume elsewhere by name, the others only counted
 * (a namespace's users must not learn other namespaces' pod names).
 */
export function multiAttachMessage(pvName: string, podNamespace: string, holders: readonly string[]): string {
  const prefix = `Multi-Attach error for volume ${JSON.stringify(pvName)}`;
  if (holders.length === 0) return `${prefix} Volume is already exclusively attached to one node and can't be attached to another`;
  const local: string[] = [];
  let others = 0;
  for (const h of holders) {
    const [ns, name] = h.split('/') as [string, string];
    if (ns === podNamespace) local.push(name); else others++;
  }
  let msg: string;
  if (local.length > 0) {
    msg = `Volume is already used by pod(s) ${local.join(', ')}`;
    if (others > 0) msg += ` and ${others} pod(s) in different namespaces`;
  } else msg = `Volume is already used by ${others} pod(s) in different namespaces`;
  return `${prefix} ${msg}`;
}

export interface DetachInput {
  /** Is the volume in the node's status.volumesInUse (the kubelet has not confirmed the unmount)? */
  mounted: boolean;
  /** When the controller first found the attachment unwanted. */
  requestedAtMs: number;
  nowMs: number;
  /** The node's Ready condition is True. */
  healthy: boolean;
  outOfService: boolean;
  /** --disable-force-detach-on-timeout. */
  forceDetachDisabled?: boolean;
}

/** May the unwanted attachment be detached now? If not, when to look again (undefined: on the next change). */
export function detachDecision(d: DetachInput): { detach: true } | { detach: false; retryAtMs?: number } {
  if (!d.mounted || d.outOfService) return { detach: true };
  const deadline = d.requestedAtMs + MAX_WAIT_FOR_UNMOUNT_MS;
  if (d.forceDetachDisabled) return { detach: false };
  if (d.nowMs >= deadline) return d.healthy ? { detach: false } : { detach: true };
  return { detach: false, retryAtMs: deadline };
}

/** The node's Ready condition is True. */
export const nodeHealthy = (node: KubeObject | undefined): boolean =>
  !!node && (node.status?.conditions ?? []).some((c: any) => c.type === 'Ready' && c.status === 'True');

export const outOfService = (node: KubeObject | undefined): boolean =>
  !!node && (node.spec?.taints ?? []).some((t: any) => t.key === OUT_OF_SERVICE_TAINT);
