// Recreate's one rule: the new ReplicaSet is not scaled up while any pod of
// an old one may still be running. A pod counts until it reaches a terminal
// phase (Succeeded or Failed) or is gone: a Terminating pod still runs its
// containers through the grace period, and an Unknown one may be running on
// a node the control plane cannot see.
// upstream: pkg/controller/deployment/recreate.go (oldPodsRunning)
import type { KubeObject } from '../../api/types.js';
import { actualReplicas } from './replicasets.js';

/** Old ReplicaSets report pods, or some pod owned by an old ReplicaSet has not finished. */
export function oldPodsRunning(newRS: KubeObject | undefined, oldRSs: readonly KubeObject[], podsByRS: ReadonlyMap<string, readonly KubeObject[]>): boolean {
  if (actualReplicas(oldRSs) > 0) return true;
  for (const [uid, pods] of podsByRS) {
    if (newRS && newRS.metadata.uid === uid) continue;
    for (const p of pods) {
      const phase = p.status?.phase;
      if (phase !== 'Failed' && phase !== 'Succeeded') return true;
    }
  }
  return false;
}
