import { describe, expect, it } from 'vitest';
import { escapeCell, tabulate } from './tabwriter.js';

describe('tabulate', () => {
  it('pads every column but the last to its widest cell plus three spaces', () => {
    expect(tabulate([['NAME', 'STATUS', 'AGE'], ['web-0', 'Running', '5m'], ['a', 'Pending', '10s']])).toBe(
      'NAME    STATUS    AGE\nweb-0   Running   5m\na       Pending   10s\n',
    );
  });

  it('keeps columns at least six wide', () => {
    expect(tabulate([['A', 'B'], ['1', '2']])).toBe('A     B\n1     2\n');
  });

  it('measures code points, not UTF-16 units', () => {
    expect(tabulate([['😀😀', 'x'], ['ab', 'y']])).toBe('😀😀    x\nab    y\n');
  });

  it('prints nothing for no rows', () => {
    expect(tabulate([])).toBe('');
  });
});

describe('escapeCell', () => {
  it('cuts at the first line break and shows terminal escapes', () => {
    expect(escapeCell('first\nsecond')).toBe('first...');
    expect(escapeCell('a\rb')).toBe('a...');
    expect(escapeCell('\x1b[31mred')).toBe('^[[31mred');
  });
});
