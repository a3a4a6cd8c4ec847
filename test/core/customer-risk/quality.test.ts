// The quality bar of the issue: on simulated books with planted problems, the scorer must find them
// (precision, recall, primary tag, detection delay) without crying wolf on healthy customers.
// The naive spreadsheet rule is printed beside it for comparison.
import { describe, expect, it } from 'vitest';
import { scoreHistory } from '../../../src/core/customer-risk/score-week.js';
import { evaluate, type Evaluation } from '../../../src/core/simulate/evaluate.js';
import { naiveFlags, type FlagLike } from '../../../src/core/simulate/naive-flags.js';
import { simulateBook } from '../../../src/core/simulate/simulate-book.js';
import { recordsToScoreArgs } from '../../../src/core/simulate/to-score-args.js';
import type { SimulateOptions } from '../../../src/core/simulate/types.js';
import type { WeekId } from '../../../src/core/weekly-report/week.js';

const fmt = (e: Evaluation) =>
  `precision ${e.precision.toFixed(3)}  recall ${e.recall.toFixed(3)}  primary-tag ${e.primaryTagAccuracy.toFixed(3)}  ` +
  `median delay ${e.medianDetectionDelay ?? '-'} wk  false alarms ${(e.falseAlarmRate * 100).toFixed(2)}% ` +
  `(${e.falseAlarms}/${e.healthyCustomerWeeks})  flagged ${e.flagged}/${e.planted} planted`;

function run(opts: SimulateOptions) {
  const book = simulateBook(opts);
  const args = recordsToScoreArgs(book.records);
  // Score every week once there are two months of history, feeding last week's scores forward.
  const scores = scoreHistory({ customers: args.customers, entries: args.entries, from: book.weeks[8]!, to: book.endWeek });
  const naive = new Map<WeekId, FlagLike[]>();
  for (const week of scores.keys()) naive.set(week, naiveFlags({ customers: args.customers, entries: args.entries, week }));
  const customerName = (id: number) => args.nameOf.get(id);
  const scorer = evaluate(scores, book.truth, { customerName });
  const rule = evaluate(naive, book.truth, { customerName });
  const shape = `${book.customers.length} customers, ${book.reps.length} reps, ${book.weeks.length} weeks`;
  console.log(`seed ${opts.seed} (${shape})\n  scorer: ${fmt(scorer)}\n  naive : ${fmt(rule)}`);
  return { scorer, rule };
}

describe('scorer quality on simulated books', () => {
  // The issue's bar on two seeds; a third book of another size and shape gets a sanity bar, since with
  // missing last reports some planted problems are invisible in the data (see the misses in the message).
  const books: Array<{ opts: SimulateOptions; precision: number; recall: number }> = [
    { opts: { seed: 2 }, precision: 0.95, recall: 0.92 },
    { opts: { seed: 3 }, precision: 0.95, recall: 0.92 },
    { opts: { seed: 20, customers: 320, reps: 16, weeks: 40 }, precision: 0.9, recall: 0.85 },
  ];
  for (const { opts, precision, recall } of books) {
    it(`meets the bar on seed ${opts.seed}${opts.customers ? ` with ${opts.customers} customers` : ''}`, () => {
      const { scorer, rule } = run(opts);
      expect(scorer.precision, JSON.stringify(scorer.falsePositives)).toBeGreaterThanOrEqual(precision);
      expect(scorer.recall, JSON.stringify(scorer.misses)).toBeGreaterThanOrEqual(recall);
      expect(scorer.primaryTagAccuracy, JSON.stringify(scorer.wrongPrimary)).toBeGreaterThanOrEqual(0.95);
      expect(scorer.medianDetectionDelay).not.toBeNull();
      expect(scorer.medianDetectionDelay!).toBeLessThanOrEqual(1);
      expect(scorer.falseAlarmRate).toBeLessThanOrEqual(0.02);
      // And it beats the naive rule where the naive rule is weakest.
      expect(scorer.falseAlarmRate).toBeLessThan(rule.falseAlarmRate);
      expect(scorer.precision).toBeGreaterThan(rule.precision);
    });
  }
});
