import { describe, expect, it } from 'vitest';
import {
  ERR_FORMAT_WRONG, ERR_SUFFIX, isValidQuantity, milliValue, parseQuantity, quantityValue, scaledValue,
} from './quantity.js';

describe('parseQuantity', () => {
  it.each([
    ['100m', 0.1],
    ['2', 2],
    ['0', 0],
    ['1Gi', 1073741824],
    ['1G', 1e9],
    ['1e3', 1000],
    ['1E3', 1000],
    ['1e-3', 0.001],
    ['1e+3', 1000],
    ['1Ki', 1024],
    ['1Mi', 1048576],
    ['1Ti', 2 ** 40],
    ['1Pi', 2 ** 50],
    ['1Ei', 2 ** 60],
    ['5n', 5e-9],
    ['5u', 5e-6],
    ['1k', 1000],
    ['1M', 1e6],
    ['1T', 1e12],
    ['1P', 1e15],
    ['1E', 1e18],
    ['1.5Gi', 1.5 * 2 ** 30],
    ['0.5', 0.5],
    ['.5', 0.5],
    ['1.', 1], // upstream accepts a trailing dot (its own TODO says so)
    ['-1', -1],
    ['+1', 1],
    ['007', 7],
    ['0Gi', 0],
    ['Gi', 0], // no digits at all: upstream's parser reads the number as 0
    ['-', 0],
  ])('%s → %d', (q, want) => {
    expect(parseQuantity(q)).toBe(want);
    expect(isValidQuantity(q)).toBe(true);
  });

  it('reads JSON numbers as their text', () => {
    expect(parseQuantity(2)).toBe(2);
    expect(parseQuantity(0.25)).toBe(0.25);
    expect(parseQuantity(1e21)).toBe(1e21); // String(1e21) is "1e+21"
    expect(() => parseQuantity(Number.NaN)).toThrow(ERR_FORMAT_WRONG);
  });

  it.each(['', 'abc', '1 Gi', '1KiB', '1.2.3', '1.1.M', '1+1.0M', '1Gi ', ' 1', '1 ', '1e1.5'])(
    '%j has the wrong format', (q) => {
      expect(() => parseQuantity(q)).toThrow(ERR_FORMAT_WRONG);
      expect(isValidQuantity(q)).toBe(false);
    },
  );

  // upstream quantity_test.go lists several of these as invalid: "0.1mi", ".5i", "1i", "-3.01e-".
  it.each(['1ki', '1e', '1m3', '1Mi3', '1iK', '1KM', '0.1mi', '.5i', '1i', '-3.01e-', '--1'])('%j has an unknown suffix', (q) => {
    expect(() => parseQuantity(q)).toThrow(ERR_SUFFIX);
    expect(isValidQuantity(q)).toBe(false);
  });

  it('prints upstream error text', () => {
    expect(ERR_FORMAT_WRONG).toBe(
      "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'",
    );
    expect(ERR_SUFFIX).toBe("unable to parse quantity's suffix");
  });

  it('rejects values of other types', () => {
    expect(isValidQuantity(null)).toBe(false);
    expect(isValidQuantity({})).toBe(false);
  });
});

describe('milliValue and quantityValue round up as upstream ScaledValue', () => {
  it.each([
    ['100m', 100],
    ['1', 1000],
    ['1.5', 1500],
    ['0.1m', 1],
    ['250u', 1],
    ['1001u', 2],
    ['0.3', 300],
    ['0.57', 570],
    ['2e-3', 2],
    ['0.1Ki', 102400],
    ['-0.1m', -1],
  ])('milliValue(%s) = %d', (q, want) => expect(milliValue(q)).toBe(want));

  it.each([
    ['1Gi', 1073741824],
    ['1.5', 2],
    ['100m', 1],
    ['128974848', 128974848],
    ['129e6', 129000000],
    ['123Mi', 128974848],
  ])('quantityValue(%s) = %d', (q, want) => expect(quantityValue(q)).toBe(want));

  it('scales to nano units', () => {
    expect(scaledValue('100m', -9)).toBe(1e8);
    expect(scaledValue('1n', -9)).toBe(1);
  });
});
