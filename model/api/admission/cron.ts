// The CronJob schedule parser. The API server validates spec.schedule with
// robfig/cron/v3 ParseStandard and prints the parser's error text verbatim in
// the Invalid error, so the texts below are robfig's. The CronJob controller
// uses the same parse to find the next run.
// upstream: github.com/robfig/cron/v3 parser.go (ParseStandard, getRange, parseDescriptor), spec.go (dayMatches)

export interface ParsedCron {
  minutes: Set<number>;
  hours: Set<number>;
  daysOfMonth: Set<number>;
  months: Set<number>;
  /** 0 = Sunday … 6 = Saturday. */
  daysOfWeek: Set<number>;
  /**
   * robfig's star bit: the day-of-month field was `*` or `?` (no step above 1).
   * When neither day field is starred a day matches if EITHER matches (Vixie-cron OR);
   * when one is starred both must match. See cronDayMatches.
   */
  domStar: boolean;
  dowStar: boolean;
  /** `@every <duration>`: the fixed period in whole seconds (at least 1); the field sets are then empty. */
  everySeconds?: number;
  /** The zone from a `TZ=`/`CRON_TZ=` prefix, which the parser accepts (validation then rejects it). */
  timeZone?: string;
}

/** A schedule robfig would reject; `message` is robfig's error text. */
export class CronParseError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CronParseError';
  }
}

interface Bounds { min: number; max: number; names?: Readonly<Record<string, number>> }
interface FieldBits { values: Set<number>; star: boolean }

const MONTH_NAMES = { jan: 1, feb: 2, mar: 3, apr: 4, may: 5, jun: 6, jul: 7, aug: 8, sep: 9, oct: 10, nov: 11, dec: 12 };
const DOW_NAMES = { sun: 0, mon: 1, tue: 2, wed: 3, thu: 4, fri: 5, sat: 6 };
const MINUTES: Bounds = { min: 0, max: 59 };
const HOURS: Bounds = { min: 0, max: 23 };
const DOM: Bounds = { min: 1, max: 31 };
const MONTHS: Bounds = { min: 1, max: 12, names: MONTH_NAMES };
const DOW: Bounds = { min: 0, max: 6, names: DOW_NAMES };

function bits(start: number, end: number, step: number): Set<number> {
  const out = new Set<number>();
  for (let v = start; v <= end; v += step) out.add(v);
  return out;
}
const all = (b: Bounds): FieldBits => ({ values: bits(b.min, b.max, 1), star: true });
const one = (v: number): FieldBits => ({ values: new Set([v]), star: false });

/** Go strconv.Atoi, with its error text. */
function atoi(s: string): number {
  if (!/^[+-]?[0-9]+$/.test(s)) throw new CronParseError(`strconv.Atoi: parsing ${JSON.stringify(s)}: invalid syntax`);
  const n = Number(s);
  if (!Number.isSafeInteger(n)) throw new CronParseError(`strconv.Atoi: parsing ${JSON.stringify(s)}: value out of range`);
  return n;
}

function mustParseInt(expr: string): number {
  let num: number;
  try {
    num = atoi(expr);
  } catch (e) {
    throw new CronParseError(`failed to parse int from ${expr}: ${(e as Error).message}`);
  }
  if (num < 0) throw new CronParseError(`negative number (${num}) not allowed: ${expr}`);
  return num;
}

function parseIntOrName(expr: string, names: Bounds['names']): number {
  const named = names?.[expr.toLowerCase()];
  return named !== undefined ? named : mustParseInt(expr);
}

