import { describe, expect, it } from 'vitest';
import { compareQuantities, quantityIntValue } from './quantity.js';

describe('compareQuantities: exact, as Quantity.Cmp', () => {
  it.each([
    ['1Gi', '1073741824', 0],
    ['1Gi', 1073741824, 0],
    ['1Gi', '1073741825', -1],
    ['1.5Gi', '1536Mi', 0],
    ['1.5Gi', '1610612737', -1],
    ['1G', '1Gi', -1],
    ['1e9', '1G', 0],
    ['1E', '1e18', 0],
    ['1Ei', '1152921504606846975', 1],
    ['9007199254740993', '9007199254740992', 1], // past 2^53, where doubles tie
    ['100m', '0.1', 0],
    ['.5', '500m', 0],
    ['1.', '1', 0],
    ['0', '-0', 0],
    ['-1', '0', -1],
    [undefined, '0', 0],
    [undefined, '1', -1],
  ] as const)('%s vs %s → %i', (a, b, want) => {
    expect(compareQuantities(a, b)).toBe(want);
    expect(compareQuantities(b, a)).toBe(-want || 0);
  });
  it('an invalid quantity throws (the API server never stores one)', () => {
    expect(() => compareQuantities('1ki', '1')).toThrow('invalid quantity "1ki"');
    expect(() => compareQuantities({}, '1')).toThrow('is not a string or number');
  });
  it('an absurd exponent is refused, not expanded', () => {
    expect(() => compareQuantities('1e20000', '1')).toThrow("beyond the model's bound");
  });
});

describe('quantityIntValue: whole bytes rounded up, as Quantity.Value', () => {
  it.each([
    ['1Gi', 1073741824n],
    ['1.5', 2n],
    ['100m', 1n],
    ['1.5Gi', 1610612736n],
    ['8Ei', 9223372036854775808n], // exact, where Go's int64 would saturate
    [undefined, 0n],
  ] as const)('%s → %s', (q, want) => expect(quantityIntValue(q)).toBe(want));
});
