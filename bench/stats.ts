// Mean and relative margin of error of a few timed runs, as tinybench
// reports them for its own tasks (Student's t at 95%), so figures measured
// by hand and by tinybench carry the same kind of spread.

// upstream: tinybench's tTable (two-sided 95% critical values by degrees of freedom).
const T95 = [12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228];

export interface Summary { mean: number; rme: number; samples: number }

export function summarize(values: readonly number[]): Summary {
  const n = values.length;
  if (n === 0) throw new Error('no samples to summarize');
  const mean = values.reduce((a, b) => a + b, 0) / n;
  if (n === 1 || mean === 0) return { mean, rme: 0, samples: n };
  const variance = values.reduce((a, v) => a + (v - mean) ** 2, 0) / (n - 1);
  const sem = Math.sqrt(variance / n);
  const t = T95[n - 2] ?? 1.96;
  return { mean, rme: ((t * sem) / Math.abs(mean)) * 100, samples: n };
}
