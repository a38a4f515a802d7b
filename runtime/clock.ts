// The run's virtual clock: a priority queue of tasks ordered by (time, sequence).
// Nothing here reads the wall clock; time moves only when a task runs.
import { Heap } from './heap.js';

/** Virtual time starts here, as SCENARIOS.md promises. */
export const EPOCH_MS = Date.UTC(2017, 2, 11, 0, 0, 0);

export interface TaskHandle { readonly id: number; cancelled: boolean }

interface Task extends TaskHandle { at: number; fn: () => void }

/**
 * Events at one virtual instant before the run is declared stuck, for a
 * cluster of a given size: a floor, plus room that grows with the objects in
 * the store (150k pods created at once need ~2M events at that instant; a
 * 3-node cluster that passes 100k is a livelock).
 */
export const INSTANT_EVENTS_FLOOR = 100_000;
export const INSTANT_EVENTS_PER_OBJECT = 20;

/** Thrown when a run exceeds a limit (events, objects, an instant that never ends): one clear line instead of a hang. */
export class BudgetExceeded extends Error {}

/** Thrown when the caller's interrupt (a wall-time budget kept by the CLI) says stop: not a finding. */
export class Interrupted extends Error {
  constructor() { super('stopped by the time limit'); this.name = 'Interrupted'; }
}

/** How often (in events) the interrupt is asked. */
const INTERRUPT_EVERY = 512;

export interface ClockOptions {
  /** Events in one run. */
  maxTasks?: number;
  /** The livelock bound for the instant now (default: the floor); asked only when the count passes the last answer. */
  instantLimit?: () => number;
  /** Appended to the livelock error: what churned (the cluster names the objects written most). */
  onLivelock?: () => string;
  /**
   * Asked every few hundred events: true stops the run with Interrupted. The
   * caller owns any wall clock behind it; the clock itself never reads one.
   */
  interrupt?: () => boolean;
}

export class VirtualClock {
  /** Milliseconds since EPOCH_MS. */
  private nowMs = 0;
  private heap = new Heap<Task>((a, b) => a.at < b.at || (a.at === b.at && a.id < b.id));
  private seq = 0;
  /** Tasks executed so far, and the limit (TIGER_STYLE: put a limit on everything). */
  tasksRun = 0;
  private sameInstant = 0;
  /** Called after every task (invariant checks hook in here). */
  afterTask?: () => void;
  readonly maxTasks: number;
  private readonly opts: ClockOptions;
  private instantCap = INSTANT_EVENTS_FLOOR;
  constructor(opts: ClockOptions | number = {}) {
    this.opts = typeof opts === 'number' ? { maxTasks: opts } : opts;
    this.maxTasks = this.opts.maxTasks ?? 50_000_000;
  }

  /** One more event at this instant: past the (re-asked) bound, the run is a livelock. */
  private countInstant(): void {
    if (++this.sameInstant <= this.instantCap) return;
    this.instantCap = Math.max(INSTANT_EVENTS_FLOOR, this.opts.instantLimit?.() ?? INSTANT_EVENTS_FLOOR);
    if (this.sameInstant <= this.instantCap) return;
    const what = this.opts.onLivelock?.();
    throw new BudgetExceeded(`no progress: more than ${this.instantCap} events at virtual time ${this.iso()} without time moving on (a livelock between components?)${what ? `; most written: ${what}` : ''}`);
  }

  /** One more event in the run: past the limit, or when the caller's interrupt says so, the run ends. */
  private countTask(): void {
    if (++this.tasksRun > this.maxTasks) throw new BudgetExceeded(`event limit exceeded: more than ${this.maxTasks} events in one run (cluster.limits.events)`);
    if (this.opts.interrupt && this.tasksRun % INTERRUPT_EVERY === 0 && this.opts.interrupt()) throw new Interrupted();
  }

  now(): number { return this.nowMs; }

  /** Events run at this virtual instant so far. */
  get instantEvents(): number { return this.sameInstant; }

  /** RFC 3339 at second precision, as metav1.Time serialises. */
  iso(ms = this.nowMs): string {
    const sec = Math.floor(ms / 1000);
    if (sec === this.isoSec) return this.isoText;
    this.isoSec = sec;
    this.isoText = new Date(EPOCH_MS + sec * 1000).toISOString().replace('.000Z', 'Z');
    return this.isoText;
  }
  private isoSec = NaN;
  private isoText = '';

  /** RFC 3339 with microseconds, as metav1.MicroTime (Lease renewTime, Event eventTime). */
  isoMicro(ms = this.nowMs): string {
    return new Date(EPOCH_MS + ms).toISOString().replace(/\.(\d{3})Z$/, '.$1000Z');
  }

  /** Parse an RFC 3339 time back into virtual ms. */
  parse(iso: string): number { return Date.parse(iso) - EPOCH_MS; }

  /** Run `fn` after `delayMs` of virtual time (0: after the tasks already due now). */
  schedule(delayMs: number, fn: () => void): TaskHandle {
    const task: Task = { id: ++this.seq, at: this.nowMs + Math.max(0, delayMs), fn, cancelled: false };
    this.heap.push(task);
    return task;
  }

  scheduleAt(atMs: number, fn: () => void): TaskHandle {
    return this.schedule(atMs - this.nowMs, fn);
  }

