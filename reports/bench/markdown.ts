// bench-<commit>.md: the machine, then a table per suite (value, spread,
// samples, the ratio against the in-run baseline and against upstream's
// published number, and the change since the earlier report), the growth
// exponents between sizes, and the suite's chart.
import type { Figure, SuiteResult } from '../../bench/types.js';
import type { Change, Growth, Ratio } from './analysis.js';
import type { BenchReport } from './report.js';
import { append } from '../../model/append.js';

/** Three significant digits; thousands separated above 1000. */
export function formatNumber(v: number): string {
  if (!Number.isFinite(v)) return String(v);
  const a = Math.abs(v);
  if (a >= 1000) return Math.round(v).toLocaleString('en-US');
  if (a === 0) return '0';
  return String(Number(v.toPrecision(3)));
}

const times = (t: number): string => (t >= 10 ? `${Math.round(t).toLocaleString('en-US')}×` : `${Number(t.toPrecision(2))}×`);

/** "412× faster than naive" / "1.4× slower than events off". */
export function ratioText(t: number, against: string): string {
  if (!(t > 0) || !Number.isFinite(t)) return '';
  return t >= 1 ? `${times(t)} faster than ${against}` : `${times(1 / t)} slower than ${against}`;
}

/** What tells `baseline` apart from `figure`: their common prefix and suffix removed. */
export function baselineLabel(figure: string, baseline: string): string {
  let p = 0;
  while (p < figure.length && p < baseline.length && figure[p] === baseline[p]) p++;
  let s = 0;
  while (s < figure.length - p && s < baseline.length - p && figure[figure.length - 1 - s] === baseline[baseline.length - 1 - s]) s++;
  const middle = baseline.slice(p, baseline.length - s).replace(/^[\s,:(]+|[\s,:)]+$/g, '');
  return middle.length > 0 && p > 0 ? middle : baseline;
}

function referenceText(f: Figure): string {
  if (!f.reference || !(f.value > 0)) return '';
  const t = f.better === 'smaller' ? f.reference.value / f.value : f.value / f.reference.value;
  return ratioText(t, `${f.reference.source} (${formatNumber(f.reference.value)} ${f.unit})`);
}

export function changeText(c: Change | undefined): string {
  if (!c) return '';
  if (c.verdict === 'new') return 'new';
  if (c.changePct === undefined || !Number.isFinite(c.changePct)) return c.verdict;
  const pct = `${c.changePct >= 0 ? '+' : ''}${c.changePct.toFixed(1)}%`;
  if (c.verdict === 'regression') return `**${pct} regression** (noise ±${c.thresholdPct!.toFixed(0)}%)`;
  if (c.verdict === 'improvement') return `${pct} improvement`;
  return `${pct} (within ±${c.thresholdPct!.toFixed(0)}%)`;
}

const cell = (s: string) => s.replace(/\|/g, '\\|');

function suiteTable(s: SuiteResult, ratios: readonly Ratio[], changes: Map<string, Change> | undefined): string[] {
  const byFigure = new Map(ratios.filter((r) => r.suite === s.id).map((r) => [r.figure, r]));
  const head = ['Figure', 'Value', 'Unit', '±', 'Samples', 'vs in-run baseline', 'vs upstream'];
  if (changes) head.push('Change');
  const out = [`| ${head.join(' | ')} |`, `|${head.map((h) => (['Value', '±', 'Samples'].includes(h) ? '---:' : '---')).join('|')}|`];
  for (const f of s.figures) {
    const r = byFigure.get(f.name);
    const row = [
      f.name, formatNumber(f.value), f.unit, f.samples > 1 ? `${f.rme.toFixed(1)}%` : '–', String(f.samples),
      r ? ratioText(r.times, baselineLabel(f.name, r.baseline)) : '', referenceText(f),
    ];
    if (changes) row.push(changeText(changes.get(`${s.id}\u0000${f.name}`)));
    out.push(`| ${row.map(cell).join(' | ')} |`);
  }
  return out;
}

function growthTable(g: readonly Growth[]): string[] {
  if (g.length === 0) return [];
  const out = ['', 'Growth exponents, log(cost₂/cost₁) / log(size₂/size₁): 1.0 is linear, 0 is constant.', '',
    '| Series | From size | To size | Cost from | Cost to | Exponent |', '|---|---:|---:|---:|---:|---:|'];
  for (const x of g) {
    out.push(`| ${cell(x.series)} (${cell(x.unit)}) | ${formatNumber(x.fromSize)} | ${formatNumber(x.toSize)} | ${formatNumber(x.fromValue)} | ${formatNumber(x.toValue)} | ${Number.isFinite(x.exponent) ? x.exponent.toFixed(2) : 'n/a'} |`);
  }
  return out;
}

/** The Markdown report; `charts` maps a suite id to the relative paths of its SVG files. */
export function renderMarkdown(report: BenchReport, charts: ReadonlyMap<string, ReadonlyArray<{ file: string; title: string }>>): string {
  const m = report.machine;
  const out: string[] = [];
  out.push(`# kubemodel benchmarks: ${report.commit}${report.dirty ? ' (uncommitted changes)' : ''}`, '');
  out.push(`${report.date} · ${report.quick ? 'quick run' : 'full run'} in ${formatNumber(report.durationMs / 1000)} s · Node ${m.node} · ${m.cpu} × ${m.cores} · ${formatNumber(m.memoryBytes / 2 ** 30)} GiB · ${m.platform}/${m.arch} · load average ${m.loadAverage.start.toFixed(1)} at start, ${m.loadAverage.end.toFixed(1)} at end`, '');
  if (Math.max(m.loadAverage.start, m.loadAverage.end) > m.cores) {
    out.push(`> The load average passed the core count (${m.cores}): other work shared the CPU during this run, so wall times are inflated and noisier than the ± column says.`, '');
  }
  let changes: Map<string, Change> | undefined;
  const c = report.comparison;
  if (c) {
    changes = new Map(c.changes.map((x) => [`${x.suite}\u0000${x.figure}`, x]));
    const count = (v: Change['verdict']) => c.changes.filter((x) => x.verdict === v).length;
    out.push(`Compared with ${c.file} (commit ${c.commit}, ${c.date}): ${count('regression')} regression(s), ${count('improvement')} improvement(s), ${count('within noise')} within noise, ${count('new')} new, ${count('gone')} gone. A change counts when it exceeds max(2 × rme, 10%).`, '');
    const reg = c.changes.filter((x) => x.verdict === 'regression');
    for (const x of reg) out.push(`- **Regression** in ${x.suite}: ${x.figure}: ${formatNumber(x.before!)} → ${formatNumber(x.after!)} ${x.unit} (${changeText(x)})`);
    if (reg.length > 0) out.push('');
  } else {
    out.push('No earlier report to compare with.', '');
  }
  for (const s of report.suites) {
    out.push(`## ${s.title}`, '');
    for (const n of s.notes) out.push(`- ${n}`);
    if (s.notes.length > 0) out.push('');
    append(out, suiteTable(s, report.ratios, changes));
    append(out, growthTable(report.growth.filter((g) => g.suite === s.id)));
    for (const ch of charts.get(s.id) ?? []) out.push('', `![${ch.title}](${ch.file})`);
    out.push('');
  }
  out.push('---', '', `JSON: every figure with unit, samples and rme, and \`customSmallerIsBetter\` for github-action-benchmark (\`jq .customSmallerIsBetter\`).`, '');
  return out.join('\n');
}
