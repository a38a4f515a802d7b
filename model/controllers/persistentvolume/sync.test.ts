import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../api/types.js';
import { syncBoundClaim, syncClaim, type ClaimPlan, type ClaimSyncInput } from './sync.js';
import { provisionClaim, setClaimProvisioner } from './provision.js';
import { msgVolumeUsedByPods } from './events.js';
import { frozen, pv, pvc } from './fixtures.js';

const BOUND = { 'pv.kubernetes.io/bind-completed': 'yes' };
const summary = (p: ClaimPlan) => ({ ...p, ...('volume' in p ? { volume: p.volume.metadata.name } : {}) });

describe('syncClaim, an unbound claim: the plan and its event', () => {
  const table: Array<[string, ClaimSyncInput, object]> = [
    ['a match is bound', { claim: pvc(), volumes: [pv('v')] }, { action: 'bind', volume: 'v' }],
    ['no match, no class: FailedBinding', { claim: pvc('data', { cls: '' }), volumes: [] },
      { action: 'pending', event: { type: 'Normal', reason: 'FailedBinding', message: 'no persistent volumes available for this claim and no storage class is set' } }],
    ['no match, a class: provisioning, the status left alone', { claim: pvc('data', { cls: 'fast' }), volumes: [pv('v')] }, { action: 'provision' }],
    ['no match, no class at all, a default exists: assign it first', { claim: pvc(), volumes: [], defaultClassName: 'standard' },
      { action: 'assignDefaultClass', storageClassName: 'standard' }],
    ['class "" is a choice: no default is assigned', { claim: pvc('data', { cls: '' }), volumes: [], defaultClassName: 'standard' },
      { action: 'pending', event: { type: 'Normal', reason: 'FailedBinding' } }],
    ['WaitForFirstConsumer, no pod yet', { claim: pvc('data', { cls: 'local' }), volumes: [pv('v', { cls: 'local' })], delayBinding: true },
      { action: 'pending', event: { type: 'Normal', reason: 'WaitForFirstConsumer', message: 'waiting for first consumer to be created before binding' } }],
    ['WaitForFirstConsumer, one unscheduled pod', { claim: pvc('data', { cls: 'local' }), volumes: [], delayBinding: true, unscheduledPods: ['web-0'] },
      { action: 'pending', event: { type: 'Normal', reason: 'WaitForPodScheduled', message: 'waiting for pod web-0 to be scheduled' } }],
    ['WaitForFirstConsumer, two unscheduled pods', { claim: pvc('data', { cls: 'local' }), volumes: [], delayBinding: true, unscheduledPods: ['a', 'b'] },
      { action: 'pending', event: { reason: 'WaitForPodScheduled', message: 'waiting for pods a,b to be scheduled' } }],
    ['WaitForFirstConsumer, node selected: provisioning', {
      claim: pvc('data', { cls: 'local', annotations: { 'volume.kubernetes.io/selected-node': 'n1' } }), volumes: [], delayBinding: true,
    }, { action: 'provision' }],
    ['WaitForFirstConsumer still completes a pre-bound volume', {
      claim: pvc('data', { cls: 'local' }), volumes: [pv('v', { cls: 'local', claimRef: { name: 'data', namespace: 'default' } })], delayBinding: true,
    }, { action: 'bind', volume: 'v' }],
    ['a VAC with the gate off: an error, no event', { claim: pvc('data', { vac: 'gold' }), volumes: [pv('v')] },
      { action: 'error', error: 'error finding PV for claim "default/data": unsupported volumeAttributesClassName is set on claim default/data when the feature-gate VolumeAttributesClass is disabled' }],
    // spec.volumeName
    ['volumeName, not there yet: Pending, no event', { claim: pvc('data', { volumeName: 'v' }), volumes: [] }, { action: 'pending' }],
    ['volumeName, free and fitting', { claim: pvc('data', { volumeName: 'v' }), volumes: [pv('v')] }, { action: 'bind', volume: 'v' }],
    ['volumeName, free but too small: VolumeMismatch', { claim: pvc('data', { volumeName: 'v', request: '20Gi' }), volumes: [pv('v')] },
      { action: 'pending', event: { type: 'Warning', reason: 'VolumeMismatch', message: 'Cannot bind to requested volume "v": requested PV is too small' } }],
    ['volumeName, held by another claim: FailedBinding', { claim: pvc('data', { volumeName: 'v' }), volumes: [pv('v', { claimRef: { name: 'x', namespace: 'default', uid: 'u' } })] },
      { action: 'pending', event: { type: 'Warning', reason: 'FailedBinding', message: 'volume "v" already bound to a different claim.' } }],
    ['volumeName set by the controller, held by another: an error too', {
      claim: pvc('data', { volumeName: 'v', annotations: { 'pv.kubernetes.io/bound-by-controller': 'yes' } }),
      volumes: [pv('v', { claimRef: { name: 'x', namespace: 'other', uid: 'u' } })],
    }, {
      action: 'error', event: { reason: 'FailedBinding' },
      error: 'invalid binding of claim "default/data" to volume "v": volume already claimed by "other/x"',
    }],
  ];
  it.each(table)('%s', (_n, input, want) => expect(summary(syncClaim(frozen(input)))).toMatchObject(want));
});

