// 活跃度 activity: a run of reported weeks without contact, judged against how often this customer is
// usually in touch. Missing reports are unknown (skipped), excused weeks (away, holiday) are skipped.
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

export function scoreActivity(ctx: DimensionContext): DimensionScore {
  const obs = ctx.obs;
  let run = 0;
  let runFrom = obs.length; // index of the oldest week in the silent run
  let i = obs.length - 1;
  // A last-contact date inside the quiet run (filed in a week whose report is missing) ends the run there.
  const lastContact = latestValue(obs, 'lastContact')?.value ?? null;
  for (; i >= 0; i--) {
    const o = obs[i]!;
    const c = o.excused ? null : o.entry?.contacts ?? null;
    if (c === null) continue;
    if (c > 0 || (lastContact !== null && cachedWeekStart(o.week) <= lastContact)) break;
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
  const last = latestValue(obs, 'lastContact');
  const daysSince = last ? Math.max(0, daysFromTo(last.value, ctx.weekEnd)) : null;
  const facts = { silentWeeks: run, usualContacts: n ? round1(lambda) : null, lastContact: last?.value ?? null, daysSinceContact: daysSince };

  let score = 0;
  // Nobody keeps calling a customer that is lost: its silence is expected, not news.
  const lost = lostFor(obs) !== null;
  if (lost) {
    score = 0;
  } else if (run > 0) {
    // Chance of this many quiet weeks in a row given the customer's own habits (empirical, floored by Poisson).
    // Contact counts are over-dispersed: until there is a long record, assume a negative-binomial spread.
    const floor = n >= 12 ? Math.exp(-lambda) : Math.pow(1 + lambda / 5, -5);
    const p0 = n >= 3 ? Math.min(0.9, Math.max(floor, (zeros + 0.5) / (n + 1))) : 0.6;
    const surprise = -run * Math.log(p0);
    // Grade B needs a run rarer than about 1 in 250 for this customer.
    score = clamp(50 + 9 * (surprise - 5.5));
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
  const reason = run > 0
    ? text(`连续 ${run} 周无有效沟通${usual.zh}${since.zh}`, `No meaningful contact for ${run} reported week${run > 1 ? 's' : ''}${usual.en}${since.en}`)
    : text(`近 3 周沟通 ${recent.reduce((a, b) => a + b, 0)} 次，明显少于平时${usual.zh}`,
      `Only ${recent.reduce((a, b) => a + b, 0)} contacts in the last 3 weeks${usual.en}`);
  return { score, reason, facts };
}
