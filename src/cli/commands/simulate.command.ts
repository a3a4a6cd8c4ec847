import { writeFileSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { simulateBook, evaluate, naiveFlags, recordsToScoreArgs, MIN_SIM_WEEKS } from '../../core/simulate/index.js';
import { scoreHistory } from '../../core/customer-risk/score-week.js';
import { isWeekId } from '../../core/weekly-report/week.js';
import type { Evaluation } from '../../core/simulate/evaluate.js';
import { CliError } from '../cli-error.js';
import { renderTable } from '../table.js';
import type { Command } from './command.js';
import { stringOpt } from './command.js';

const intOpt = (raw: string | undefined, name: string): number | undefined => {
  if (raw === undefined) return undefined;
  const n = Number(raw);
  if (!Number.isInteger(n) || n <= 0) throw new CliError(`--${name}: expected a positive whole number, got "${raw}"`);
  return n;
};

const pct = (x: number) => `${(x * 100).toFixed(1)}%`;

function evaluationTable(rows: Array<[string, Evaluation]>): string {
  return renderTable(
    [{ header: 'rule' }, { header: 'precision', align: 'right' }, { header: 'recall', align: 'right' }, { header: 'primary tag', align: 'right' },
      { header: 'median delay (wk)', align: 'right' }, { header: 'false alarms', align: 'right' }],
    rows.map(([name, e]) => [name, pct(e.precision), pct(e.recall), pct(e.primaryTagAccuracy), e.medianDetectionDelay === null ? '—' : String(e.medianDetectionDelay), pct(e.falseAlarmRate)]),
  );
}

export const simulateCommand: Command = {
  name: 'simulate',
  usage: 'radar simulate [--seed N] [--customers N] [--reps N] [--weeks N] [--end-week YYYY-Www] [--out FILE.jsonl] [--truth FILE.json]',
  options: {
    seed: { type: 'string' }, customers: { type: 'string' }, reps: { type: 'string' }, weeks: { type: 'string' },
    'end-week': { type: 'string' }, out: { type: 'string' }, truth: { type: 'string' },
  },
  async run(input) {
    const endWeek = stringOpt(input, 'end-week');
    if (endWeek !== undefined && !isWeekId(endWeek)) throw new CliError(`--end-week: expected an ISO week such as 2026-W48, got "${endWeek}"`);
    const weeks = intOpt(stringOpt(input, 'weeks'), 'weeks');
    if (weeks !== undefined && weeks < MIN_SIM_WEEKS) {
      throw new CliError(`--weeks: a simulated book needs at least ${MIN_SIM_WEEKS} weeks, got ${weeks} (and problems are planted only in books of 13 weeks or more)`);
    }
    const book = simulateBook({
      seed: intOpt(stringOpt(input, 'seed'), 'seed') ?? 1,
      customers: intOpt(stringOpt(input, 'customers'), 'customers'),
      reps: intOpt(stringOpt(input, 'reps'), 'reps'),
      weeks,
      endWeek,
    });
    const out = stringOpt(input, 'out');
    if (out) {
      mkdirSync(dirname(out), { recursive: true });
      writeFileSync(out, book.records.map((r) => JSON.stringify(r)).join('\n') + '\n');
      process.stderr.write(`wrote ${book.records.length} records (${book.customers.length} customers, ${book.reps.length} reps, ${book.weeks[0]} … ${book.endWeek}) to ${out}\n`);
    }
    const truthFile = stringOpt(input, 'truth');
    if (truthFile) {
      mkdirSync(dirname(truthFile), { recursive: true });
      writeFileSync(truthFile, `${JSON.stringify({ truth: book.truth, distractors: book.distractors }, null, 2)}\n`);
    }
    const args = recordsToScoreArgs(book.records);
    const scores = scoreHistory({ customers: args.customers, entries: args.entries, from: book.weeks[0]!, to: book.endWeek });
    const naive = new Map(book.weeks.map((w) => [w, naiveFlags({ customers: args.customers, entries: args.entries, week: w })]));
    const options = { customerName: (id: number) => args.nameOf.get(id) };
    process.stdout.write(`seed ${book.seed}: ${book.customers.length} customers, ${book.truth.length} planted problems, last week ${book.endWeek}\n`);
    process.stdout.write(`${evaluationTable([['sales-radar', evaluate(scores, book.truth, options)], ['naive rule', evaluate(naive, book.truth, options)]])}\n`);
    return 0;
  },
};
