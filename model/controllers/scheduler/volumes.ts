// The PreFilter half of the scheduler's volume plugins: a pod whose claims
// cannot be used anywhere is rejected before any node is tried, with the
// reason upstream gives (UnschedulableAndUnresolvable: preemption cannot
// help). A claim that does not exist or is being deleted, and an unbound
// claim whose class binds Immediately (the PV binder, not the scheduler,
// must bind it first), stop the pod here; it is retried when claims change.
// Not modelled: the Filter half (a bound volume's node affinity; finding or
// provisioning volumes for WaitForFirstConsumer claims and PreBind's
// selected-node annotation), ReadWriteOncePod conflicts, node volume limits.
// upstream: pkg/scheduler/framework/plugins/volumebinding/volume_binding.go (PreFilter, podHasPVCs),
//           binder.go (GetPodVolumeClaims, isPVCFullyBound), component-helpers storage/volume (IsDelayBindingMode)
import type { KubeObject } from '../../api/types.js';
import { ANN_BIND_COMPLETED } from '../persistentvolume/events.js';
import { claimClass, isDelayBindingMode } from '../persistentvolume/helpers.js';

export interface ClaimLookup {
  claim(namespace: string, name: string): KubeObject | undefined;
  storageClass(name: string): KubeObject | undefined;
}

export const REASON_UNBOUND_IMMEDIATE = 'pod has unbound immediate PersistentVolumeClaims';

/** upstream IsDelayBindingMode (a class without a mode cannot be stored: admission defaults it to Immediate). */
const delayBinding = (claim: KubeObject, look: ClaimLookup) => isDelayBindingMode(claim, look.storageClass(claimClass(claim)));

/** The PreFilter rejection for the pod's claims, or undefined when it may go on to the filters. */
export function volumePreFilter(pod: KubeObject, look: ClaimLookup): string | undefined {
  const ns = pod.metadata.namespace ?? 'default';
  let unboundImmediate = false;
  for (const v of pod.spec?.volumes ?? []) {
    const name = v?.persistentVolumeClaim?.claimName;
    if (typeof name !== 'string' || name === '') continue;
    const claim = look.claim(ns, name);
    if (!claim) return `persistentvolumeclaim ${JSON.stringify(name)} not found`;
    if (claim.metadata.deletionTimestamp) return `persistentvolumeclaim ${JSON.stringify(name)} is being deleted`;
    // isPVCFullyBound: the binder has finished (volumeName and the bind-completed annotation).
    const bound = !!claim.spec?.volumeName && Object.hasOwn(claim.metadata.annotations ?? {}, ANN_BIND_COMPLETED);
    if (!bound && !delayBinding(claim, look)) unboundImmediate = true;
  }
  return unboundImmediate ? REASON_UNBOUND_IMMEDIATE : undefined;
}
