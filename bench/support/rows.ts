// One result row of a benchmark, as `npm run bench -- --json` prints it (issue 13's contract):
// figure and baseline are times in ms (lower is better), ratio = figure / baseline.
export interface BenchRow {
  name: string;
  figure: number;
  unit: 'ms';
  baseline: number;
  ratio: number;
  /** What the row must meet, in words: "ratio ≤ 1.3", "figure < 200". */
  target: string;
  ok: boolean;
  /** Extra measurements of the row (peakRssMB, duplicates, lost …). */
  [extra: string]: unknown;
}

export interface Target {
  maxRatio?: number;
  /** figure must stay strictly below this (ms). */
  maxFigure?: number;
}

const round = (n: number, digits = 2): number => Math.round(n * 10 ** digits) / 10 ** digits;

export function benchRow(name: string, figure: number, baseline: number, target: Target, extra: Record<string, unknown> = {}): BenchRow {
  const ratio = baseline > 0 ? figure / baseline : Number.POSITIVE_INFINITY;
  const words = [
    target.maxRatio !== undefined ? `ratio ≤ ${target.maxRatio}` : null,
    target.maxFigure !== undefined ? `figure < ${target.maxFigure}` : null,
  ].filter(Boolean).join(' and ');
  const ok = (target.maxRatio === undefined || ratio <= target.maxRatio) && (target.maxFigure === undefined || figure < target.maxFigure);
  return { name, figure: round(figure), unit: 'ms', baseline: round(baseline), ratio: round(ratio), target: words || 'reported', ok, ...extra };
}

/** `--json`: the rows as one JSON array on the last stdout line; else a readable table. */
export function printRows(rows: readonly BenchRow[], argv: readonly string[] = process.argv): void {
  if (argv.includes('--json')) {
    process.stdout.write(`${JSON.stringify(rows)}\n`);
    return;
  }
  for (const r of rows) {
    const extra = Object.entries(r).filter(([k]) => !['name', 'figure', 'unit', 'baseline', 'ratio', 'target', 'ok'].includes(k))
      .map(([k, v]) => `${k}=${String(v)}`).join(' ');
    process.stdout.write(`${r.ok ? 'ok  ' : 'MISS'} ${r.name}: ${r.figure} ms vs ${r.baseline} ms baseline, ratio ${r.ratio} (${r.target})${extra ? ` ${extra}` : ''}\n`);
  }
}
