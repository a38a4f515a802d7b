// The vocabulary shared by the suites and the report: a suite measures
// figures; a figure is one number with its unit, its sample count and its
// spread, plus what the report needs to relate it to others (a baseline in
// the same run, a series it belongs to and its size on that series).

/** Which direction is better: costs (ms, bytes) shrink, throughputs (pods/s) grow. */
export type Better = 'smaller' | 'larger';

export interface Figure {
  /** Unique within its suite; the key a comparison matches on. */
  name: string;
  unit: string;
  value: number;
  /** Measurements behind the value (1 for a single timed run). */
  samples: number;
  /** Relative margin of error in percent (tinybench's rme); 0 when there is one sample. */
  rme: number;
  better: Better;
  /** The figure in the same suite this one is compared with (a deliberately naive baseline). */
  baseline?: string;
  /** A line on the growth table and chart: figures of one series differ only in size. */
  series?: string;
  /** The size on that series (objects, pods, nodes...). */
  size?: number;
  /** What `size` counts, for the chart's axis. */
  sizeUnit?: string;
  /** A published upstream number in the same unit, to set this one against. */
  reference?: { value: number; source: string };
}

/** Progress of one suite, as it reports it. */
export interface Progress {
  /** `done` of `total` steps of the current suite; `label` names what runs now. */
  step(label: string, done: number, total: number): void;
}

export interface SuiteContext {
  quick: boolean;
  progress: Progress;
  /**
   * Milliseconds left of the bench's time budget (`bench --time-limit`). A
   * suite with several long runs asks before each and stops when it is spent;
   * the report then says which figures are missing.
   */
  timeLeftMs(): number;
}

export interface SuiteResult {
  id: string;
  title: string;
  figures: Figure[];
  /** Sentences the report prints under the suite's table (what was measured, and how). */
  notes: string[];
  /** Left out (or cut short) because the time budget was spent. */
  skipped?: boolean;
}

/** One entry of the suite list: adding a suite is adding one of these. */
export interface Suite {
  id: string;
  title: string;
  run(ctx: SuiteContext): Promise<{ figures: Figure[]; notes?: string[]; skipped?: boolean }>;
}

/** A tinybench-style result as the two existing suites return it. */
export interface RawResult { name: string; unit: string; value: number; samples: number; rme: number }

/** Units that measure a rate (more is better); everything else is a cost. */
export function betterFor(unit: string): Better {
  return /\/s$/.test(unit) ? 'larger' : 'smaller';
}
