// 贡献度 revenue trend: recent weeks against the customer's own longer baseline, only once revenue is
// established. Medians and windows (not week-over-week) so one zero week or a lumpy project order is normal;
// the test is scaled by the customer's own noise so a volatile account must fall further to count.
import { formatMoney, text } from '../../i18n.js';
import { clamp, lostFor, mean, median, ramp, reportedSeries, stdev, type DimensionContext } from '../history.js';
import type { DimensionScore } from '../types.js';

const RECENT_AGE = 5; // weeks 0..5 are "recent"; the baseline is older than that
const DROP_POINTS = [[0.38, 0], [0.4, 35], [0.5, 52], [0.6, 62], [0.7, 72], [0.9, 88], [1, 95]] as const;

// A drop counts in full only once it is about 3.8 of the customer's own spreads below its usual level
// (from 2.3): with thousands of run-rate customers, two merely low weeks happen to someone every week.
const GATE_FROM = 2.3, GATE_SPAN = 1.5;
interface Test { drop: number; z: number; recent: number; base: number; weeks: number }

const gate = (z: number, from: number, span: number) => clamp((z - from) / span, 0, 1);

/** P(X >= k) for X ~ Binomial(n, q). */
function binomialTail(n: number, k: number, q: number): number {
  let sum = 0;
  for (let j = k; j <= n; j++) {
    let c = 1;
    for (let i = 0; i < j; i++) c = (c * (n - i)) / (i + 1);
    sum += c * q ** j * (1 - q) ** (n - j);
  }
  return sum;
}

export function scoreRevenue(ctx: DimensionContext): DimensionScore {
  const obs = ctx.obs;
  const last = obs.length - 1;
  const { values, at } = reportedSeries(obs, 'revenue');
  const base: number[] = [];
  const recent: number[] = [];
  for (let i = 0; i < values.length; i++) (last - at[i]! > RECENT_AGE ? base : recent).push(values[i]!);

  const peer = ctx.input.peer;
  const facts: Record<string, number | string | null> = {
    baselineWeekly: null, recentWeekly: null, dropPct: null,
    peerSegment: peer?.segment ?? null, peerMedianWeekly: peer ? Math.round(peer.medianWeeklyRevenue) : null,
  };
  const baseMean = mean(base);
  const positive = base.filter((v) => v > 0).length;
  // Only customers with established revenue can decline: enough history and real orders in it.
  if (base.length < ctx.cfg.revenue.minBaselineWeeks || baseMean <= 0 || positive < 3 || recent.length < 2) {
    return { score: 0, reason: null, facts };
  }

  const tests: Test[] = [];
  const steady = positive / base.length >= 0.7 && base.length >= 8;
  if (steady) {
    // Level of the weeks that did book something, in log space (noise is multiplicative).
    const nzBase = base.filter((v) => v > 0);
    const log = Math.log;
    const bl = nzBase.map(log);
    const bMed = median(bl);
    // Robust spread, but never below most of the plain spread: a short baseline's MAD can be very small.
    const s = Math.max(1.4826 * median(bl.map((v) => Math.abs(v - bMed))), 0.8 * stdev(bl), 0.1);
    const baseLevel = Math.exp(bMed);
    const nzRecent = recent.filter((v) => v > 0);
    if (nzRecent.length >= 2) {
      const r3 = nzRecent.slice(-3);
      const m3 = median(r3.map(log));
      tests.push({ drop: 1 - Math.exp(m3 - bMed), z: (bMed - m3) / ((1.25 * s) / Math.sqrt(r3.length)), recent: median(r3), base: baseLevel, weeks: r3.length });
    }
    if (nzRecent.length >= 2) {
      // The last two booked weeks both low: catches a drop that is still ramping down. Small toll for a third look.
      const r2 = nzRecent.slice(-2);
      const m2 = mean(r2.map(log));
      tests.push({ drop: 1 - Math.exp(m2 - bMed), z: (bMed - m2) / (s / Math.SQRT2) - 0.3, recent: Math.exp(m2), base: baseLevel, weeks: 2 });
    }
    // (No "still ramping down" test on three falling weeks: it flagged ordinary wobbles; the two-week test
    // catches a real drop one week later at most.)
    if (nzRecent.length >= 4) {
      const ml = mean(nzRecent.map(log));
      tests.push({ drop: 1 - Math.exp(ml - bMed), z: (bMed - ml) / (s / Math.sqrt(nzRecent.length)), recent: Math.exp(ml), base: baseLevel, weeks: nzRecent.length });
    }
    // Weeks with nothing at all: a run of them is a drop even if the few booked weeks look normal.
    const last4 = recent.slice(-4);
    const zeros = last4.filter((v) => v === 0).length;
    if (zeros >= 2) {
      const q = (base.length - positive + 1) / (base.length + 2);
      const surprise = -Math.log(Math.max(1e-12, binomialTail(last4.length, zeros, q)));
      // Encode as a test whose z crosses the gate when such a run is rarer than ~1 in 100.
      tests.push({ drop: zeros / last4.length, z: 1.5 + (1.5 * (surprise - 3)) / 2.5, recent: mean(last4), base: mean(base), weeks: last4.length });
    }
  } else if (recent.length >= 4) {
    // Lumpy (project) customers: the whole recent window against the baseline mean, with the order noise.
    const sd = Math.max(stdev(base, baseMean), 0.05 * baseMean);
    const m = mean(recent);
    tests.push({ drop: 1 - m / baseMean, z: ((baseMean - m) / (sd / Math.sqrt(recent.length))) * 0.8, recent: m, base: baseMean, weeks: recent.length });
  }

  let best: Test | null = null;
  let score = 0;
  for (const t of tests) {
    const s = ramp(t.drop, DROP_POINTS) * gate(t.z, GATE_FROM, GATE_SPAN);
    if (s > score) { score = s; best = t; }
  }
  // Just marked lost: the drop is the news. Lost for longer: known, and no longer a trend to watch.
  const lostWeeks = lostFor(obs);
  const lost = lostWeeks !== null && lostWeeks <= 2;
  if (lost) score = Math.max(score, 70);
  else if (lostWeeks !== null) score = 0;
  score = Math.round(score);
  if (best) {
    facts.baselineWeekly = Math.round(best.base);
    facts.recentWeekly = Math.round(best.recent);
    facts.dropPct = Math.round(best.drop * 100);
  }
  if (score === 0) return { score, reason: null, facts };

  const peerNote = peer && peer.medianWeeklyRevenue > 0
    ? { zh: `；同类客户（${peer.segment}）周均 ${formatMoney(Math.round(peer.medianWeeklyRevenue))}`, en: `; peers (${peer.segment}) ${formatMoney(Math.round(peer.medianWeeklyRevenue))} a week` }
    : { zh: '', en: '' };
  const t = best ?? { recent: mean(recent), base: baseMean, drop: 1 - mean(recent) / baseMean, weeks: recent.length };
  const pct = Math.max(0, Math.round(t.drop * 100));
  const core = text(
    `近 ${t.weeks} 周周均收入 ${formatMoney(Math.round(t.recent))}，较此前 ${formatMoney(Math.round(t.base))} 下降 ${pct}%`,
    `Revenue ${formatMoney(Math.round(t.recent))} a week over the last ${t.weeks} weeks, down ${pct}% from ${formatMoney(Math.round(t.base))}`,
  );
  if (lost) {
    core.zh = `阶段已标为流失；${core.zh}`;
    core.en = `Stage marked lost; ${core.en}`;
  }
  return { score, reason: text(core.zh + peerNote.zh, core.en + peerNote.en), facts };
}
