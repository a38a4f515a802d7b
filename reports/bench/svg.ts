// Log-log charts of cost against size, written as plain SVG text: no
// browser, no canvas, no dependency. One line per series; decade grid lines
// so a slope can be read off by eye (a line parallel to the diagonal of a
// decade square is linear growth).
import type { SuiteResult } from '../../bench/types.js';

export interface ChartSeries { name: string; points: ReadonlyArray<readonly [number, number]> }

export interface ChartSpec {
  title: string;
  xLabel: string;
  yLabel: string;
  series: readonly ChartSeries[];
}

const PLOT_W = 420, H = 420;
const M = { left: 70, top: 40, bottom: 50 };
// Legend text at 12px: about 7px per character, plus the swatch.
const legendWidth = (names: readonly string[]) => Math.max(140, 56 + 7 * Math.max(0, ...names.map((x) => x.length)));
// Colour-blind-safe palette (Okabe–Ito), then repeats with dashes.
const COLOURS = ['#0072B2', '#D55E00', '#009E73', '#CC79A7', '#E69F00', '#56B4E9', '#000000', '#F0E442'];

export function escapeXml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' }[c]!));
}

/** Powers of ten spanning [lo, hi], widened to whole decades. */
export function decades(lo: number, hi: number): number[] {
  const a = Math.floor(Math.log10(lo)), b = Math.max(Math.ceil(Math.log10(hi)), a + 1);
  const out: number[] = [];
  for (let e = a; e <= b; e++) out.push(10 ** e);
  return out;
}

export function tickLabel(v: number): string {
  if (v >= 1e6) return `${v / 1e6}M`;
  if (v >= 1e3) return `${v / 1e3}k`;
  if (v >= 1) return String(v);
  return String(Number(v.toPrecision(1)));
}

const n = (x: number) => (Math.round(x * 10) / 10).toString();

export function logLogChart(spec: ChartSpec): string {
  const pts = spec.series.flatMap((s) => s.points).filter(([x, y]) => x > 0 && y > 0);
  const xs = decades(Math.min(...pts.map((p) => p[0])), Math.max(...pts.map((p) => p[0])));
  const ys = decades(Math.min(...pts.map((p) => p[1])), Math.max(...pts.map((p) => p[1])));
  const [x0, x1] = [Math.log10(xs[0]!), Math.log10(xs[xs.length - 1]!)];
  const [y0, y1] = [Math.log10(ys[0]!), Math.log10(ys[ys.length - 1]!)];
  const right = legendWidth(spec.series.map((x) => x.name).concat('linear (slope 1)'));
  const W = M.left + PLOT_W + right;
  const pw = PLOT_W, ph = H - M.top - M.bottom;
  const px = (x: number) => M.left + ((Math.log10(x) - x0) / (x1 - x0)) * pw;
  const py = (y: number) => M.top + ph - ((Math.log10(y) - y0) / (y1 - y0)) * ph;
  const out: string[] = [];
  out.push(`<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" font-family="sans-serif" font-size="12">`);
  out.push(`<title>${escapeXml(spec.title)}</title>`);
  out.push(`<rect x="0" y="0" width="${W}" height="${H}" fill="#ffffff"/>`);
  out.push(`<text x="${M.left}" y="24" font-size="15" font-weight="bold">${escapeXml(spec.title)}</text>`);
  for (const x of xs) {
    out.push(`<line x1="${n(px(x))}" y1="${M.top}" x2="${n(px(x))}" y2="${M.top + ph}" stroke="#dddddd"/>`);
    out.push(`<text x="${n(px(x))}" y="${M.top + ph + 16}" text-anchor="middle">${tickLabel(x)}</text>`);
  }
  for (const y of ys) {
    out.push(`<line x1="${M.left}" y1="${n(py(y))}" x2="${M.left + pw}" y2="${n(py(y))}" stroke="#dddddd"/>`);
    out.push(`<text x="${M.left - 6}" y="${n(py(y) + 4)}" text-anchor="end">${tickLabel(y)}</text>`);
  }
  out.push(`<rect x="${M.left}" y="${M.top}" width="${pw}" height="${ph}" fill="none" stroke="#555555"/>`);
  // A slope-1 guide through the first series' first point: a line parallel to it grows linearly.
  const first = spec.series[0]?.points.find(([x, y]) => x > 0 && y > 0);
  if (first) {
    const [fx, fy] = first;
    const [gx0, gx1] = [xs[0]!, xs[xs.length - 1]!];
    out.push(`<clipPath id="plot"><rect x="${M.left}" y="${M.top}" width="${pw}" height="${ph}"/></clipPath>`);
    out.push(`<line x1="${n(px(gx0))}" y1="${n(py((fy * gx0) / fx))}" x2="${n(px(gx1))}" y2="${n(py((fy * gx1) / fx))}" stroke="#999999" stroke-dasharray="2 4" clip-path="url(#plot)"/>`);
  }
  out.push(`<text x="${M.left + pw / 2}" y="${H - 12}" text-anchor="middle">${escapeXml(spec.xLabel)} (log scale)</text>`);
  out.push(`<text transform="translate(16 ${M.top + ph / 2}) rotate(-90)" text-anchor="middle">${escapeXml(spec.yLabel)} (log scale)</text>`);
  const legendX = M.left + pw + 14;
  spec.series.forEach((s, i) => {
    const colour = COLOURS[i % COLOURS.length]!;
    const dash = i >= COLOURS.length ? ' stroke-dasharray="6 3"' : '';
    const p = s.points.filter(([x, y]) => x > 0 && y > 0).map(([x, y]) => `${n(px(x))},${n(py(y))}`);
    out.push(`<polyline fill="none" stroke="${colour}" stroke-width="2"${dash} points="${p.join(' ')}"/>`);
    for (const q of p) { const [cx, cy] = q.split(','); out.push(`<circle cx="${cx}" cy="${cy}" r="3" fill="${colour}"/>`); }
    const ly = M.top + 10 + i * 18;
    out.push(`<line x1="${legendX}" y1="${ly}" x2="${legendX + 20}" y2="${ly}" stroke="${colour}" stroke-width="2"${dash}/>`);
    out.push(`<text x="${legendX + 26}" y="${ly + 4}">${escapeXml(s.name)}</text>`);
  });
  if (first) {
    const ly = M.top + 10 + spec.series.length * 18;
    out.push(`<line x1="${legendX}" y1="${ly}" x2="${legendX + 20}" y2="${ly}" stroke="#999999" stroke-dasharray="2 4"/>`);
    out.push(`<text x="${legendX + 26}" y="${ly + 4}" fill="#555555">linear (slope 1)</text>`);
  }
  out.push('</svg>');
  return out.join('\n') + '\n';
}

