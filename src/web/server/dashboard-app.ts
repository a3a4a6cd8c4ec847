// The dashboard as a Hono app, mounted under /dashboard beside the platforms' endpoints. Every page
// needs a session (from a signed link); a request without one gets 401 and a page saying how to get
// a link. Read-only: nothing here changes tasks, reports or messages.
import { Hono, type Context } from 'hono';
import { getCookie, setCookie, deleteCookie } from 'hono/cookie';
import { getConnInfo } from '@hono/node-server/conninfo';
import type { Locale } from '../../core/i18n.js';
import type { Member, Team } from '../../core/team.js';
import { TAGS, type Tag } from '../../core/customer-risk/types.js';
import { isWeekId, type WeekId } from '../../core/weekly-report/week.js';
import { forTeam } from '../../app/settings/team-settings.js';
import type { AppContext } from '../../app/context.js';
import { memberLocale } from '../../app/locale.js';
import { canSeeCustomer } from '../../app/customer/customer.service.js';
import { loadWeekFlags, type WeekFlags } from '../../app/scoring/week-flags.js';
import type { ChartScope } from '../../app/charts/charts.service.js';
import { ownCustomers } from '../models/visibility.js';
import { DASHBOARD_PATH, type WebAuth } from '../auth/web-auth.js';
import { createRateLimiter } from '../auth/rate-limit.js';
import { thisWeekModel, SORT_KEYS, type FlagFilters, type SortKey } from '../models/this-week.model.js';
import { customerPageModel } from '../models/customer.model.js';
import { COMPLIANCE_WEEKS, opensTeamPage, reportMonths, teamPageModel } from '../models/team.model.js';
import { isMonthId } from '../../core/review/period.js';
import { thisWeekPage, type ThisWeekCharts } from '../pages/this-week.page.js';
import { customerPage, type CustomerCharts } from '../pages/customer.page.js';
import { teamPage } from '../pages/team.page.js';
import { noticePage, type NoticeKind } from '../pages/notice.page.js';
import type { PageContext } from '../pages/layout.js';
import { STYLE_CSS } from '../pages/style.css.js';
import { contentSecurityPolicy, SECURITY_HEADERS } from './security.js';
import { teamTagLabels } from '../../app/shared/view-text.js';

export const SESSION_COOKIE = 'radar_session';

/** Charts for the pages (inline SVG + text alternative); absent → the pages show no chart sections. */
export interface DashboardCharts {
  /** The team charts of the week whose flags the page model read (one read shared by both). */
  thisWeek(flags: WeekFlags, locale: Locale): ThisWeekCharts;
  /** The same week's charts of one person's own customers only (a rep's heat map and portfolio). */
  own(flags: WeekFlags, locale: Locale, scope: ChartScope): ThisWeekCharts;
  customer(customerId: number, week: WeekId, locale: Locale): CustomerCharts;
}

export interface DashboardOptions {
  ctx: AppContext;
  auth: WebAuth;
  charts?: DashboardCharts | null;
  /** Sign-in attempts per client address per window (default 20 a minute). */
  signInLimit?: { max: number; windowMs: number };
}

/** `teamCtx`: the context with the signed-in member's team's settings. */
type Env = { Variables: { member: Member; team: Team; pc: PageContext; teamCtx: AppContext } };

const STATUS: Record<NoticeKind, 401 | 403 | 404 | 429 | 200> = {
  signin: 401, bad_link: 401, expired: 401, revoked: 401, rate_limited: 429, forbidden: 403, not_found: 404, no_data: 200,
};

const langParam = (c: Context): Locale | null => {
  const l = c.req.query('lang');
  return l === 'zh' || l === 'en' ? l : null;
};

/** The current URL with the other language, for the header switch. */
function switchLangHref(c: Context, locale: Locale): string {
  const url = new URL(c.req.url);
  url.searchParams.set('lang', locale === 'zh' ? 'en' : 'zh');
  return `${url.pathname}${url.search}`;
}

/** The client's address (the socket's, never a forwarded header anyone can set). */
function clientAddress(c: Context): string {
  try {
    return getConnInfo(c).remote.address ?? 'unknown';
  } catch {
    return 'in-process'; // served through app.fetch without a node socket (benchmarks)
  }
}

function page(c: Context, status: number, body: string) {
  c.header('content-security-policy', contentSecurityPolicy(body));
  return c.html(body, status as 200);
}

