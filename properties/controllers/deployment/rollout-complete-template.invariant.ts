// Once a Deployment has reported its rollout complete — as `kubectl rollout
// status` decides: Progressing=True/NewReplicaSetAvailable, every replica
// updated and available, the latest generation observed — for
// ROLLOUT_COMPLETE_BOUND_MS straight, every active pod its ReplicaSets
// control runs the Deployment's current pod template: it belongs to the
// ReplicaSet whose template equals the Deployment's, and runs that
// template's images. A completed rollout with an old pod left behind would be
// a lie the user acts on.
//
// Why a bound and not "at once": the report is computed from the
// controller's informer caches. With a lagging watch upstream itself may
// report complete for a moment — it has not yet seen the ReplicaSet the
// last template change made — and takes it back once the cache catches up
// (found by this property with a 4s watch delay on the controller). The
// bound is the liveness half: past any watch lag (the generators use at
// most 30s) plus a scale-down and a graceful delete, a report that still
// stands must be true. The property's closing wait lets the bound pass.
// "Complete", "active", the ControllerRef and template equality are the
// harness's own (properties/oracles/), not the controller's or kubectl's code.
// upstream: pkg/controller/deployment/util/deployment_util.go (DeploymentComplete),
//           staging/src/k8s.io/kubectl/pkg/polymorphichelpers/rollout_status.go
import { formatDuration } from '../../../runtime/clock.js';
import type { Invariant } from '../../invariants/types.js';
import { controllerOf, podActive } from '../../oracles/pods.js';
import { reportsRolloutComplete } from '../../oracles/rollout-status.js';
import { sameTemplateIgnoringHash } from '../../oracles/template.js';
import { ownedReplicaSets } from './owned.js';

export const ROLLOUT_COMPLETE_BOUND_MS = 2 * 60_000;

const images = (spec: any): string => (spec?.containers ?? []).map((c: any) => `${c.name}=${c.image}`).join(',');

export const rolloutCompleteTemplate: Invariant = {
  name: 'rollout-complete-template',
  description: `once a Deployment has reported its rollout complete for ${formatDuration(ROLLOUT_COMPLETE_BOUND_MS)}, every active pod it controls runs its current pod template`,
  guards: 'DeploymentComplete over ReplicaSet status; pod-template-hash keeps ReplicaSets of one Deployment apart',
  create(cluster) {
    /** Deployment uid → since when its stored status has said complete (for the same resourceVersion of spec). */
    const since = new Map<string, { atMs: number; generation: number }>();
    /** Deployments found true past the bound, and unchanged since (their ReplicaSets and pods too). */
    const verified = new Set<string>();
    cluster.store.onChange((type, o) => {
      const ref = controllerOf(o);
      if (o.kind === 'ReplicaSet' && ref?.kind === 'Deployment') verified.delete(ref.uid);
      if (o.kind === 'Pod' && ref?.kind === 'ReplicaSet') {
        const rs = cluster.store.getByUid(ref.uid);
        const dref = controllerOf(rs);
        if (dref?.kind === 'Deployment') verified.delete(dref.uid);
      }
      if (o.kind !== 'Deployment') return;
      verified.delete(o.metadata.uid!);
      const uid = o.metadata.uid!;
      if (type === 'DELETED' || o.metadata.deletionTimestamp || !reportsRolloutComplete(o)) { since.delete(uid); return; }
      const cur = since.get(uid);
      if (!cur || cur.generation !== o.metadata.generation) since.set(uid, { atMs: cluster.clock.now(), generation: o.metadata.generation ?? 0 });
    });
    return {
      name: 'rollout-complete-template',
      check(c) {
        const now = c.clock.now();
        for (const [uid, s] of since) {
          if (now - s.atMs <= ROLLOUT_COMPLETE_BOUND_MS || verified.has(uid)) continue;
          const d = c.store.getByUid(uid);
          if (!d) continue;
          for (const rs of ownedReplicaSets(c.store, d)) {
            const current = sameTemplateIgnoringHash(rs.spec?.template, d.spec?.template);
            for (const p of c.store.dependentsOf(rs.metadata.uid!)) {
              if (p.kind !== 'Pod' || controllerOf(p)?.uid !== rs.metadata.uid || !podActive(p)) continue;
              if (!current || images(p.spec) !== images(d.spec.template.spec)) {
                return `deployment ${d.metadata.namespace}/${d.metadata.name} has reported its rollout complete for ${formatDuration(now - s.atMs)} ` +
                  `(revision ${d.metadata.annotations?.['deployment.kubernetes.io/revision'] ?? '?'}) but pod ${p.metadata.namespace}/${p.metadata.name} ` +
                  `of ReplicaSet ${rs.metadata.name} runs ${images(p.spec)}, not ${images(d.spec.template.spec)}`;
              }
            }
          }
          verified.add(uid);
        }
        return undefined;
      },
    };
  },
};
