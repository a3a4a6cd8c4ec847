// Scores a book (from either generator) week by week and judges the scorer and the naive rule against its
// ground truth with `evaluate`; used by the quality tests and by the seed-sweep runner (run-eval.ts).
import { scoreHistory } from '../../../../src/core/customer-risk/score-week.js';
import type { ScoringConfig } from '../../../../src/core/customer-risk/weights.js';
import { evaluate, type Evaluation } from '../../../../src/core/simulate/evaluate.js';
import { naiveFlags, type FlagLike } from '../../../../src/core/simulate/naive-flags.js';
import { simulateBook } from '../../../../src/core/simulate/simulate-book.js';
import { recordsToScoreArgs } from '../../../../src/core/simulate/to-score-args.js';
import type { SimRecord, SimTruth } from '../../../../src/core/simulate/types.js';
import type { WeekId } from '../../../../src/core/weekly-report/week.js';
import { literalBook } from '../literal/literal-book.js';
import { holdoutBook } from './holdout-book.js';

export type Generator = 'first' | 'holdout' | 'literal';

export interface BookRun {
  generator: Generator;
  seed: number;
  shape: string;
  scorer: Evaluation;
  naive: Evaluation;
  /** Last week's false positives by their primary tag, and every flagged healthy customer-week by primary tag. */
  lastFpByTag: Record<string, number>;
  faByTag: Record<string, number>;
}

export interface AnyBook { weeks: WeekId[]; endWeek: WeekId; records: SimRecord[]; truth: SimTruth[]; shape: string }

export function makeBook(generator: Generator, seed: number, size?: { customers?: number; reps?: number; weeks?: number }): AnyBook {
  if (generator === 'first') {
    const b = simulateBook({ seed, ...size });
    return { ...b, shape: `${b.customers.length}c ${b.reps.length}r ${b.weeks.length}w` };
  }
  if (generator === 'literal') {
    const b = literalBook({ seed, customers: size?.customers, weeks: size?.weeks });
    return { ...b, shape: `${b.params.customers}c ${b.params.reps}r ${b.weeks.length}w` };
  }
  const b = holdoutBook({ seed, ...size });
  return { ...b, shape: `${b.params.customers}c ${b.params.reps}r ${b.weeks.length}w` };
}

/** Score every week from the ninth on (two months of history), as the quality test always has. */
export function runBook(generator: Generator, book: AnyBook, seed: number, config?: ScoringConfig): BookRun {
  const args = recordsToScoreArgs(book.records);
  const scores = scoreHistory({ customers: args.customers, entries: args.entries, from: book.weeks[8]!, to: book.endWeek, config });
  const naive = new Map<WeekId, FlagLike[]>();
  for (const week of scores.keys()) naive.set(week, naiveFlags({ customers: args.customers, entries: args.entries, week }));
  const customerName = (id: number) => args.nameOf.get(id);
  const planted = new Set(book.truth.map((t) => t.customer));
  const lastFpByTag: Record<string, number> = {};
  const faByTag: Record<string, number> = {};
  for (const [week, list] of scores) {
    for (const s of list) {
      if (!s.grade || planted.has(customerName(s.customerId)!)) continue;
      const tag = s.tags[0] ?? '-';
      faByTag[tag] = (faByTag[tag] ?? 0) + 1;
      if (week === book.endWeek) lastFpByTag[tag] = (lastFpByTag[tag] ?? 0) + 1;
    }
  }
  return {
    generator, seed, shape: book.shape, lastFpByTag, faByTag,
    scorer: evaluate(scores, book.truth, { customerName, lastWeek: book.endWeek }),
    naive: evaluate(naive, book.truth, { customerName, lastWeek: book.endWeek }),
  };
}

export const fmtEval = (e: Evaluation) =>
  `P ${e.precision.toFixed(3)} R ${e.recall.toFixed(3)} tag ${e.primaryTagAccuracy.toFixed(3)} ` +
  `delay ${e.medianDetectionDelay ?? '-'} FA ${(e.falseAlarmRate * 100).toFixed(2)}% (${e.flagged}/${e.planted})`;

/** Whether a run meets the acceptance bar of the issue. */
export function meetsBar(e: Evaluation): boolean {
  return e.precision >= 0.95 && e.recall >= 0.92 && e.primaryTagAccuracy >= 0.95
    && e.medianDetectionDelay !== null && e.medianDetectionDelay <= 1 && e.falseAlarmRate <= 0.02;
}

/** Pooled metrics over many runs (micro-averaged counts; delay = median of the per-book medians). */
export function pool(evals: readonly Evaluation[]) {
  let flagged = 0, hits = 0, planted = 0, fa = 0, healthy = 0, tagOk = 0;
  const delays: number[] = [];
  for (const e of evals) {
    flagged += e.flagged; hits += e.hits; planted += e.planted; fa += e.falseAlarms; healthy += e.healthyCustomerWeeks;
    tagOk += Math.round(e.primaryTagAccuracy * e.hits);
    if (e.medianDetectionDelay !== null) delays.push(e.medianDetectionDelay);
  }
  delays.sort((a, b) => a - b);
  return {
    precision: flagged ? hits / flagged : 1,
    recall: planted ? hits / planted : 1,
    primary: hits ? tagOk / hits : 1,
    delay: delays.length ? delays[delays.length >> 1]! : null,
    falseAlarmRate: healthy ? fa / healthy : 0,
    booksAtBar: evals.filter(meetsBar).length,
    books: evals.length,
  };
}
