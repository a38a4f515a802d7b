// Admission against generated manifests: every valid one passes; every one
// with a known mistake is rejected naming the right field, in one error.
import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { admitCreate } from '../../model/api/admission/index.js';
import { ApiError } from '../../model/api/errors.js';
import { checkSchema } from '../../model/api/schema.js';
import { anyValidManifest, invalidManifest } from './manifests.js';
import { testSeed } from '../test-seed.js';

const SEED = testSeed();
const withUid = (o: any) => ({ ...structuredClone(o), metadata: { ...o.metadata, uid: '0f0f0f0f-0000-4000-8000-000000000000' } });

describe('generated manifests', () => {
  it('valid manifests of every kind pass strict decoding and admission', () => {
    fc.assert(fc.property(anyValidManifest, (o) => {
      expect(checkSchema(o)).toBeNull();
      admitCreate(withUid(o));
    }), { seed: SEED, numRuns: 300 });
  });

  it('a manifest with one known mistake is rejected, naming the field', () => {
    fc.assert(fc.property(invalidManifest, ({ object, field }) => {
      let err: unknown;
      try { admitCreate(withUid(object)); } catch (e) { err = e; }
      expect(err).toBeInstanceOf(ApiError);
      const e = err as ApiError;
      expect(e.reason).toBe('Invalid');
      expect(e.message).toMatch(/^\w+(\.[\w.]+)? "[^"]*" is invalid: /);
      expect(e.causes.map((c) => c.field).join(' ')).toContain(field);
    }), { seed: SEED, numRuns: 300 });
  });
});
