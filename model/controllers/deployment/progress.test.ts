import { describe, it, expect } from 'vitest';
import { calculateStatus, getCondition, replicaFailure, setCondition, newCondition, deploymentTimedOut } from './conditions.js';
import { progressRecheckMs, rolloutActions, rolloutEvent, rolloutStatus } from './progress.js';
import { deploy, rs, iso } from './fixtures.js';

const parse = (s: string) => Date.parse(s) - Date.UTC(2017, 2, 11);
const cond = (type: string, status: string, reason: string, atS = 0) => ({ type, status, reason, message: '', lastUpdateTime: iso(atS), lastTransitionTime: iso(atS) });

describe('calculateStatus', () => {
  it('sums the ReplicaSets, omits zeros, and sets Available against replicas − maxUnavailable', () => {
    const d = deploy({ replicas: 10, generation: 4 });
    const old = rs({ name: 'old', replicas: 8, available: 8 });
    const nu = rs({ name: 'new', replicas: 5, actual: 5, available: 0, ready: 0 });
    const s = calculateStatus([old, nu], nu, d, iso(1));
    expect(s).toMatchObject({ observedGeneration: 4, replicas: 13, updatedReplicas: 5, readyReplicas: 8, availableReplicas: 8, unavailableReplicas: 5 });
    expect(getCondition(s, 'Available')).toMatchObject({ status: 'True', reason: 'MinimumReplicasAvailable', message: 'Deployment has minimum availability.' });
    const low = calculateStatus([rs({ name: 'old', replicas: 8, available: 7 })], undefined, d, iso(1));
    expect(getCondition(low, 'Available')).toMatchObject({ status: 'False', reason: 'MinimumReplicasUnavailable', message: 'Deployment does not have minimum availability.' });
    expect(low.updatedReplicas).toBeUndefined();
  });

  it('a condition changes only with its status or reason; the transition time only with its status', () => {
    const s: any = {};
    setCondition(s, newCondition('Progressing', 'True', 'A', 'm', iso(1)));
    setCondition(s, newCondition('Progressing', 'True', 'A', 'other', iso(5)));
    expect(getCondition(s, 'Progressing')).toMatchObject({ message: 'm', lastUpdateTime: iso(1) });
    setCondition(s, newCondition('Progressing', 'True', 'B', 'n', iso(7)));
    expect(getCondition(s, 'Progressing')).toMatchObject({ reason: 'B', lastUpdateTime: iso(7), lastTransitionTime: iso(1) });
  });

  it('ReplicaFailure comes from the new ReplicaSet before the old ones', () => {
    const failing = (name: string, reason: string) => { const r = rs({ name, replicas: 1 }); r.status.conditions = [{ type: 'ReplicaFailure', status: 'True', reason, message: 'quota', lastTransitionTime: iso(3) }]; return r; };
    expect(replicaFailure([failing('old', 'FailedDelete'), failing('new', 'FailedCreate')], failing('new', 'FailedCreate'))?.reason).toBe('FailedCreate');
    expect(replicaFailure([failing('old', 'FailedDelete')], rs({ name: 'new', replicas: 1 }))).toMatchObject({ reason: 'FailedDelete', lastUpdateTime: iso(3) });
  });
});

