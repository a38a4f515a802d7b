// upstream: pkg/controller/controller_utils.go (IsPodActive), meta/v1/controller_ref.go (GetControllerOf), pkg/api/v1/pod/util.go (IsPodReady)
import { describe, it, expect } from 'vitest';
import type { KubeObject } from '../../model/api/types.js';
import { controllerOf, podActive, podFinished, podReady } from './pods.js';

const pod = (status: any, meta: Record<string, unknown> = {}): KubeObject =>
  ({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p', ...meta }, spec: {}, status } as KubeObject);

describe('podActive / podFinished', () => {
  it.each([
    // phase, deletionTimestamp, active, finished
    ['Pending', undefined, true, false],
    ['Running', undefined, true, false],
    [undefined, undefined, true, false],
    ['Unknown', undefined, true, false],
    ['Succeeded', undefined, false, true],
    ['Failed', undefined, false, true],
    ['Running', '2025-01-01T00:00:00Z', false, false],
    ['Failed', '2025-01-01T00:00:00Z', false, true],
  ] as const)('phase %s, deletionTimestamp %s: active %s, finished %s', (phase, ts, active, finished) => {
    const p = pod(phase === undefined ? {} : { phase }, ts ? { deletionTimestamp: ts } : {});
    expect(podActive(p)).toBe(active);
    expect(podFinished(p)).toBe(finished);
  });

  it('a pod with no status at all is active', () => {
    expect(podActive(pod(undefined))).toBe(true);
  });
});

describe('controllerOf', () => {
  const ref = (name: string, controller?: boolean) => ({ apiVersion: 'apps/v1', kind: 'ReplicaSet', name, uid: `u-${name}`, ...(controller === undefined ? {} : { controller }) });
  it.each([
    [[], undefined],
    [[ref('a')], undefined],
    [[ref('a', false)], undefined],
    [[ref('a', true)], 'a'],
    [[ref('a', false), ref('b', true)], 'b'],
    [[ref('a'), ref('b', true), ref('c', true)], 'b'],
  ])('%j → %s', (refs, want) => {
    expect(controllerOf(pod({}, { ownerReferences: refs }))?.name).toBe(want);
  });
  it('no ownerReferences, or no object', () => {
    expect(controllerOf(pod({}))).toBeUndefined();
    expect(controllerOf(undefined)).toBeUndefined();
  });
});

describe('podReady', () => {
  it.each([
    [[], false],
    [[{ type: 'Ready', status: 'True' }], true],
    [[{ type: 'Ready', status: 'False' }], false],
    [[{ type: 'Ready', status: 'Unknown' }], false],
    [[{ type: 'ContainersReady', status: 'True' }], false],
    [[{ type: 'PodScheduled', status: 'True' }, { type: 'Ready', status: 'True' }], true],
    [[{ type: 'Ready', status: 'False' }, { type: 'Ready', status: 'True' }], false], // the first Ready condition decides
  ])('%j → %s', (conditions, want) => {
    expect(podReady(pod({ conditions }))).toBe(want);
  });
});
