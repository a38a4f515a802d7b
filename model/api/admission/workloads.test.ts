import { expect, test } from 'vitest';
import { semanticEqual } from './workload-common.js';
import { workloadAdmission } from './workloads.js';

test('every workload kind has admission', () => {
  expect(Object.keys(workloadAdmission).sort()).toEqual([
    'ControllerRevision', 'CronJob', 'DaemonSet', 'Deployment', 'Job', 'ReplicaSet', 'ReplicationController', 'StatefulSet',
  ]);
});

test.each([
  [undefined, [], true],
  [null, {}, true],
  [{ a: [] }, {}, true],
  [{ a: { b: null } }, undefined, true],
  [0, undefined, false],
  ['', undefined, false],
  [[1, 2], [2, 1], false],
  [{ a: 1 }, { a: 1, b: 2 }, false],
])('semanticEqual(%j, %j) is %s: nil equals empty, scalars are strict', (a, b, want) => {
  expect(semanticEqual(a, b)).toBe(want);
  expect(semanticEqual(b, a)).toBe(want);
});