export function createDashboardApp(options: DashboardOptions): Hono<Env> {
  const { ctx, auth } = options;
  const limiter = createRateLimiter(options.signInLimit ?? { max: 20, windowMs: 60_000 });
  const app = new Hono<Env>({ strict: false }).basePath(DASHBOARD_PATH);

  const notice = (c: Context, kind: NoticeKind, locale?: Locale) => {
    const team = ctx.repos.teams.listTeams()[0];
    return page(c, STATUS[kind], noticePage(kind, locale ?? langParam(c) ?? team?.locale ?? 'zh'));
  };

  app.use('*', async (c, next) => {
    await next();
    for (const [k, v] of Object.entries(SECURITY_HEADERS)) c.header(k, v);
    if (!c.res.headers.has('content-security-policy')) c.header('content-security-policy', contentSecurityPolicy(null));
  });

  app.get('/assets/style.css', (c) => {
    c.header('content-type', 'text/css; charset=utf-8');
    return c.body(STYLE_CSS);
  });

  app.get('/signin', (c) => notice(c, 'signin'));

  app.get('/signin/:token', (c) => {
    const address = clientAddress(c);
    if (!limiter.hit(address, ctx.clock().getTime())) return notice(c, 'rate_limited');
    const result = auth.checkLink(c.req.param('token'));
    if (!result.ok) {
      ctx.logger.info({ reason: result.reason }, 'dashboard sign-in refused');
      return notice(c, result.reason === 'expired' ? 'expired' : result.reason === 'revoked' ? 'revoked' : 'bad_link');
    }
    const session = auth.sessionFor(result.member);
    setCookie(c, SESSION_COOKIE, session.value, {
      path: DASHBOARD_PATH, httpOnly: true, sameSite: 'Lax', secure: auth.secureCookies, maxAge: session.maxAgeSeconds,
    });
    ctx.logger.info({ memberId: result.member.id }, 'dashboard sign-in');
    return c.redirect(`${DASHBOARD_PATH}/`, 303);
  });

  app.post('/signout', (c) => {
    deleteCookie(c, SESSION_COOKIE, { path: DASHBOARD_PATH, httpOnly: true, sameSite: 'Lax', secure: auth.secureCookies });
    return c.redirect(`${DASHBOARD_PATH}/signin`, 303);
  });

  // Everything below needs a valid session.
  app.use('*', async (c, next) => {
    const value = getCookie(c, SESSION_COOKIE);
    const result = value ? auth.checkSession(value) : null;
    const team = result?.ok ? ctx.repos.teams.getTeam(result.member.teamId) : null;
    if (!result?.ok || !team) return notice(c, 'signin');
    const lang = langParam(c);
    c.set('member', result.member);
    c.set('team', team);
    const teamCtx = forTeam(ctx, team.id);
    c.set('teamCtx', teamCtx);
    c.set('pc', { locale: lang ?? memberLocale(result.member, team), viewer: result.member, lang, tagLabels: teamTagLabels(teamCtx.settings) });
    await next();
  });

  const weeksOf = (teamId: number): WeekId[] => ctx.repos.reports.weeksWithEntries(teamId);
  const pickWeek = (c: Context, weeks: WeekId[]): WeekId | null => {
    const asked = c.req.query('week');
    if (asked && isWeekId(asked) && weeks.includes(asked)) return asked;
    return weeks.at(-1) ?? null;
  };

  app.get('/', (c) => {
    const { member, team, pc, teamCtx: ctx } = c.var;
    const weeks = weeksOf(team.id);
    const week = pickWeek(c, weeks);
    if (!week) return notice(c, 'no_data', pc.locale);
    const q = c.req.query();
    const repId = Number(q.rep);
    const filters: FlagFilters = {
      grade: q.grade === 'A' || q.grade === 'B' ? q.grade : null,
      tag: q.tag && (TAGS.includes(q.tag as Tag) || Object.hasOwn(ctx.settings.scoring.customTags ?? {}, q.tag)) ? q.tag : null,
      region: q.region ? q.region.slice(0, 200) : null,
      repId: Number.isInteger(repId) && repId > 0 ? repId : null,
      sort: SORT_KEYS.includes(q.sort as SortKey) ? (q.sort as SortKey) : 'index',
      dir: q.dir === 'asc' ? 'asc' : 'desc',
    };
    const flags = loadWeekFlags(ctx, team.id, week);
    const model = thisWeekModel(ctx, team, member, flags, [...weeks].reverse().slice(0, 26), filters);
    // Team-wide charts for those who see the whole team; anyone else the charts of their own customers.
    const own = model.teamView || !options.charts ? null : ownCustomers(ctx, member);
    const charts = !options.charts ? null
      : model.teamView ? options.charts.thisWeek(flags, pc.locale)
        : own && own.customerIds.size > 0 ? options.charts.own(flags, pc.locale, own) : null;
    return page(c, 200, thisWeekPage(pc, model, charts, switchLangHref(c, pc.locale)));
  });

  app.get('/customers/:id', (c) => {
    const { member, team, pc, teamCtx: ctx } = c.var;
    const id = Number(c.req.param('id'));
    const customer = Number.isInteger(id) && id > 0 ? ctx.repos.customers.getCustomer(id) : null;
    if (!customer || customer.teamId !== team.id) return notice(c, 'not_found', pc.locale);
    if (!canSeeCustomer(ctx, member, customer)) return notice(c, 'forbidden', pc.locale);
    const week = pickWeek(c, weeksOf(team.id));
    if (!week) return notice(c, 'no_data', pc.locale);
    const charts = options.charts ? options.charts.customer(customer.id, week, pc.locale) : null;
    return page(c, 200, customerPage(pc, customerPageModel(ctx, customer, week), ctx.settings.template, charts, switchLangHref(c, pc.locale)));
  });

  app.get('/team', (c) => {
    const { member, team, pc, teamCtx: ctx } = c.var;
    if (!opensTeamPage(member)) return notice(c, 'forbidden', pc.locale);
    const all = weeksOf(team.id);
    const weeks = all.slice(-COMPLIANCE_WEEKS);
    if (weeks.length === 0) return notice(c, 'no_data', pc.locale);
    const month = c.req.query('month') ?? null;
    const model = teamPageModel(ctx, team, member, weeks, { month: month && isMonthId(month) ? month : null, months: reportMonths(all) });
    return page(c, 200, teamPage(pc, model, switchLangHref(c, pc.locale)));
  });

  app.notFound((c) => notice(c, 'not_found'));
  app.onError((err, c) => {
    ctx.logger.error({ err: err.message }, 'dashboard request failed');
    return c.text('Internal error / 出错了', 500);
  });
  return app;
}
