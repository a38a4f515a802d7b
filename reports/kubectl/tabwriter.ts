// Column layout as kubectl's tabwriter produces it: every column but the last
// is padded to its widest cell plus three spaces (and at least six wide); the
// last column is never padded, so lines carry no trailing spaces.
// upstream: k8s.io/cli-runtime/pkg/printers/tabwriter.go (minwidth 6, padding 3, padchar ' ', flags 0)

const MIN_WIDTH = 6;
const PADDING = 3;

/** Lay out rows of cells; the first row is usually the header. Ends with a newline. */
export function tabulate(rows: readonly (readonly string[])[]): string {
  if (rows.length === 0) return '';
  // Go's tabwriter measures cells in code points, not UTF-16 units.
  const cells = rows.map((row) => row.map(escapeCell));
  const widths: number[] = [];
  for (const row of cells) {
    row.forEach((cell, i) => {
      if (i === row.length - 1) return;
      widths[i] = Math.max(widths[i] ?? MIN_WIDTH, runeCount(cell) + PADDING);
    });
  }
  const lines = cells.map((row) =>
    row.map((cell, i) => (i === row.length - 1 ? cell : cell + ' '.repeat(widths[i]! - runeCount(cell)))).join(''),
  );
  return lines.join('\n') + '\n';
}

/**
 * A cell value made safe for one table line: text from the first line break is
 * cut and replaced by "...", and terminal escapes are made visible.
 * upstream: k8s.io/cli-runtime/pkg/printers/tableprinter.go (cellBreakChars "\f\n\r", EscapeTerminal)
 */
export function escapeCell(value: string): string {
  const cut = value.search(/[\f\n\r]/);
  const text = cut >= 0 ? value.slice(0, cut) + '...' : value;
  return text.replaceAll('\x1b', '^[');
}

function runeCount(s: string): number {
  let n = 0;
  for (const _ of s) n++;
  return n;
}
