// What the PV controller does for a claim that matched no volume but names
// a class: it does not create volumes for CSI drivers itself, it annotates
// the claim with the provisioner's name and waits. The annotation is the
// hand-off an external provisioner watches for; the ExternalProvisioning
// event tells a user why nothing has happened yet, on every sync.
//
// Simplifications (one line each): the model has no in-tree volume plugins,
// so any `kubernetes.io/` provisioner fails as upstream fails for one it
// lacks (`kubernetes.io/no-provisioner` is the common case); CSI migration of
// in-tree provisioner names is not modelled.
// upstream: pkg/controller/volume/persistentvolume/pv_controller.go (provisionClaim, findProvisionablePlugin,
//           provisionClaimOperationExternal, setClaimProvisioner)
import { deepCopy, type KubeObject } from '../../api/types.js';
import {
  ANN_BETA_STORAGE_PROVISIONER, ANN_STORAGE_PROVISIONER, EXTERNAL_PROVISIONING, PROVISIONING_FAILED,
  msgExternalProvisioning, msgNoVolumePlugin, msgStorageClassNotFound, type BinderEvent,
} from './events.js';
import { claimClass } from './helpers.js';

export interface ProvisionOutcome {
  /** The claim to write, when its provisioner annotations change; undefined when there is nothing to write. */
  readonly claim?: KubeObject;
  readonly event: BinderEvent;
  /** An external provisioner has been asked for the volume. */
  readonly external: boolean;
}

/**
 * upstream setClaimProvisioner: both the GA and the beta annotation name the
 * provisioner. The claim itself when the GA one already does.
 */
export function setClaimProvisioner(claim: KubeObject, provisioner: string): KubeObject {
  if (claim.metadata.annotations?.[ANN_STORAGE_PROVISIONER] === provisioner) return claim;
  const out = deepCopy(claim);
  out.metadata.annotations = { ...(out.metadata.annotations ?? {}), [ANN_BETA_STORAGE_PROVISIONER]: provisioner, [ANN_STORAGE_PROVISIONER]: provisioner };
  return out;
}

/**
 * upstream provisionClaim for the claim's class (`storageClass`: the
 * StorageClass named by claimClass(claim), undefined when it does not exist).
 * undefined when dynamic provisioning is off (--enable-dynamic-provisioning,
 * on by default): then nothing is recorded at all.
 */
export function provisionClaim(claim: KubeObject, storageClass: KubeObject | undefined, opts: { enableDynamicProvisioning?: boolean } = {}): ProvisionOutcome | undefined {
  if (opts.enableDynamicProvisioning === false) return undefined;
  if (storageClass === undefined) {
    return { event: { type: 'Warning', reason: PROVISIONING_FAILED, message: msgStorageClassNotFound(claimClass(claim)) }, external: false };
  }
  const provisioner = typeof storageClass['provisioner'] === 'string' ? storageClass['provisioner'] : '';
  if (provisioner.startsWith('kubernetes.io/')) {
    return { event: { type: 'Warning', reason: PROVISIONING_FAILED, message: msgNoVolumePlugin(provisioner) }, external: false };
  }
  const updated = setClaimProvisioner(claim, provisioner);
  return {
    ...(updated !== claim ? { claim: updated } : {}),
    event: { type: 'Normal', reason: EXTERNAL_PROVISIONING, message: msgExternalProvisioning(provisioner) },
    external: true,
  };
}
