// Size flags of a benchmark: `--customers 20000 --weeks 52`, with defaults; `--smoke` picks the small sizes
// CI runs so the benchmarks keep working.
export interface SizeFlags {
  smoke: boolean;
  json: boolean;
  int(name: string, full: number, smoke: number): number;
}

export function sizeFlags(argv: readonly string[] = process.argv.slice(2)): SizeFlags {
  const smoke = argv.includes('--smoke');
  return {
    smoke,
    json: argv.includes('--json'),
    int(name, full, small) {
      const at = argv.indexOf(`--${name}`);
      if (at < 0) return smoke ? small : full;
      const n = Number(argv[at + 1]);
      if (!Number.isInteger(n) || n <= 0) throw new RangeError(`--${name} expects a positive whole number, got ${argv[at + 1] ?? 'nothing'}`);
      return n;
    },
  };
}

export const median = (xs: readonly number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

export function percentile(xs: readonly number[], p: number): number {
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

/** Progress and set-up notes go to stderr so `--json` keeps stdout to the rows. */
export const note = (line: string): void => { process.stderr.write(`${line}\n`); };
