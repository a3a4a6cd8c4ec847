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
  // The ratio is taken from the rounded figures so that the printed row is self-consistent (a 1 ms
  // baseline rounded to 0.01 would otherwise disagree with ratio = figure / baseline).
  const shownFigure = round(figure, 3);
  const shownBaseline = round(baseline, 3);
  const ratio = shownBaseline > 0 ? shownFigure / shownBaseline : Number.POSITIVE_INFINITY;
  const words = [
    target.maxRatio !== undefined ? `ratio ≤ ${target.maxRatio}` : null,
    target.maxFigure !== undefined ? `figure < ${target.maxFigure}` : null,
  ].filter(Boolean).join(' and ');
  const ok = (target.maxRatio === undefined || ratio <= target.maxRatio) && (target.maxFigure === undefined || shownFigure < target.maxFigure);
  return { name, figure: shownFigure, unit: 'ms', baseline: shownBaseline, ratio: round(ratio, 3), target: words || 'reported', ok, ...extra };
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
