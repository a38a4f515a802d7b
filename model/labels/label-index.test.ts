// LabelIndex: the same answers as a full scan, in a fixed order, for a cost
// that follows the candidates rather than the store.
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import type { Labels } from '../api/types.js';
import { LabelIndex, everything, newRequirement, nothing, parseSelector, selectorFromRequirements, type Selector } from './index.js';

const SEED = Number(process.env.KUBEMODEL_SEED ?? 20250101);

function indexOf(entries: Array<[string, Labels | undefined]>): LabelIndex<string> {
  const idx = new LabelIndex<string>();
  for (const [id, labels] of entries) idx.set(id, labels);
  return idx;
}

/** Wraps a selector and counts matches() calls, to show how much work select() did. */
function counting(sel: Selector): Selector & { calls: number } {
  const c = Object.create(sel) as Selector & { calls: number };
  c.calls = 0;
  c.matches = (l) => { c.calls++; return sel.matches(l); };
  return c;
}

describe('LabelIndex basics', () => {
  const idx = indexOf([
    ['p1', { app: 'web', tier: 'fe' }],
    ['p2', { app: 'web', tier: 'be', canary: 'true' }],
    ['p3', { app: 'db' }],
    ['p4', undefined],
  ]);

  test.each<[string, string[]]>([
    ['app=web', ['p1', 'p2']],
    ['app=web,!canary', ['p1']],
    ['tier in (fe,be)', ['p1', 'p2']],
    ['app', ['p1', 'p2', 'p3']],
    ['!app', ['p4']],
    ['app!=web', ['p3', 'p4']],
    ['app notin (db)', ['p1', 'p2', 'p4']],
    ['app=nope', []],
    ['', ['p1', 'p2', 'p3', 'p4']],
  ])('%j selects %j', (text, want) => {
    expect(idx.select(parseSelector(text))).toEqual(want);
  });

  test('nothing selects nothing; everything selects all; size counts ids', () => {
    expect(idx.select(nothing())).toEqual([]);
    expect(idx.select(everything())).toEqual(['p1', 'p2', 'p3', 'p4']);
    expect(idx.size).toBe(4);
  });

  test('re-labelling keeps an id in place; delete and re-add moves it last', () => {
    const i = indexOf([['a', { app: 'web' }], ['b', { app: 'web' }], ['c', { app: 'db' }]]);
    i.set('a', { app: 'db' });
    i.set('a', { app: 'web' });
    expect(i.select(parseSelector('app=web'))).toEqual(['a', 'b']);
    i.delete('a');
    i.set('a', { app: 'web' });
    expect(i.select(parseSelector('app=web'))).toEqual(['b', 'a']);
    expect(i.delete('zzz')).toBe(false);
  });

  test('when re-labelling leaves many hits out of order, a scan (already in order) replaces the sort', () => {
    const i = indexOf([['a', { app: 'web' }], ['b', { app: 'web' }], ['c', { app: 'web' }], ['d', { app: 'web' }]]);
    i.set('a', { app: 'db' });
    i.set('a', { app: 'web' });
    const sel = counting(parseSelector('app=web'));
    expect(i.select(sel)).toEqual(['a', 'b', 'c', 'd']);
    // Four candidate checks, then four more for the scan.
    expect(sel.calls).toBe(8);
  });

  test('the index copies labels, so mutating the caller object changes nothing', () => {
    const labels: Record<string, string> = { app: 'web' };
    const i = indexOf([['a', labels]]);
    labels['app'] = 'db';
    expect(i.select(parseSelector('app=web'))).toEqual(['a']);
    expect(i.select(parseSelector('app=db'))).toEqual([]);
  });

  test('__proto__ and prototype-named labels are ordinary entries', () => {
    const i = indexOf([['a', JSON.parse('{"__proto__": "x", "constructor": "y"}') as Labels], ['b', {}]]);
    expect(i.select(parseSelector('constructor=y'))).toEqual(['a']);
    expect(i.select(parseSelector('constructor'))).toEqual(['a']);
    expect(i.select(parseSelector('!constructor'))).toEqual(['b']);
    expect(i.select(parseSelector('toString'))).toEqual([]);
    i.delete('a');
    expect(i.select(everything())).toEqual(['b']);
  });
});

