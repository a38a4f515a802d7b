// The PersistentVolume binder, pure: its public surface. Matching (binding.ts),
// the objects a bind writes (bind.ts), the claim sync's decision (sync.ts),
// the hand-off to provisioners (provision.ts) and upstream's vocabulary
// (events.ts). The runtime performs the plans; nothing here calls the API.
export {
  findMatchingVolume, findBestMatchForClaim, matchVolume, matchingAccessModeKeys, volumeSatisfiesClaim, requestedVolume,
  type MatchOptions, type RequestedVolume,
} from './binding.js';
export {
  BinderError, claimKey, claimClass, claimHasClass, volumeClass, accessModesKey, accessModesFromKey, containsAllAccessModes,
  checkAccessModes, volumeModeMismatch, isVolumeBoundToClaim, nodeAffinityAllows, isDelayBindingMode, isDelayBindingProvisioning,
} from './helpers.js';
export { claimReference, bindVolumeToClaim, bindClaimToVolume, claimStatus, claimStatusBound, volumePhase, unbindVolume } from './bind.js';
export { syncClaim, syncUnboundClaim, syncBoundClaim, type ClaimPlan, type ClaimSyncInput } from './sync.js';
export { provisionClaim, setClaimProvisioner, type ProvisionOutcome } from './provision.js';
export { compareQuantities, quantityIntValue } from './quantity.js';
export * from './events.js';
export { syncVolume, reclaim, type VolumePlan, type Reclaim } from './volume-sync.js';
export {
  claimMachine, volumeMachine, claimSnapshot, volumeSnapshot, PHASE_OF_ACTION, type ClaimPhaseEvent, type VolumePhaseEvent,
} from './machines.js';
