import { describe, expect, it } from 'vitest';
import { humanDuration, parseTime, since } from './duration.js';

const S = 1000;
const M = 60 * S;
const H = 60 * M;
const D = 24 * H;
const Y = 365 * D;

describe('humanDuration', () => {
  // Each threshold of apimachinery's HumanDuration, from both sides.
  it.each([
    [-2 * S, '<invalid>'],
    [-1999, '0s'], // int(-1.999s) is -1: up to a second of skew reads as now
    [-1 * S, '0s'],
    [0, '0s'],
    [999, '0s'],
    [45 * S, '45s'],
    [119 * S + 999, '119s'],
    [2 * M, '2m'],
    [2 * M + 3 * S, '2m3s'],
    [5 * M + 30 * S, '5m30s'],
    [9 * M + 59 * S, '9m59s'],
    [10 * M, '10m'],
    [10 * M + 30 * S, '10m'],
    [179 * M + 59 * S, '179m'],
    [3 * H, '3h'],
    [3 * H + 5 * M, '3h5m'],
    [7 * H + 59 * M, '7h59m'],
    [8 * H, '8h'],
    [8 * H + 30 * M, '8h'],
    [47 * H + 59 * M, '47h'],
    [48 * H, '2d'],
    [2 * D + 3 * H, '2d3h'],
    [7 * D + 23 * H, '7d23h'],
    [8 * D, '8d'],
    [8 * D + 5 * H, '8d'],
    [729 * D, '729d'],
    [2 * Y, '2y'],
    [2 * Y + 10 * D, '2y10d'],
    [7 * Y + 364 * D, '7y364d'],
    [8 * Y, '8y'],
    [8 * Y + 100 * D, '8y'],
    [12 * Y, '12y'],
  ])('%d ms → %s', (ms, want) => {
    expect(humanDuration(ms)).toBe(want);
  });
});

describe('since', () => {
  const now = '2024-05-01T12:00:00Z';

  it('ages a timestamp against the virtual now', () => {
    expect(since('2024-05-01T11:54:30Z', now)).toBe('5m30s');
    expect(since('2024-04-28T09:00:00Z', now)).toBe('3d3h');
  });

  it('prints <unknown> for a missing timestamp, as for Go zero time', () => {
    expect(since(undefined, now)).toBe('<unknown>');
    expect(since('', now)).toBe('<unknown>');
    expect(since('not a time', now)).toBe('<unknown>');
  });

  it('drops the fraction of a metav1.Time but keeps it for MicroTime', () => {
    // 11:58:00.900 serializes as 11:58:00, so 120s have passed: "2m", not "119s".
    expect(since('2024-05-01T11:58:00.900Z', now)).toBe('2m');
    expect(since('2024-05-01T11:58:00.900000Z', now, true)).toBe('119s');
    expect(parseTime('2024-05-01T11:58:00.900Z')).toBe(Date.parse('2024-05-01T11:58:00Z'));
  });

  it('keeps the fraction of now', () => {
    expect(since('2024-05-01T11:58:00Z', '2024-05-01T11:59:59.999Z')).toBe('119s');
  });
});