describe('LabelIndex cost follows the candidates', () => {
  const n = 2000;
  const idx = new LabelIndex<number>();
  for (let i = 0; i < n; i++) idx.set(i, { app: `app-${i % 100}`, tier: i % 2 ? 'fe' : 'be', ...(i % 10 === 0 ? { canary: 'true' } : {}) });

  test.each<[string, number, number]>([
    // [selector, hits, most matches() calls allowed]
    ['app=app-7', 20, 20],
    ['app=app-7,tier=fe', 20, 20],
    ['tier=fe,app in (app-1,app-2)', 20, 40],
    ['canary,app=app-10', 20, 20],
    ['app=missing,tier=fe', 0, 0],
    ['!canary', 1800, n],
    ['app!=app-1', 1980, n],
  ])('%j matches %i ids with at most %i checks', (text, hits, maxCalls) => {
    const sel = counting(parseSelector(text));
    expect(idx.select(sel)).toHaveLength(hits);
    expect(sel.calls).toBeLessThanOrEqual(maxCalls);
  });
});

// Random label sets over a small alphabet so that selectors often hit.
const KEYS = ['a', 'b', 'c', 'constructor'];
const VALUES = ['x', 'y', '', '1', '2'];
const labelsArb = fc.dictionary(fc.constantFrom(...KEYS), fc.constantFrom(...VALUES), { maxKeys: 4 });
const requirementArb = fc.oneof(
  fc.record({ key: fc.constantFrom(...KEYS), op: fc.constantFrom('in', 'notin'), values: fc.uniqueArray(fc.constantFrom(...VALUES), { minLength: 1, maxLength: 3 }) }),
  fc.record({ key: fc.constantFrom(...KEYS), op: fc.constantFrom('=', '==', '!='), values: fc.tuple(fc.constantFrom(...VALUES)) }),
  fc.record({ key: fc.constantFrom(...KEYS), op: fc.constantFrom('exists', '!'), values: fc.constant([] as string[]) }),
  fc.record({ key: fc.constantFrom(...KEYS), op: fc.constantFrom('gt', 'lt'), values: fc.tuple(fc.constantFrom('0', '1', '2')) }),
);
const selectorArb = fc.array(requirementArb, { maxLength: 3 }).map((rs) => selectorFromRequirements(rs.map((r) => newRequirement(r.key, r.op, r.values))));
const opArb = fc.oneof(
  fc.record({ kind: fc.constant('set' as const), id: fc.integer({ min: 0, max: 15 }), labels: labelsArb }),
  fc.record({ kind: fc.constant('delete' as const), id: fc.integer({ min: 0, max: 15 }) }),
);

/** The index, driven by random sets and deletes, agrees with a scan of a plain Map (same order). */
function agreesWithScan(make: () => LabelIndex<number>) {
  return fc.property(fc.array(opArb, { maxLength: 60 }), fc.array(selectorArb, { minLength: 1, maxLength: 5 }), (ops, sels) => {
    const idx = make();
    const model = new Map<number, Labels>();
    for (const op of ops) {
      if (op.kind === 'set') { idx.set(op.id, op.labels); model.set(op.id, { ...op.labels }); }
      else { idx.delete(op.id); model.delete(op.id); }
    }
    expect(idx.size).toBe(model.size);
    for (const sel of sels) {
      const want = [...model].filter(([, l]) => sel.matches(l)).map(([id]) => id);
      expect(idx.select(sel), sel.toString()).toEqual(want);
    }
  });
}

describe(`LabelIndex equals a full scan (seed ${SEED}, set KUBEMODEL_SEED to change)`, () => {
  test('property holds for LabelIndex', () => {
    fc.assert(agreesWithScan(() => new LabelIndex<number>()), { seed: SEED, numRuns: 300 });
  });

  test('property catches a stale index that ignores re-labelling', () => {
    class StaleIndex extends LabelIndex<number> {
      override set(id: number, labels: Labels | undefined): void {
        if (!this.has(id)) super.set(id, labels);
      }
    }
    const result = fc.check(agreesWithScan(() => new StaleIndex()), { seed: SEED, numRuns: 300 });
    expect(result.failed).toBe(true);
  });
});
