// One customer, one week: seven dimension sub-scores → index → grade, tags and reasons. Pure.
import { text } from '../i18n.js';
import { scoreActivity } from './dimensions/activity.dimension.js';
import { scoreChurn } from './dimensions/churn.dimension.js';
import { scoreComplaints } from './dimensions/complaints.dimension.js';
import { scoreCycle } from './dimensions/cycle.dimension.js';
import { scoreFit } from './dimensions/fit.dimension.js';
import { scorePayment } from './dimensions/payment.dimension.js';
import { scoreRevenue } from './dimensions/revenue.dimension.js';
import { gradeCustomer } from './grade.js';
import { clamp, latestValue, makeContext, type DimensionContext } from './history.js';
import { DIMENSIONS, TAG_OF_DIMENSION, type CustomerScore, type Dimension, type DimensionScore, type ScoreInput, type TagId } from './types.js';
import { evaluateCustomTags, type RuleFields } from '../custom-tags/custom-tags.js';
import { DEFAULT_SCORING, type ScoringConfig } from './weights.js';

const SCORERS: Record<Dimension, (ctx: DimensionContext) => DimensionScore> = {
  payment: scorePayment,
  activity: scoreActivity,
  complaints: scoreComplaints,
  fit: scoreFit,
  churn: scoreChurn,
  revenue: scoreRevenue,
  cycle: scoreCycle,
};

// Secondary dimensions below this add nothing, so many small blips never sum up to a flag.
const SECONDARY_FLOOR = 20;

/**
 * The index below `knee` as it always was (so who is flagged does not change); above it, a smooth
 * compression of the undamped evidence into (knee, 100), kept to one decimal, so that a customer with one
 * maxed-out problem and one with that plus two more do not both read 100, tied for "top 5". Continuous at
 * the knee, slope 1 there, strictly increasing, never reaching 100.
 */
export function compressTop(damped: number, undamped: number, knee: number): number {
  if (damped <= knee || knee >= 100) return Math.round(clamp(damped));
  const room = 100 - knee;
  // Blend in the undamped evidence gradually from the knee up, so the curve has no jump.
  const v = damped + Math.max(0, undamped - damped) * Math.min(1, (damped - knee) / room);
  return Math.min(99.9, Math.round((knee + room * (1 - Math.exp(-(v - knee) / room))) * 10) / 10);
}

/**
 * Score one customer for one week.
 * The index is driven by the worst dimension (one severe problem is enough to flag), plus a share of the
 * other clearly elevated ones; the rep's own `red` health adds a little and `green` never lowers anything.
 */
export function scoreCustomer(input: ScoreInput, config: ScoringConfig = DEFAULT_SCORING, fields?: RuleFields): CustomerScore {
  const ctx = makeContext(input, config);
  const dimensions = {} as Record<Dimension, DimensionScore>;
  const contributions: Array<{ dim: Dimension; c: number }> = [];
  for (const dim of DIMENSIONS) {
    const d = SCORERS[dim](ctx);
    dimensions[dim] = d;
    contributions.push({ dim, c: clamp(d.score * config.weights[dim]) });
  }
  contributions.sort((a, b) => b.c - a.c || DIMENSIONS.indexOf(a.dim) - DIMENSIONS.indexOf(b.dim));

  const top = contributions[0]!.c;
  let index = top;
  // The same secondaries without the damping that keeps the index within 100: only used above the knee.
  let undamped = top;
  for (let i = 1; i < contributions.length; i++) {
    const c = contributions[i]!.c;
    if (c >= SECONDARY_FLOOR) {
      index += config.secondaryShare * c * (1 - top / 100);
      undamped += config.secondaryShare * c;
    }
  }
  const health = latestValue(input.history, 'health', 1)?.value;
  const extraReasons = [];
  if (health === 'red' && top >= SECONDARY_FLOOR) {
    index += config.healthRedBonus;
    undamped += config.healthRedBonus;
    extraReasons.push(text('销售自评健康度为「危险」', 'The rep rates the account red'));
  }
  index = compressTop(index, undamped, config.grades.knee);

  const current = input.history[input.history.length - 1];
  const lastReport = latestValue(input.history, 'stage') ?? latestValue(input.history, 'contacts') ?? latestValue(input.history, 'revenue');
  const hasData = Boolean(current?.entry) || (lastReport !== null && lastReport.age <= config.staleAfterWeeks);

  // Custom problem tags read the latest report (within the staleness limit), judged against the scored week.
  let latestEntry = null;
  for (let i = input.history.length - 1; i >= 0 && input.history.length - 1 - i <= config.staleAfterWeeks; i--) {
    const e = input.history[i]!.entry;
    if (e) { latestEntry = e; break; }
  }
  const custom = hasData ? evaluateCustomTags(config.customTags ?? {}, latestEntry, input.week, fields) : [];

  const overdue = dimensions.payment.facts.overdueDays;
  const graded = gradeCustomer({
    week: input.week, index, tier: input.customer.tier, previous: input.previous, hasData,
    overdueDays: typeof overdue === 'number' ? overdue : null,
    floors: custom.map((m) => ({ grade: m.severity, label: m.label })),
  }, config);

  const tags: TagId[] = [];
  const reasons = [];
  for (const { dim, c } of contributions) {
    const d = dimensions[dim];
    const primaryFallback = tags.length === 0 && graded.grade !== null && c > 0;
    if ((d.score >= config.tagFloor || primaryFallback) && d.reason) {
      tags.push(TAG_OF_DIMENSION[dim]);
      reasons.push(d.reason);
    }
  }
  for (const m of custom) {
    tags.push(m.tag);
    reasons.push(m.reason);
  }
  reasons.push(...graded.notes, ...extraReasons);

  return {
    customerId: input.customer.id,
    week: input.week,
    index,
    grade: graded.grade,
    dimensions,
    tags,
    reasons,
    delta: input.previous ? index - input.previous.index : null,
    weeksInRed: graded.weeksInRed,
    hasData,
  };
}
