import { describe, expect, test } from 'vitest';
import { cronDayMatches, loadLocationError, parseCron, parseGoDuration } from './cron.js';

const sorted = (s: Set<number>) => [...s].sort((a, b) => a - b);

describe('parseCron: fields', () => {
  test('every five minutes', () => {
    const c = parseCron('*/5 * * * *');
    expect(sorted(c.minutes)).toEqual([0, 5, 10, 15, 20, 25, 30, 35, 40, 45, 50, 55]);
    expect(c.hours.size).toBe(24);
    expect(c.domStar && c.dowStar).toBe(true);
  });
  test('ranges, lists, steps and names', () => {
    const c = parseCron('0,30 9-17/4 1-7 jan,JUL MON-fri');
    expect(sorted(c.minutes)).toEqual([0, 30]);
    expect(sorted(c.hours)).toEqual([9, 13, 17]);
    expect(sorted(c.daysOfMonth)).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(sorted(c.months)).toEqual([1, 7]);
    expect(sorted(c.daysOfWeek)).toEqual([1, 2, 3, 4, 5]);
    expect([c.domStar, c.dowStar]).toEqual([false, false]);
  });
  test('"N/step" runs from N to the maximum', () => {
    expect(sorted(parseCron('50/5 * * * *').minutes)).toEqual([50, 55]);
  });
  test('"?" is a star; a step above 1 clears the star bit, */1 keeps it', () => {
    expect(parseCron('0 0 ? * *').domStar).toBe(true);
    expect(parseCron('0 0 */2 * *').domStar).toBe(false);
    expect(parseCron('0 0 */1 * *').domStar).toBe(true);
  });
  test('whitespace between fields is free', () => {
    expect(sorted(parseCron('  1\t2  3 4 5 ').minutes)).toEqual([1]);
  });
});

describe('parseCron: descriptors', () => {
  test.each([
    ['@yearly', [0], [0], [1], [1], false, true],
    ['@annually', [0], [0], [1], [1], false, true],
    ['@monthly', [0], [0], [1], [1, 12], false, true],
    ['@weekly', [0], [0], [1, 31], [1, 12], true, false],
    ['@daily', [0], [0], [1, 31], [1, 12], true, true],
    ['@midnight', [0], [0], [1, 31], [1, 12], true, true],
    ['@hourly', [0], [0, 23], [1, 31], [1, 12], true, true],
  ] as const)('%s', (spec, minutes, hours, dom, months, domStar, dowStar) => {
    const c = parseCron(spec);
    const ends = (s: Set<number>) => { const v = sorted(s); return v.length === 1 ? v : [v[0], v[v.length - 1]]; };
    expect([ends(c.minutes), ends(c.hours), ends(c.daysOfMonth), ends(c.months)]).toEqual([minutes, hours, dom, months]);
    expect([c.domStar, c.dowStar]).toEqual([domStar, dowStar]);
  });
  test('@weekly is Sunday', () => {
    expect(sorted(parseCron('@weekly').daysOfWeek)).toEqual([0]);
  });
  test('@every is accepted (ParseStandard allows it), at least one whole second', () => {
    expect(parseCron('@every 1h30m').everySeconds).toBe(5400);
    expect(parseCron('@every 1500ms').everySeconds).toBe(1);
    expect(parseCron('@every 10ms').everySeconds).toBe(1);
  });
  test('a TZ prefix is parsed (validation rejects it separately)', () => {
    expect(parseCron('TZ=Europe/Berlin 0 3 * * *').timeZone).toBe('Europe/Berlin');
    expect(parseCron('CRON_TZ=UTC @daily').timeZone).toBe('UTC');
  });
});

describe('parseCron: robfig error texts', () => {
  test.each([
    ['', 'empty spec string'],
    ['* * * *', 'expected exactly 5 fields, found 4: [* * * *]'],
    ['* * * * * *', 'expected exactly 5 fields, found 6: [* * * * * *]'],
    ['60 * * * *', 'end of range (60) above maximum (59): 60'],
    ['* 24 * * *', 'end of range (24) above maximum (23): 24'],
    ['* * 0 * *', 'beginning of range (0) below minimum (1): 0'],
    ['* * * 13 *', 'end of range (13) above maximum (12): 13'],
    ['* * * * 7', 'end of range (7) above maximum (6): 7'],
    ['5-1 * * * *', 'beginning of range (5) beyond end of range (1): 5-1'],
    ['*/0 * * * *', 'step of range should be a positive number: */0'],
    ['1-2-3 * * * *', 'too many hyphens: 1-2-3'],
    ['*/2/3 * * * *', 'too many slashes: */2/3'],
    ['x * * * *', 'failed to parse int from x: strconv.Atoi: parsing "x": invalid syntax'],
    ['* * * FOO *', 'failed to parse int from FOO: strconv.Atoi: parsing "FOO": invalid syntax'],
    ['*/-1 * * * *', 'negative number (-1) not allowed: -1'],
    ['@fortnightly', 'unrecognized descriptor: @fortnightly'],
    ['@every 5', 'failed to parse duration @every 5: time: missing unit in duration "5"'],
    ['@every soon', 'failed to parse duration @every soon: time: invalid duration "soon"'],
    ['TZ=Mars/Olympus 0 * * * *', 'provided bad location Mars/Olympus: unknown time zone Mars/Olympus'],
  ])('%j', (spec, message) => {
    expect(() => parseCron(spec)).toThrow(message);
  });
});

describe('day matching (Vixie-cron OR rule)', () => {
  test('both day fields restricted: either matches (13th OR Friday)', () => {
    const c = parseCron('0 0 13 * 5');
    expect([c.domStar, c.dowStar]).toEqual([false, false]);
    expect(cronDayMatches(c, 13, 1)).toBe(true);
    expect(cronDayMatches(c, 2, 5)).toBe(true);
    expect(cronDayMatches(c, 2, 1)).toBe(false);
  });
  test('one field starred: both must match', () => {
    const c = parseCron('0 0 13 * *');
    expect(cronDayMatches(c, 13, 1)).toBe(true);
    expect(cronDayMatches(c, 12, 5)).toBe(false);
    const stepped = parseCron('0 0 */2 * 5');
    expect(cronDayMatches(stepped, 2, 1)).toBe(false); // 2 is not in 1,3,5,…; Monday is not Friday
    expect(cronDayMatches(stepped, 3, 1)).toBe(true); // OR: */2 has no star bit
  });
});

describe('helpers', () => {
  test('Go durations', () => {
    expect(parseGoDuration('1h2m3.5s')).toBe(3_723_500);
    expect(parseGoDuration('0')).toBe(0);
    expect(() => parseGoDuration('1x')).toThrow('time: unknown unit "x" in duration "1x"');
  });
  test('time zones load case-sensitively, as Go reads zoneinfo files', () => {
    expect(loadLocationError('America/New_York')).toBeUndefined();
    expect(loadLocationError('UTC')).toBeUndefined();
    expect(loadLocationError('america/new_york')).toBe('unknown time zone america/new_york');
    expect(loadLocationError('Nowhere/Town')).toBe('unknown time zone Nowhere/Town');
  });
});
