// Scoring configuration: weights, grade thresholds, hard triggers and the knobs of each dimension.
// Every key has a built-in default, so a config file only lists what it changes.
import { z } from 'zod';
import { CoreError } from '../errors.js';
import { text } from '../i18n.js';
import { customTagsSchema } from '../custom-tags/custom-tags.js';

const weight = z.number().min(0).max(2);
const score = z.number().min(0).max(100);
const halfLife = z.number().positive().max(52);

const weightsSchema = z.object({
  payment: weight.default(1),
  activity: weight.default(1),
  complaints: weight.default(1),
  fit: weight.default(1),
  churn: weight.default(1),
  revenue: weight.default(1),
  cycle: weight.default(1),
}).strict();

const gradesSchema = z.object({
  /** Index at or above which a customer is grade A (director follows up). */
  A: score.default(94),
  /** Index at or above which a customer is grade B (account manager follows up). */
  B: score.default(50),
  /** A customer graded last week stays at least B while its index is within this many points below B. */
  hysteresis: z.number().min(0).max(50).default(4),
  /**
   * Above this index the scale is compressed smoothly towards 100 (one decimal), so distinct severe risks
   * stay distinct instead of all reading 100. 100 turns it off.
   */
  knee: score.default(90),
}).strict();

const hardTriggersSchema = z.object({
  /** Days overdue that make a customer grade A whatever the index. */
  overdueDaysA: z.int().min(1).default(90),
  /** Days overdue that make a customer at least grade B. */
  overdueDaysB: z.int().min(1).default(60),
}).strict();

const keyAccountSchema = z.object({
  /** A key account graded B with an index at or above this is escalated to A. */
  escalateFrom: score.default(75),
}).strict();

const paymentSchema = z.object({
  /** Payments this many days late are ordinary lag, not overdue risk. */
  graceDays: z.int().min(0).max(60).default(5),
}).strict();

const eventsSchema = z.object({
  /** Weeks after which a complaint / requirement change / fault counts half. */
  complaintHalfLifeWeeks: halfLife.default(2),
  churnHalfLifeWeeks: halfLife.default(3),
  faultHalfLifeWeeks: halfLife.default(2),
}).strict();

const revenueSchema = z.object({
  /** Reported weeks of baseline needed before a customer's revenue counts as established. */
  minBaselineWeeks: z.int().min(3).max(52).default(6),
}).strict();

export const scoringConfigSchema = z.object({
  /** Weeks of history (ending at the scored week) the scorer reads. */
  historyWeeks: z.int().min(8).max(104).default(26),
  weights: weightsSchema.prefault({}),
  /** Share of each further dimension's contribution added on top of the largest one. */
  secondaryShare: z.number().min(0).max(1).default(0.25),
  /** Dimensions scoring below this raise no tag. */
  tagFloor: score.default(40),
  grades: gradesSchema.prefault({}),
  hardTriggers: hardTriggersSchema.prefault({}),
  keyAccount: keyAccountSchema.prefault({}),
  /** Consecutive weeks in red after which a grade B customer is escalated to A; 0 turns it off. */
  escalateAfterWeeks: z.int().min(0).max(52).default(8),
  /** Points the rep's own `red` health adds to the index (it never lowers risk). */
  healthRedBonus: z.number().min(0).max(30).default(5),
  payment: paymentSchema.prefault({}),
  events: eventsSchema.prefault({}),
  revenue: revenueSchema.prefault({}),
  /** Reports older than this many weeks are too stale to grade on. */
  staleAfterWeeks: z.int().min(1).max(26).default(4),
  /** The boss's own problem types: a rule on the latest report → a tag with a grade floor and a route. */
  customTags: customTagsSchema.default({}),
}).strict().superRefine((cfg, ctx) => {
  if (cfg.grades.knee < cfg.grades.B) {
    ctx.addIssue({ code: 'custom', path: ['grades', 'knee'], message: `must be ≥ grades.B (${cfg.grades.B}): the compression must not change who is flagged` });
  }
  if (cfg.grades.A < cfg.grades.B) {
    ctx.addIssue({ code: 'custom', path: ['grades', 'A'], message: `must be ≥ grades.B (${cfg.grades.B})` });
  }
  if (cfg.hardTriggers.overdueDaysA < cfg.hardTriggers.overdueDaysB) {
    ctx.addIssue({ code: 'custom', path: ['hardTriggers', 'overdueDaysA'], message: 'must be ≥ hardTriggers.overdueDaysB' });
  }
});

/** The scorer's configuration, with every default filled in. */
export type ScoringConfig = z.output<typeof scoringConfigSchema>;

/** Raised when a scoring config does not validate; `message` names each bad key path and the problem. */
export class ScoringConfigError extends CoreError {
  declare readonly code: 'invalid_scoring_config';
  constructor(readonly issues: ReadonlyArray<{ path: string; message: string }>, options?: { cause?: unknown }) {
    const lines = issues.map((i) => `${i.path}: ${i.message}`);
    const list = lines.map((l) => `  - ${l}`).join('\n');
    super('invalid_scoring_config', `invalid scoring config: ${lines.join('; ')}`, {
      ...options,
      userMessage: text(`评分配置无效：\n${list}`, `Scoring config is invalid:\n${list}`),
    });
    this.name = 'ScoringConfigError';
  }
}

/**
 * Validate a (partial) scoring config and fill in the defaults.
 * @param raw parsed JSON/YAML, e.g. the `scoring` section of the team config; `undefined` gives the defaults.
 * @throws ScoringConfigError naming the key path (e.g. `scoring.grades.B`) and what is expected.
 */
export function parseScoringConfig(raw: unknown, pathPrefix = 'scoring'): ScoringConfig {
  const result = scoringConfigSchema.safeParse(raw ?? {});
  if (result.success) return result.data;
  const issues = result.error.issues.map((issue) => {
    const path = [pathPrefix, ...issue.path.map(String)].filter(Boolean).join('.');
    return { path, message: issue.message };
  });
  throw new ScoringConfigError(issues, { cause: result.error });
}

/** The built-in scoring configuration. */
export const DEFAULT_SCORING: ScoringConfig = Object.freeze(parseScoringConfig(undefined)) as ScoringConfig;