  private idle: Task[] = [];

  /** Run `fn` at this instant, once every task already due now has run (and before time moves on). */
  whenIdle(fn: () => void): TaskHandle {
    const task: Task = { id: ++this.seq, at: this.nowMs, fn, cancelled: false };
    this.idle.push(task);
    return task;
  }

  cancel(handle: TaskHandle | undefined): void {
    if (handle) handle.cancelled = true;
  }

  /** Time of the next live task, or undefined when idle. */
  peek(): number | undefined {
    while (this.heap.peek()?.cancelled) this.heap.pop();
    return this.heap.peek()?.at;
  }

  /** Run every task due at or before `untilMs`, then set the time to `untilMs`. */
  runUntil(untilMs: number, stop?: () => boolean): boolean {
    for (;;) {
      const next = this.peek();
      // Before time moves on (or the run ends), the tasks waiting for this instant to go quiet run.
      if ((next === undefined || next > this.nowMs) && this.idle.length > 0) {
        const batch = this.idle;
        this.idle = [];
        for (let i = 0; i < batch.length; i++) {
          const t = batch[i]!;
          if (t.cancelled) continue;
          this.countInstant();
          this.countTask();
          t.fn();
          this.afterTask?.();
          if (stop && stop()) {
            // Stopped mid-batch: the rest still run at this instant, before anything queued since.
            this.idle = batch.slice(i + 1).concat(this.idle);
            return true;
          }
        }
        continue;
      }
      if (next === undefined || next > untilMs) break;
      const task = this.heap.pop()!;
      // Components that keep answering each other without time passing are a livelock.
      if (task.at === this.nowMs) this.countInstant();
      else { this.sameInstant = 0; this.instantCap = INSTANT_EVENTS_FLOOR; }
      this.nowMs = task.at;
      this.countTask();
      task.fn();
      this.afterTask?.();
      if (stop && stop()) return true;
    }
    this.nowMs = Math.max(this.nowMs, untilMs);
    return false;
  }

  /** Run only the tasks due now (delay-0 work such as watch deliveries). */
  settle(): void { this.runUntil(this.nowMs); }

  get pending(): number { return this.heap.values().filter((t) => !t.cancelled).length + this.idle.filter((t) => !t.cancelled).length; }

}

/**
 * Go-style durations, as time.ParseDuration reads them: `500ms`, `30s`,
 * `5m`, `1h30m`, `1.5h`, `100us`, `0`. Only a string is a duration (a YAML
 * `wait: 5` is not: Go says the unit is missing). Negative durations are
 * refused: nothing in a scenario waits backwards. Returns whole
 * milliseconds (virtual time's grain), or throws with Go's words.
 * upstream: Go src/time/format.go (ParseDuration and its errors)
 */
export function parseDuration(text: unknown): number {
  if (typeof text !== 'string') throw new Error(`time: invalid duration ${JSON.stringify(text) ?? String(text)}: a duration is a string such as "30s"`);
  const quoted = JSON.stringify(text);
  if (text === '0') return 0;
  if (text === '') throw new Error(`time: invalid duration ${quoted}`);
  let rest = text;
  if (rest[0] === '-' || rest[0] === '+') {
    if (rest[0] === '-' && rest !== '-0') throw new Error(`time: invalid duration ${quoted}: must not be negative`);
    rest = rest.slice(1);
    if (rest === '0') return 0;
  }
  const UNITS: Record<string, number> = { ns: 1e-6, us: 1e-3, 'µs': 1e-3, 'μs': 1e-3, ms: 1, s: 1000, m: 60_000, h: 3_600_000 };
  let total = 0;
  if (rest === '') throw new Error(`time: invalid duration ${quoted}`);
  while (rest !== '') {
    const m = /^(\d*)(?:\.(\d*))?/.exec(rest)!;
    if (m[0] === '' || m[0] === '.' || (m[1] === '' && (m[2] ?? '') === '')) throw new Error(`time: invalid duration ${quoted}`);
    rest = rest.slice(m[0].length);
    const u = /^[^\d.]+/.exec(rest)?.[0];
    if (u === undefined) throw new Error(`time: missing unit in duration ${quoted}`);
    if (!Object.hasOwn(UNITS, u)) throw new Error(`time: unknown unit ${JSON.stringify(u)} in duration ${quoted}`);
    rest = rest.slice(u.length);
    total += Number(`${m[1] || '0'}.${m[2] || '0'}`) * UNITS[u]!;
  }
  if (!Number.isFinite(total) || total > 2 ** 53) throw new Error(`time: invalid duration ${quoted}`);
  return Math.round(total);
}

/** Format ms as a Go duration string (`1m30s`, `500ms`). */
export function formatDuration(ms: number): string {
  if (ms === 0) return '0s';
  if (ms < 1000) return `${ms}ms`;
  let rest = Math.floor(ms / 1000);
  const h = Math.floor(rest / 3600); rest -= h * 3600;
  const m = Math.floor(rest / 60); rest -= m * 60;
  const frac = ms % 1000;
  const sec = frac ? `${rest}.${String(frac).padStart(3, '0').replace(/0+$/, '')}s` : `${rest}s`;
  return `${h ? `${h}h` : ''}${h || m ? `${m}m` : ''}${sec}`;
}
