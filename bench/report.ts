/** One benchmark figure beside its baseline, and, where the issue set one, its target. */
export interface Row {
  name: string;
  value: string;
  baseline?: string;
  ratio?: string;
  /** The target this figure is held to, in words ("≤ +5 ms over direct"). */
  target?: string;
  /** Whether this run met it; set together with `target`. */
  met?: boolean;
}

// Every row with a target, in the order printed, so one run ends with all of them side by side.
const targeted: Row[] = [];

export function printTable(title: string, rows: Row[]): void {
  const withTarget = rows.some((row) => row.target !== undefined);
  const cols: [string, (row: Row) => string][] = [
    ['measure', (row) => row.name],
    ['Switchboard', (row) => row.value],
    ['baseline', (row) => row.baseline ?? ''],
    ['ratio', (row) => row.ratio ?? ''],
  ];
  if (withTarget) cols.push(['target', targetCell]);
  printColumns(title, cols, rows);
  targeted.push(...rows.filter((row) => row.target !== undefined));
}

/** The closing table of `npm run bench`: every targeted row of the sections that ran. */
export function printTargets(extra: Row[] = []): void {
  const rows = [...targeted, ...extra];
  if (rows.length === 0) return;
  printColumns(
    'Targets (issue "Speed at scale"), every row of this run',
    [
      ['measure', (row) => row.name],
      ['Switchboard', (row) => row.value],
      ['baseline', (row) => [row.baseline, row.ratio].filter(Boolean).join(', ')],
      ['target', targetCell],
    ],
    rows,
  );
}

function targetCell(row: Row): string {
  if (row.target === undefined) return '';
  if (row.met === undefined) return row.target;
  return `${row.target} — ${row.met ? 'met' : 'NOT met'}`;
}

function printColumns(title: string, cols: [string, (row: Row) => string][], rows: Row[]): void {
  const widths = cols.map(([head, pick]) =>
    Math.max(head.length, ...rows.map((row) => pick(row).length)),
  );
  const line = (cells: string[]) =>
    cells
      .map((cell, i) => cell.padEnd(widths[i]!))
      .join('  ')
      .trimEnd();
  console.log(`\n${title}`);
  console.log(line(cols.map(([head]) => head)));
  console.log(line(widths.map((w) => '-'.repeat(w))));
  for (const row of rows) console.log(line(cols.map(([, pick]) => pick(row))));
}

export const fmt = (n: number, digits = 0) =>
  n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });
