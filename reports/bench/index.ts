// The bench report: what `kubemodel bench` writes under reports/out/.
export { NOISE_FLOOR_PCT, compare, growth, growthExponent, judge, ratios, type Change, type Growth, type Ratio, type Verdict } from './analysis.js';
export { REPORT_SCHEMA, buildReport, reportProblem, toGab, type BenchReport, type Comparison, type GabEntry, type Machine, type ReportInput } from './report.js';
export { renderMarkdown, formatNumber, ratioText, baselineLabel, changeText } from './markdown.js';
export { logLogChart, suiteCharts, type Chart, type ChartSpec } from './svg.js';
export { ReportReadError, findPrevious, readReport, writeAtomic } from './files.js';