/** One comma-separated part: `*`, `?`, `N`, `N-M`, each optionally `/step`. */
function getRange(expr: string, r: Bounds): FieldBits {
  const rangeAndStep = expr.split('/');
  const lowAndHigh = rangeAndStep[0]!.split('-');
  const singleDigit = lowAndHigh.length === 1;
  let start: number;
  let end: number;
  let star = false;
  if (lowAndHigh[0] === '*' || lowAndHigh[0] === '?') {
    start = r.min;
    end = r.max;
    star = true;
  } else {
    start = parseIntOrName(lowAndHigh[0]!, r.names);
    if (lowAndHigh.length === 1) end = start;
    else if (lowAndHigh.length === 2) end = parseIntOrName(lowAndHigh[1]!, r.names);
    else throw new CronParseError(`too many hyphens: ${expr}`);
  }
  let step = 1;
  if (rangeAndStep.length === 2) {
    step = mustParseInt(rangeAndStep[1]!);
    // "N/step" means "N-max/step".
    if (singleDigit) end = r.max;
    if (step > 1) star = false;
  } else if (rangeAndStep.length > 2) {
    throw new CronParseError(`too many slashes: ${expr}`);
  }
  if (start < r.min) throw new CronParseError(`beginning of range (${start}) below minimum (${r.min}): ${expr}`);
  if (end > r.max) throw new CronParseError(`end of range (${end}) above maximum (${r.max}): ${expr}`);
  if (start > end) throw new CronParseError(`beginning of range (${start}) beyond end of range (${end}): ${expr}`);
  if (step === 0) throw new CronParseError(`step of range should be a positive number: ${expr}`);
  return { values: bits(start, end, step), star };
}

function getField(field: string, r: Bounds): FieldBits {
  const out: FieldBits = { values: new Set(), star: false };
  // strings.FieldsFunc drops empty parts, so "1,,2" is "1,2" and "," selects nothing.
  for (const expr of field.split(',').filter((p) => p !== '')) {
    const got = getRange(expr, r);
    for (const v of got.values) out.values.add(v);
    out.star ||= got.star;
  }
  return out;
}

const DURATION_UNITS_MS: Readonly<Record<string, number>> = {
  ns: 1e-6, us: 1e-3, 'µs': 1e-3, 'μs': 1e-3, ms: 1, s: 1000, m: 60_000, h: 3_600_000,
};

/** Go time.ParseDuration, in milliseconds, with its error texts. */
export function parseGoDuration(orig: string): number {
  const bad = () => new CronParseError(`time: invalid duration ${JSON.stringify(orig)}`);
  let s = orig;
  let sign = 1;
  if (s.startsWith('-') || s.startsWith('+')) {
    sign = s.startsWith('-') ? -1 : 1;
    s = s.slice(1);
  }
  if (s === '0') return 0;
  if (s === '') throw bad();
  let total = 0;
  while (s !== '') {
    const num = /^([0-9]*)(\.[0-9]*)?/.exec(s)!;
    if (num[0] === '' || num[0] === '.') throw bad();
    s = s.slice(num[0].length);
    const unit = /^[^0-9.]*/.exec(s)![0];
    if (unit === '') throw new CronParseError(`time: missing unit in duration ${JSON.stringify(orig)}`);
    const scale = DURATION_UNITS_MS[unit];
    if (scale === undefined) throw new CronParseError(`time: unknown unit ${JSON.stringify(unit)} in duration ${JSON.stringify(orig)}`);
    total += Number(num[0]) * scale;
    s = s.slice(unit.length);
  }
  return sign * total;
}

