// The run's virtual clock: a priority queue of tasks ordered by (time, sequence).
// Nothing here reads the wall clock; time moves only when a task runs.
import { Heap } from './heap.js';

/** Virtual time starts here, as SCENARIOS.md promises. */
export const EPOCH_MS = Date.UTC(2017, 2, 11, 0, 0, 0);

export interface TaskHandle { readonly id: number; cancelled: boolean }

interface Task extends TaskHandle { at: number; fn: () => void }

/** Events at one virtual instant before the run is declared stuck (150k pods created at once need ~2M). */
export const MAX_TASKS_PER_INSTANT = 10_000_000;

/** Thrown when a run exceeds its event budget: a clear error instead of a hang. */
export class BudgetExceeded extends Error {}

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
  constructor(readonly maxTasks = 50_000_000) {}

  now(): number { return this.nowMs; }

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
        for (const t of batch) {
          if (t.cancelled) continue;
          if (++this.sameInstant > MAX_TASKS_PER_INSTANT) throw new BudgetExceeded(`no progress: more than ${MAX_TASKS_PER_INSTANT} events at virtual time ${this.iso()} (a livelock between components?)`);
          if (++this.tasksRun > this.maxTasks) throw new BudgetExceeded(`event limit exceeded: more than ${this.maxTasks} events in one run`);
          t.fn();
          this.afterTask?.();
          if (stop && stop()) return true;
        }
        continue;
      }
      if (next === undefined || next > untilMs) break;
      const task = this.heap.pop()!;
      if (task.at === this.nowMs) {
        // Components that keep answering each other without time passing are a livelock.
        if (++this.sameInstant > MAX_TASKS_PER_INSTANT) throw new BudgetExceeded(`no progress: more than ${MAX_TASKS_PER_INSTANT} events at virtual time ${this.iso()} (a livelock between components?)`);
      } else this.sameInstant = 0;
      this.nowMs = task.at;
      if (++this.tasksRun > this.maxTasks) throw new BudgetExceeded(`event limit exceeded: more than ${this.maxTasks} events in one run`);
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

/** Go-style durations: `500ms`, `30s`, `5m`, `1h30m`. Returns ms, or throws with a clear message. */
export function parseDuration(text: string | number): number {
  if (typeof text === 'number') {
    if (!Number.isFinite(text) || text < 0) throw new Error(`invalid duration ${JSON.stringify(text)}`);
    return text * 1000;
  }
  const s = String(text).trim();
  if (s === '0') return 0;
  const re = /(\d+(?:\.\d+)?)(ms|h|m|s)/gy;
  let total = 0;
  let pos = 0;
  let m: RegExpExecArray | null;
  while ((m = re.exec(s)) !== null) {
    const n = Number(m[1]);
    total += m[2] === 'h' ? n * 3_600_000 : m[2] === 'm' ? n * 60_000 : m[2] === 's' ? n * 1000 : n;
    pos = re.lastIndex;
  }
  if (pos !== s.length || s.length === 0) throw new Error(`time: invalid duration ${JSON.stringify(s)}`);
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