describe('syncClaim, a bound claim (bind-completed)', () => {
  const bound = (over: Parameters<typeof pvc>[1] = {}) => pvc('data', { volumeName: 'v', annotations: BOUND, status: { phase: 'Bound' }, ...over });
  const table: Array<[string, KubeObject, KubeObject[], object]> = [
    ['all is well: bind again (a no-op write)', bound(), [pv('v', { claimRef: { name: 'data', namespace: 'default', uid: 'uid-data' } })], { action: 'bind', volume: 'v' }],
    ['the volume lost its claimRef: bind again', bound(), [pv('v')], { action: 'bind', volume: 'v' }],
    ['volumeName emptied: Lost', bound({ volumeName: '' }), [pv('v')],
      { action: 'lost', event: { type: 'Warning', reason: 'ClaimLost', message: 'Bound claim has lost reference to PersistentVolume. Data on the volume is lost!' } }],
    ['the volume is gone: Lost', bound(), [],
      { action: 'lost', event: { type: 'Warning', reason: 'ClaimLost', message: 'Bound claim has lost its PersistentVolume. Data on the volume is lost!' } }],
    ['the volume holds another uid: Misbound', bound(), [pv('v', { claimRef: { name: 'data', namespace: 'default', uid: 'u2' } })],
      { action: 'lost', event: { type: 'Warning', reason: 'ClaimMisbound', message: 'Two claims are bound to the same volume, this one is bound incorrectly' } }],
  ];
  it.each(table)('%s', (_n, claim, volumes, want) => expect(summary(syncClaim({ claim, volumes }))).toMatchObject(want));
  it('already Lost: no second event', () => {
    expect(syncBoundClaim(bound({ status: { phase: 'Lost' } }), undefined)).toEqual({ action: 'lost' });
  });
});

describe('provisionClaim', () => {
  const sc = (provisioner: string): KubeObject => ({ apiVersion: 'storage.k8s.io/v1', kind: 'StorageClass', metadata: { name: 'fast' }, provisioner });
  it('an external provisioner: both annotations, then ExternalProvisioning', () => {
    const out = provisionClaim(frozen(pvc('data', { cls: 'fast' })), sc('ebs.csi.aws.com'))!;
    expect(out.external).toBe(true);
    expect(out.claim!.metadata.annotations).toEqual({
      'volume.beta.kubernetes.io/storage-provisioner': 'ebs.csi.aws.com', 'volume.kubernetes.io/storage-provisioner': 'ebs.csi.aws.com',
    });
    expect(out.event).toEqual({
      type: 'Normal', reason: 'ExternalProvisioning',
      message: "Waiting for a volume to be created either by the external provisioner 'ebs.csi.aws.com' or manually by the system administrator. If volume creation is delayed, please verify that the provisioner is running and correctly registered.",
    });
  });
  it('annotated already: nothing to write, the event again', () => {
    const c = setClaimProvisioner(pvc('data', { cls: 'fast' }), 'x.csi');
    const out = provisionClaim(c, sc('x.csi'))!;
    expect(out.claim).toBeUndefined();
    expect(out.event.reason).toBe('ExternalProvisioning');
  });
  it('the class does not exist', () => {
    expect(provisionClaim(pvc('data', { cls: 'fast' }), undefined)!.event)
      .toEqual({ type: 'Warning', reason: 'ProvisioningFailed', message: 'storageclass.storage.k8s.io "fast" not found' });
  });
  it('kubernetes.io/no-provisioner with Immediate binding', () => {
    expect(provisionClaim(pvc('data', { cls: 'fast' }), sc('kubernetes.io/no-provisioner'))!.event)
      .toEqual({ type: 'Warning', reason: 'ProvisioningFailed', message: 'no volume plugin matched name: kubernetes.io/no-provisioner' });
  });
  it('dynamic provisioning off: nothing at all', () => {
    expect(provisionClaim(pvc('data', { cls: 'fast' }), sc('x'), { enableDynamicProvisioning: false })).toBeUndefined();
  });
});

describe('event messages built from lists', () => {
  it('the pods using a volume print as a sorted set', () => {
    expect(msgVolumeUsedByPods(['ns/b', 'ns/a', 'ns/b'])).toBe('Volume is used by pods: ns/a,ns/b');
  });
});