function parseDescriptor(spec: string): ParsedCron {
  const day = (minute: FieldBits, hour: FieldBits, dom: FieldBits, month: FieldBits, dow: FieldBits): ParsedCron => ({
    minutes: minute.values, hours: hour.values, daysOfMonth: dom.values, months: month.values,
    daysOfWeek: dow.values, domStar: dom.star, dowStar: dow.star,
  });
  switch (spec) {
    case '@yearly':
    case '@annually': return day(one(0), one(0), one(1), one(1), all(DOW));
    case '@monthly': return day(one(0), one(0), one(1), all(MONTHS), all(DOW));
    case '@weekly': return day(one(0), one(0), all(DOM), all(MONTHS), one(0));
    case '@daily':
    case '@midnight': return day(one(0), one(0), all(DOM), all(MONTHS), all(DOW));
    case '@hourly': return day(one(0), all(HOURS), all(DOM), all(MONTHS), all(DOW));
  }
  const every = '@every ';
  if (spec.startsWith(every)) {
    let ms: number;
    try {
      ms = parseGoDuration(spec.slice(every.length));
    } catch (e) {
      throw new CronParseError(`failed to parse duration ${spec}: ${(e as Error).message}`);
    }
    // upstream cron.Every: at least one second, rounded down to whole seconds.
    const everySeconds = Math.max(1, Math.floor(ms / 1000));
    const none = new Set<number>();
    return { minutes: none, hours: none, daysOfMonth: none, months: none, daysOfWeek: none, domStar: false, dowStar: false, everySeconds };
  }
  throw new CronParseError(`unrecognized descriptor: ${spec}`);
}

/**
 * Go time.LoadLocation's error for `name`, or undefined when the zone loads.
 * The IANA database is Intl's. Intl matches names case-insensitively but Go
 * reads zoneinfo files, which are case-sensitive, so a name that differs from
 * Intl's canonical spelling only in case is rejected.
 */
export function loadLocationError(name: string): string | undefined {
  if (name === '' || name === 'UTC' || name === 'Local') return undefined;
  if (name.includes('..') || name.startsWith('/') || name.startsWith('\\')) return 'time: invalid location name';
  try {
    const resolved = new Intl.DateTimeFormat('en-US', { timeZone: name }).resolvedOptions().timeZone;
    if (resolved === name || resolved.toLowerCase() !== name.toLowerCase()) return undefined;
  } catch {
    // fall through: Intl does not know the zone
  }
  return `unknown time zone ${name}`;
}

/** robfig ParseStandard: five fields or a descriptor; throws CronParseError with robfig's text. */
export function parseCron(expr: string): ParsedCron {
  if (expr.length === 0) throw new CronParseError('empty spec string');
  let spec = expr;
  let timeZone: string | undefined;
  if (spec.startsWith('TZ=') || spec.startsWith('CRON_TZ=')) {
    const space = spec.indexOf(' ');
    const name = spec.slice(spec.indexOf('=') + 1, space < 0 ? undefined : space);
    const err = loadLocationError(name);
    if (err !== undefined || space < 0) throw new CronParseError(`provided bad location ${name}: ${err ?? 'missing schedule'}`);
    timeZone = name;
    spec = spec.slice(space).trim();
  }
  if (spec.startsWith('@')) return { ...parseDescriptor(spec), ...(timeZone !== undefined ? { timeZone } : {}) };
  const fields = spec.split(/\s+/).filter((f) => f !== '');
  if (fields.length !== 5) {
    throw new CronParseError(`expected exactly 5 fields, found ${fields.length}: [${fields.join(' ')}]`);
  }
  const [minute, hour, dom, month, dow] = [
    getField(fields[0]!, MINUTES), getField(fields[1]!, HOURS), getField(fields[2]!, DOM),
    getField(fields[3]!, MONTHS), getField(fields[4]!, DOW),
  ];
  return {
    minutes: minute.values, hours: hour.values, daysOfMonth: dom.values, months: month.values,
    daysOfWeek: dow.values, domStar: dom.star, dowStar: dow.star,
    ...(timeZone !== undefined ? { timeZone } : {}),
  };
}

/** robfig dayMatches: OR of the two day fields unless either is starred, then AND. */
export function cronDayMatches(c: ParsedCron, dayOfMonth: number, dayOfWeek: number): boolean {
  const domMatch = c.daysOfMonth.has(dayOfMonth);
  const dowMatch = c.daysOfWeek.has(dayOfWeek);
  return c.domStar || c.dowStar ? domMatch && dowMatch : domMatch || dowMatch;
}
