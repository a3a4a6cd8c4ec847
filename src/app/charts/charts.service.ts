// Charts of the team's data, read through the repositories: customer trend and radar, the team heat
// map, red flags by rep, and the portfolio. Each method returns a ChartSpec (render it anywhere).
import { teamSettings } from '../settings/team-settings.js';
import type { Locale, LocalizedText } from '../../core/i18n.js';
import { text } from '../../core/i18n.js';
import type { Customer, Member } from '../../core/team.js';
import { addWeeks, compareWeeks, isWeekId, weekRange, type WeekId } from '../../core/weekly-report/week.js';
import type { HeatmapChart, RadarChart, StackedChart, TrendChart } from '../../ui/chart.js';
import type { AppContext } from '../context.js';
import { ensureStored, storedScoreOf } from '../scoring/scoring.service.js';
import { loadWeekFlags, type WeekFlags } from '../scoring/week-flags.js';
import { customerRadarChart, medianByDimension } from './customer-radar.chart.js';
import { customerTrendChart } from './customer-trend.chart.js';
import { flagsByRepChart } from './flags-by-rep.chart.js';
import { portfolioChart } from './portfolio.chart.js';
import { teamHeatmapChart, type HeatmapBy } from './team-heatmap.chart.js';
import { teamTagLabels } from '../shared/view-text.js';
import { AppError } from '../shared/app-error.js';

export type { HeatmapBy };

/** Weeks on the customer trend and, by default, on the portfolio. */
export const TREND_WEEKS = 12;
/** A segment needs this many other scored customers to stand for "the median customer". */
const MIN_PEERS = 3;

/**
 * Whose customers a team chart counts, when not the whole team's: a rep's own book (never team-wide
 * data for someone who may not see it). `owner` names them in the chart's title.
 */
export interface ChartScope {
  customerIds: ReadonlySet<number>;
  owner: string;
}

export class ChartError extends AppError {
  declare readonly code: 'unknown_customer' | 'unknown_week' | 'no_team';
  constructor(code: 'unknown_customer' | 'unknown_week' | 'no_team', userMessage: LocalizedText) {
    super(code, userMessage.en, { userMessage });
    this.name = 'ChartError';
  }
}

export interface ChartsService {
  trend(customerId: number, week: WeekId, locale: Locale): TrendChart;
  radar(customerId: number, week: WeekId, locale: Locale): RadarChart;
  /** `flags`: the week's flags when the caller has loaded them already (the dashboard shares one read). */
  heatmap(week: WeekId, locale: Locale, by?: HeatmapBy, flags?: WeekFlags, scope?: ChartScope): HeatmapChart;
  byRep(week: WeekId, locale: Locale, flags?: WeekFlags): StackedChart;
  portfolio(week: WeekId, locale: Locale, weeks?: number, scope?: ChartScope): StackedChart;
}