/** A unit as a file-name part: `µs/op` → `us-per-op`. */
export function unitSlug(unit: string): string {
  return unit.replace(/µ/g, 'u').replace(/\//g, '-per-').replace(/[^A-Za-z0-9-]+/g, '') || 'unit';
}

export interface Chart {
  /** The suite it belongs to. */
  suite: string;
  /** Unique among the charts: the suite id, plus the unit when a suite has several. */
  id: string;
  title: string;
  svg: string;
}

/** One chart per suite and unit that has series with at least two sizes. */
export function suiteCharts(suites: readonly SuiteResult[]): Chart[] {
  const charts: Chart[] = [];
  for (const s of suites) {
    const byUnit = new Map<string, Map<string, Array<[number, number]>>>();
    const sizeUnits = new Map<string, string>();
    for (const f of s.figures) {
      if (f.series === undefined || f.size === undefined || !(f.value > 0)) continue;
      const series = byUnit.get(f.unit) ?? new Map<string, Array<[number, number]>>();
      byUnit.set(f.unit, series);
      const pts = series.get(f.series) ?? [];
      pts.push([f.size, f.value]);
      series.set(f.series, pts);
      if (f.sizeUnit) sizeUnits.set(f.unit, f.sizeUnit);
    }
    for (const [unit, series] of byUnit) {
      const lines = [...series].filter(([, p]) => p.length >= 2).map(([name, p]) => ({ name, points: p.sort((a, b) => a[0] - b[0]) }));
      if (lines.length === 0) continue;
      const id = `${s.id}${byUnit.size > 1 ? `-${unitSlug(unit)}` : ''}`;
      const title = `${s.title}: cost vs size`;
      charts.push({ suite: s.id, id, title, svg: logLogChart({ title: `${title} (${unit})`, xLabel: sizeUnits.get(unit) ?? 'size', yLabel: unit, series: lines }) });
    }
  }
  return charts;
}
