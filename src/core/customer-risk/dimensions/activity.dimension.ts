// 活跃度 activity: a run of weeks without contact, judged against how often this customer is usually in touch.
// Missing reports are unknown — unless a later report's last-contact date shows nobody was in touch then;
// excused weeks (away, holiday) are skipped. The first quiet week of a run may be anyone's busy week; after it,
// a flag needs a run rarer than about 1 in 400 for this customer (its own record, with the uncertainty of a short
// one), so a book of thousands of noisy accounts does not fill the digest with quiet spells that mean nothing.
import { text } from '../../i18n.js';
import { cachedWeekStart, daysFromTo } from '../dates.js';
import { clamp, latestValue, lostFor, round1, type DimensionContext } from '../history.js';
import type { DimensionScore } from '../types.js';

// Poisson lower tail P(X <= s) for mean mu, for the "fewer contacts than usual" check.
function poissonCdf(s: number, mu: number): number {
  let term = Math.exp(-mu), sum = term;
  for (let k = 1; k <= s; k++) {
    term *= mu / k;
    sum += term;
  }
  return Math.min(1, sum);
}

/** Surprise (−ln P) at which the dimension reaches the grade-B score. */
export const SILENCE_SURPRISE_B = 6;
// Prior for a week without contact: a mildly over-dispersed count with the customer's usual mean, worth this
// many weeks of the customer's own record (so a short record or a lucky streak is not taken at face value).
const PRIOR_WEEKS = 3;
const SHAPE = 8;
const QUIET_WEEK = 0.1;

/**
 * −ln P(the next `run` weeks all without contact) for a customer with `zeros` contact-free weeks out of `n`
 * (beta–binomial predictive: the uncertainty of the customer's own rate is part of the answer).
 */
export function silenceSurprise(run: number, zeros: number, n: number, usual: number): number {
  const prior = Math.pow(1 + usual / SHAPE, -SHAPE);
  const a = PRIOR_WEEKS * prior;
  let logP = 0;
  for (let k = 0; k < run; k++) {
    const p = (zeros + a + k) / (n + PRIOR_WEEKS + k);
    // The first quiet week may be a holiday or a busy week, which happens to anyone now and then.
    logP += Math.log(k === 0 ? Math.max(p, QUIET_WEEK) : p);
  }
  return -logP;
}

export function scoreActivity(ctx: DimensionContext): DimensionScore {
  const obs = ctx.obs;
  const last = latestValue(obs, 'lastContact');
  const lastContact = last?.value ?? null;
  let run = 0, inferred = 0;
  let runFrom = obs.length; // index of the oldest week in the silent run
  for (let i = obs.length - 1; i >= 0; i--) {
    const o = obs[i]!;
    if (o.excused) continue;
    const c = o.entry?.contacts ?? null;
    const before = lastContact !== null && lastContact < cachedWeekStart(o.week);
    if (c === null) {
      // No report, but a later report's last contact predates this week: nobody was in touch then either.
      if (!(before && last!.index > i)) continue;
      inferred++;
    } else if (c > 0 || (lastContact !== null && !before)) break;
    run++;
    runFrom = i;
  }
  // Baseline: every reported, non-excused week before the silent run.
  let n = 0, sum = 0, zeros = 0;
  const recent: number[] = [];
  for (let j = 0; j < runFrom; j++) {
    const o = obs[j]!;
    const c = o.excused ? null : o.entry?.contacts ?? null;
    if (c === null) continue;
    n++;
    sum += c;
    if (c === 0) zeros++;
  }
  for (let j = obs.length - 1; j >= 0 && recent.length < 3; j--) {
    const o = obs[j]!;
    const c = o.excused ? null : o.entry?.contacts ?? null;
    if (c !== null) recent.push(c);
  }
  const lambda = n > 0 ? sum / n : 0;
  const daysSince = last ? Math.max(0, daysFromTo(last.value, ctx.weekEnd)) : null;
  const facts = { silentWeeks: run, usualContacts: n ? round1(lambda) : null, lastContact: lastContact, daysSinceContact: daysSince };

  let score = 0;
  // Nobody keeps calling a customer that is lost: its silence is expected, not news.
  if (lostFor(obs) !== null) {
    score = 0;
  } else if (run > 0) {
    const p0 = n > 0 ? (zeros + 0.5) / (n + 1) : 1;
    // Too short a record to know the customer's habits: say so, do not flag.
    const surprise = n >= 4 ? silenceSurprise(run, zeros, n, lambda) : 0;
    score = clamp(50 + 8 * (surprise - SILENCE_SURPRISE_B));
    // One quiet week is a holiday or a busy week, not silence; for a low-touch account (most weeks
    // without contact anyway) even a long quiet spell is its normal.
    if (run === 1 || p0 >= 0.5) score = Math.min(score, 35);
  } else if (n >= 6 && lambda >= 2 && recent.length === 3) {
    // Fewer contacts than usual, but not zero: worth a note, never a flag on its own.
    const s = recent[0]! + recent[1]! + recent[2]!;
    const surprise = -Math.log(Math.max(1e-9, poissonCdf(s, 3 * lambda)));
    score = Math.min(35, clamp(6 * surprise - 10));
  }
  score = Math.round(score);
  if (score === 0) return { score, reason: null, facts };

  const since = last && daysSince !== null
    ? { zh: `，最近联系 ${last.value}（${daysSince} 天前）`, en: `; last contact ${last.value}, ${daysSince} days ago` }
    : { zh: '', en: '' };
  const usual = n ? { zh: `（此前平均每周 ${round1(lambda)} 次）`, en: ` (usually ${round1(lambda)} a week)` } : { zh: '', en: '' };
  const weeks = inferred > 0
    ? { zh: `连续 ${run} 周无有效沟通（其中 ${inferred} 周未交周报，按最近联系日期推断）`, en: `No meaningful contact for ${run} weeks (${inferred} without a report, judged from the last-contact date)` }
    : { zh: `连续 ${run} 周无有效沟通`, en: `No meaningful contact for ${run} reported week${run > 1 ? 's' : ''}` };
  const reason = run > 0
    ? text(`${weeks.zh}${usual.zh}${since.zh}`, `${weeks.en}${usual.en}${since.en}`)
    : text(`近 3 周沟通 ${recent.reduce((a, b) => a + b, 0)} 次，明显少于平时${usual.zh}`,
      `Only ${recent.reduce((a, b) => a + b, 0)} contacts in the last 3 weeks${usual.en}`);
  return { score, reason, facts };
}