/** The charts of one team (by default the database's team). */
export function createChartsService(ctx: AppContext, teamId?: number): ChartsService {
  const { repos } = ctx;
  const team = (): number => {
    if (teamId !== undefined) return teamId;
    const first = repos.teams.listTeams()[0];
    if (!first) throw new ChartError('no_team', text('数据库里还没有团队', 'no team in this database yet'));
    return first.id;
  };

  /** Only weeks that have reports can be charted; the error says which weeks do. */
  const checkWeek = (tid: number, week: WeekId): void => {
    if (!isWeekId(week)) throw new ChartError('unknown_week', text(`周格式应为 2026-W48，收到 "${week}"`, `expected an ISO week such as 2026-W48, got "${week}"`));
    const weeks = repos.reports.weeksWithEntries(tid);
    if (!weeks.includes(week)) {
      const range = weeks.length === 0 ? text('还没有任何周报', 'no reports yet') : text(`有周报的周：${weeks[0]} … ${weeks.at(-1)}`, `weeks with reports: ${weeks[0]} … ${weeks.at(-1)}`);
      throw new ChartError('unknown_week', text(`${week} 没有周报（${range.zh}）`, `no reports for ${week} (${range.en})`));
    }
  };

  const customerOf = (customerId: number): Customer => {
    const c = repos.customers.getCustomer(customerId);
    if (!c || (teamId !== undefined && c.teamId !== teamId)) {
      throw new ChartError('unknown_customer', text(`没有编号为 ${customerId} 的客户`, `no customer with id ${customerId}`));
    }
    return c;
  };

  const flagsFor = (tid: number, week: WeekId, given?: WeekFlags): WeekFlags => {
    if (!given) return loadWeekFlags(ctx, tid, week);
    if (given.teamId !== tid || given.week !== week) throw new RangeError(`flags are of team ${given.teamId} ${given.week}, not team ${tid} ${week}`);
    return given;
  };

  const repNames = (tid: number): Map<number, Member> => new Map(repos.teams.listMembers(tid).map((m) => [m.id, m]));

  return {
    trend(customerId, week, locale) {
      const customer = customerOf(customerId);
      checkWeek(customer.teamId, week);
      ensureStored(ctx, customer.teamId, week);
      const weeks = weekRange(addWeeks(week, -(TREND_WEEKS - 1)), week);
      const index = new Map(repos.scores.scoreHistory(customer.id, weeks[0]!, week).map((s) => [s.week, s.index]));
      const revenue = new Map<WeekId, number>();
      for (const e of repos.reports.customerEntries(customer.id, weeks[0]!, week)) {
        if (e.values.revenue !== null) revenue.set(e.week, (revenue.get(e.week) ?? 0) + e.values.revenue);
      }
      const { A, B } = teamSettings(ctx, customer.teamId).scoring.grades;
      return customerTrendChart({
        customer: customer.name, weeks,
        index: weeks.map((w) => index.get(w) ?? null),
        revenue: weeks.map((w) => revenue.get(w) ?? null),
        grades: { A, B },
      }, locale);
    },

    radar(customerId, week, locale) {
      const customer = customerOf(customerId);
      checkWeek(customer.teamId, week);
      // Lean: the customer's own row, then the segment's medians computed in SQL (no week read here).
      const own = storedScoreOf(ctx, customer, week);
      const dims = (s: NonNullable<typeof own>) =>
        Object.fromEntries(Object.entries(s.dimensions).map(([d, v]) => [d, v.score])) as Record<keyof typeof s.dimensions, number>;
      // The segment as the scorer's peer baseline defines it (industry and region), widened when too small.
      // Narrowest first; a segment too small to stand for the median customer is small to read too.
      const segments: Array<{ label: string; industry: string | null; region: string | null }> = [];
      if (customer.industry && customer.region) segments.push({ label: `${customer.industry} / ${customer.region}`, industry: customer.industry, region: customer.region });
      if (customer.industry) segments.push({ label: customer.industry, industry: customer.industry, region: null });
      if (customer.region) segments.push({ label: customer.region, industry: null, region: customer.region });
      segments.push({ label: locale === 'zh' ? '全部客户' : 'all customers', industry: null, region: null });
      let segment: { label: string; customers: number; median: ReturnType<typeof medianByDimension> } | null = null;
      for (const seg of segments) {
        const found = repos.scores.segmentMedians(customer.teamId, week, customer.id, { industry: seg.industry, region: seg.region });
        if (found.customers >= MIN_PEERS) {
          segment = { label: seg.label, ...found };
          break;
        }
      }
      const zero = medianByDimension([]);
      return customerRadarChart({ customer: customer.name, week, scores: own ? dims(own) : zero, segment }, locale);
    },

    heatmap(week, locale, by = 'region', flags, scope) {
      const tid = team();
      checkWeek(tid, week);
      const f = flagsFor(tid, week, flags);
      const flagged = f.flagged.filter((s) => !scope || scope.customerIds.has(s.customerId)).map((s) => {
        const c = f.customers.get(s.customerId);
        return { group: (by === 'region' ? c?.region : c?.industry) ?? null, tags: s.tags, index: s.index, grade: s.grade! };
      });
      return teamHeatmapChart({ week, by, flagged, tagLabels: teamTagLabels(teamSettings(ctx, tid)), ...(scope ? { owner: scope.owner } : {}) }, locale);
    },

    byRep(week, locale, flags) {
      const tid = team();
      checkWeek(tid, week);
      const f = flagsFor(tid, week, flags);
      const members = repNames(tid);
      const flagged = f.flagged.map((s) => {
        const owner = f.customers.get(s.customerId)?.ownerRepId;
        return { rep: owner === null || owner === undefined ? null : members.get(owner)?.name ?? `#${owner}`, grade: s.grade! };
      });
      return flagsByRepChart({ week, flagged }, locale);
    },

    portfolio(week, locale, weeks = TREND_WEEKS, scope) {
      const tid = team();
      checkWeek(tid, week);
      ensureStored(ctx, tid, week);
      const n = Math.max(1, Math.min(104, Math.floor(weeks)));
      const first = repos.reports.weeksWithEntries(tid)[0]!;
      const start = compareWeeks(addWeeks(week, -(n - 1)), first) < 0 ? first : addWeeks(week, -(n - 1));
      const counts = new Map(weekRange(start, week).map((w) => [w, { week: w, A: 0, B: 0, none: 0 }]));
      // Counted from the indexes (no score rows read): 12 weeks × 20,000 customers in a few ms.
      for (const row of repos.scores.gradeCounts(tid, start, week, scope ? [...scope.customerIds] : undefined)) {
        const c = counts.get(row.week);
        if (c) Object.assign(c, { A: row.A, B: row.B, none: row.total - row.A - row.B });
      }
      return portfolioChart({ weeks: [...counts.values()], ...(scope ? { owner: scope.owner } : {}) }, locale);
    },
  };
}
