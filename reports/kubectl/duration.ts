// How kubectl turns a span of time into a short word ("45s", "5m30s", "3h5m",
// "2d3h", "5y") and how its printers age a timestamp against "now". The run
// passes its virtual now in; nothing here reads the wall clock.

const SECOND_MS = 1000;
const MINUTE_MS = 60 * SECOND_MS;
const HOUR_MS = 60 * MINUTE_MS;

/**
 * A duration as kubectl prints it, with ~2-3 significant figures.
 * upstream: k8s.io/apimachinery/pkg/util/duration.HumanDuration (thresholds 2m, 10m, 3h, 8h, 48h, 8d, 2y, 8y)
 */
export function humanDuration(ms: number): string {
  // Go converts with int(d.Seconds()), which truncates toward zero; up to one
  // second in the future still reads "0s" to tolerate clock skew.
  const seconds = Math.trunc(ms / SECOND_MS);
  if (seconds < -1) return '<invalid>';
  if (seconds < 0) return '0s';
  if (seconds < 60 * 2) return `${seconds}s`;
  const minutes = Math.trunc(ms / MINUTE_MS);
  if (minutes < 10) {
    const s = seconds % 60;
    return s === 0 ? `${minutes}m` : `${minutes}m${s}s`;
  }
  if (minutes < 60 * 3) return `${minutes}m`;
  const hours = Math.trunc(ms / HOUR_MS);
  if (hours < 8) {
    const m = minutes % 60;
    return m === 0 ? `${hours}h` : `${hours}h${m}m`;
  }
  if (hours < 48) return `${hours}h`;
  const days = Math.trunc(hours / 24);
  if (hours < 24 * 8) {
    const h = hours % 24;
    return h === 0 ? `${days}d` : `${days}d${h}h`;
  }
  if (hours < 24 * 365 * 2) return `${days}d`;
  const years = Math.trunc(days / 365);
  if (hours < 24 * 365 * 8) {
    const dy = days % 365;
    return dy === 0 ? `${years}y` : `${years}y${dy}d`;
  }
  return `${years}y`;
}

/**
 * Epoch milliseconds of an API timestamp, or undefined when it is absent or
 * unparseable (Go's zero time). `metav1.Time` is serialized with whole seconds,
 * so by default the fraction is dropped as kubectl would never see it;
 * `metav1.MicroTime` fields (eventTime, series.lastObservedTime) keep it.
 */
export function parseTime(value: unknown, micro = false): number | undefined {
  if (typeof value !== 'string' || value === '') return undefined;
  const ms = Date.parse(value);
  if (Number.isNaN(ms)) return undefined;
  return micro ? ms : Math.floor(ms / SECOND_MS) * SECOND_MS;
}

/**
 * The age of a timestamp at `now`, as the AGE and LAST SEEN columns show it.
 * upstream: pkg/printers/internalversion/printers.go translateTimestampSince ("<unknown>" for the zero time)
 */
export function since(timestamp: unknown, now: string | number, micro = false): string {
  const t = parseTime(timestamp, micro);
  if (t === undefined) return '<unknown>';
  return humanDuration(nowMs(now) - t);
}

/** The virtual now in epoch milliseconds; it keeps its fraction, like time.Now(). */
export function nowMs(now: string | number): number {
  if (typeof now === 'number') return now;
  const ms = Date.parse(now);
  if (Number.isNaN(ms)) throw new Error(`invalid time for now: ${JSON.stringify(now)}`);
  return ms;
}
