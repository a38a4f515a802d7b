// The two lifecycles the PV controller drives, as machines: a claim
// (Pending → Bound → Lost) and a volume (Pending → Available → Bound →
// Released → Failed). The state is the object's status.phase; the binder's
// sync decides which event happened, the machine says whether that move is
// one upstream makes and which phase write it means (its entry action).
//
// Why a Lost claim can come back: syncBoundClaim re-binds a claim whose
// volume reappears with the claim's uid in its claimRef, so Lost is not
// terminal. A Released volume stays Released under Retain until an admin
// clears its claimRef (then it is Available again), and a failed reclaim
// leaves it Failed until the same.
// upstream: pkg/controller/volume/persistentvolume/pv_controller.go (syncClaim, syncVolume, reclaimVolume);
//           k8s.io/api/core/v1 types.go (PersistentVolumeClaimPhase, PersistentVolumePhase)
import { setup } from 'xstate';

export type ClaimPhaseEvent = { type: 'BIND' } | { type: 'PENDING' } | { type: 'LOSE' };
export type VolumePhaseEvent = { type: 'AVAILABLE' } | { type: 'BIND' } | { type: 'RELEASE' } | { type: 'FAIL' };

export const claimMachine = setup({
  types: { events: {} as ClaimPhaseEvent },
  actions: { writePending: () => {}, writeBound: () => {}, writeLost: () => {} },
}).createMachine({
  id: 'claim',
  initial: 'Pending',
  states: {
    // The API server creates claims Pending. A Bound claim that lost its bind-completed
    // annotation (a user's doing) is synced as unbound, and so goes back to Pending.
    Pending: { entry: 'writePending', on: { BIND: 'Bound' } },
    Bound: { entry: 'writeBound', on: { LOSE: 'Lost', PENDING: 'Pending' } },
    Lost: { entry: 'writeLost', on: { BIND: 'Bound' } },
  },
});

export const volumeMachine = setup({
  types: { events: {} as VolumePhaseEvent },
  actions: { writeAvailable: () => {}, writeBound: () => {}, writeReleased: () => {}, writeFailed: () => {} },
}).createMachine({
  id: 'volume',
  initial: 'Pending',
  states: {
    // Set by the API server at creation; the controller moves it on at its first sync.
    // A volume whose claimRef names a claim (with its uid) that is gone is Released from any phase:
    // a provisioned volume whose claim was deleted while it was being made is still Pending.
    Pending: { on: { AVAILABLE: 'Available', BIND: 'Bound', RELEASE: 'Released' } },
    Available: { entry: 'writeAvailable', on: { BIND: 'Bound', RELEASE: 'Released' } },
    Bound: { entry: 'writeBound', on: { RELEASE: 'Released', AVAILABLE: 'Available' } },
    Released: { entry: 'writeReleased', on: { AVAILABLE: 'Available', FAIL: 'Failed', BIND: 'Bound' } },
    Failed: { entry: 'writeFailed', on: { AVAILABLE: 'Available', BIND: 'Bound' } },
  },
});

/** The claim machine's snapshot for a stored phase (a missing or unknown phase is Pending). */
export function claimSnapshot(phase: string | undefined) {
  const value = phase === 'Bound' || phase === 'Lost' ? phase : 'Pending';
  return claimMachine.resolveState({ value, context: {} as any });
}

/** The volume machine's snapshot for a stored phase (a missing or unknown phase is Pending). */
export function volumeSnapshot(phase: string | undefined) {
  const value = phase === 'Available' || phase === 'Bound' || phase === 'Released' || phase === 'Failed' ? phase : 'Pending';
  return volumeMachine.resolveState({ value, context: {} as any });
}

/** The phase an entry action writes. */
export const PHASE_OF_ACTION: Readonly<Record<string, string>> = {
  writePending: 'Pending', writeBound: 'Bound', writeLost: 'Lost',
  writeAvailable: 'Available', writeReleased: 'Released', writeFailed: 'Failed',
};