describe('the Progressing condition through the rollout machine', () => {
  it('a new ReplicaSet: NewReplicaSetCreated with upstream\'s message', () => {
    const s: any = {};
    expect(rolloutEvent(s, { type: 'NEW_RS' }, { d: deploy(), newRS: rs({ name: 'web-abc', replicas: 3 }), now: iso(0) })).toBe(true);
    expect(getCondition(s, 'Progressing')).toMatchObject({ status: 'True', reason: 'NewReplicaSetCreated', message: 'Created new replica set "web-abc"' });
  });

  it('complete: NewReplicaSetAvailable, "ReplicaSet ... has successfully progressed."', () => {
    const d = deploy({ replicas: 3, status: { conditions: [cond('Progressing', 'True', 'ReplicaSetUpdated')] } });
    const nu = rs({ name: 'web-abc', replicas: 3 });
    const s = rolloutStatus(d, [nu], nu, iso(10), 10_000, parse);
    expect(getCondition(s, 'Progressing')).toMatchObject({ reason: 'NewReplicaSetAvailable', message: 'ReplicaSet "web-abc" has successfully progressed.', lastTransitionTime: iso(0) });
    expect(progressRecheckMs(d, s, 10_000, parse)).toBeUndefined();
  });

  it('progress refreshes lastUpdateTime even with the same reason; no progress past the deadline times out', () => {
    const d = deploy({ replicas: 3, progressDeadlineSeconds: 30, status: { replicas: 4, updatedReplicas: 1, readyReplicas: 3, availableReplicas: 3, conditions: [cond('Progressing', 'True', 'ReplicaSetUpdated', 0)] } });
    const old = rs({ name: 'old', replicas: 3 });
    const better = rs({ name: 'web-abc', replicas: 2, available: 0 });
    const s = rolloutStatus(d, [old, better], better, iso(20), 20_000, parse);
    expect(getCondition(s, 'Progressing')).toMatchObject({ reason: 'ReplicaSetUpdated', lastUpdateTime: iso(20), message: 'ReplicaSet "web-abc" is progressing.' });
    const same = rs({ name: 'web-abc', replicas: 1, available: 0 });
    const quiet = rolloutStatus(d, [old, same], same, iso(29), 29_000, parse);
    expect(getCondition(quiet, 'Progressing')?.reason).toBe('ReplicaSetUpdated');
    expect(progressRecheckMs(d, quiet, 29_000, parse)).toBe(2_000); // 30 − 29 + 1 s of skew
    expect(progressRecheckMs(d, quiet, 29_500, parse)).toBe(0);
    const late = rolloutStatus(d, [old, same], same, iso(31), 31_000, parse);
    expect(getCondition(late, 'Progressing')).toMatchObject({ status: 'False', reason: 'ProgressDeadlineExceeded', message: 'ReplicaSet "web-abc" has timed out progressing.' });
    // The deadline only reports: the counts are whatever the ReplicaSets say.
    expect(late.replicas).toBe(4);
  });

  it('the deadline is strict ("Before"), and never applies to a completed rollout or without a deadline', () => {
    const d = deploy({ progressDeadlineSeconds: 30 });
    expect(deploymentTimedOut(d, { conditions: [cond('Progressing', 'True', 'ReplicaSetUpdated', 0)] }, 30_000, parse)).toBe(false);
    expect(deploymentTimedOut(d, { conditions: [cond('Progressing', 'True', 'ReplicaSetUpdated', 0)] }, 30_001, parse)).toBe(true);
    expect(deploymentTimedOut(d, { conditions: [cond('Progressing', 'True', 'NewReplicaSetAvailable', 0)] }, 99_000, parse)).toBe(false);
    expect(deploymentTimedOut(deploy({ progressDeadlineSeconds: 2147483647 }), { conditions: [cond('Progressing', 'True', 'ReplicaSetUpdated', 0)] }, 99_000_000, parse)).toBe(false);
  });

  it('a paused Deployment reports DeploymentPaused, then DeploymentResumed; a timed-out one stays timed out', () => {
    const s: any = {};
    rolloutEvent(s, { type: 'PAUSE' }, { d: deploy(), now: iso(1) });
    expect(getCondition(s, 'Progressing')).toMatchObject({ status: 'Unknown', reason: 'DeploymentPaused', message: 'Deployment is paused' });
    rolloutEvent(s, { type: 'RESUME' }, { d: deploy(), now: iso(2) });
    expect(getCondition(s, 'Progressing')).toMatchObject({ status: 'Unknown', reason: 'DeploymentResumed', message: 'Deployment is resumed' });
    expect(rolloutActions({ conditions: [cond('Progressing', 'False', 'ProgressDeadlineExceeded')] }, { type: 'PAUSE' })).toEqual([]);
  });

  it('no progressDeadlineSeconds: no Progressing condition at all', () => {
    const d = deploy({ progressDeadlineSeconds: 2147483647, status: { conditions: [cond('Progressing', 'True', 'ReplicaSetUpdated')] } });
    const s = rolloutStatus(d, [rs({ name: 'a', replicas: 10 })], rs({ name: 'a', replicas: 10 }), iso(1), 1000, parse);
    expect(getCondition(s, 'Progressing')).toBeUndefined();
  });
});
