import { expect, test } from 'vitest';
import { fieldErrorText } from '../errors.js';
import type { KubeObject } from '../types.js';
import { controllerRevisionAdmission as adm } from './controllerrevision.js';

const revision = (extra: Record<string, unknown>): KubeObject =>
  ({ apiVersion: 'apps/v1', kind: 'ControllerRevision', metadata: { name: 'db-7c9d', namespace: 'default' }, ...extra });

test.each([
  ['valid', { data: { spec: {} }, revision: 1 }, []],
  ['data is mandatory', { revision: 1 }, ['data: Required value: data is mandatory']],
  ['negative revision', { data: {}, revision: -1 }, ['revision: Invalid value: -1: must be greater than or equal to 0']],
] as Array<[string, Record<string, unknown>, string[]]>)('%s', (_name, extra, want) => {
  const obj = revision(extra);
  adm.defaults(obj);
  expect(adm.validate(obj).map(fieldErrorText)).toEqual(want);
});

test('data is immutable, revision may change', () => {
  const old = revision({ data: { spec: { template: { a: 1 } } }, revision: 1 });
  expect(adm.validateUpdate(revision({ data: { spec: { template: { a: 1 } } }, revision: 2 }), old)).toEqual([]);
  expect(adm.validateUpdate(revision({ data: { spec: { template: { a: 2 } } }, revision: 1 }), old).map(fieldErrorText)).toEqual([
    'data: Invalid value: {"spec":{"template":{"a":2}}}: field is immutable',
  ]);
});
