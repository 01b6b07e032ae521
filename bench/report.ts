/** One benchmark figure beside its baseline. */
export interface Row {
  name: string;
  value: string;
  baseline?: string;
  ratio?: string;
}

export function printTable(title: string, rows: Row[]): void {
  const width = (pick: (row: Row) => string, head: string) =>
    Math.max(head.length, ...rows.map((row) => pick(row).length));
  const cols: [string, (row: Row) => string][] = [
    ['measure', (row) => row.name],
    ['Switchboard', (row) => row.value],
    ['baseline', (row) => row.baseline ?? ''],
    ['ratio', (row) => row.ratio ?? ''],
  ];
  const widths = cols.map(([head, pick]) => width(pick, head));
  const line = (cells: string[]) => cells.map((cell, i) => cell.padEnd(widths[i]!)).join('  ');
  console.log(`\n${title}`);
  console.log(line(cols.map(([head]) => head)));
  console.log(line(widths.map((w) => '-'.repeat(w))));
  for (const row of rows) console.log(line(cols.map(([, pick]) => pick(row))));
}

export const fmt = (n: number, digits = 0) =>
  n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });
