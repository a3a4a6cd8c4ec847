// The dashboard over plain HTTP (no browser): sign-in edge cases, cookies, headers, escaping, roles,
// and the platform endpoints beside it.
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { get, signIn, startWebFixture, SCRIPT_NAME, WEEK, type WebFixture } from './support/web-fixture.js';
import { NOW, WEEKS } from '../app/support/app-harness.js';
import { importRecords } from '../../src/app/import/import-records.service.js';
import { teamRanking } from '../../src/app/review/ranking.service.js';
import { monthlyReview } from '../../src/app/review/review.service.js';
import { monthOfWeek } from '../../src/core/review/period.js';
import { loadWeekFlags } from '../../src/app/scoring/week-flags.js';

let f: WebFixture;
beforeAll(async () => {
  f = await startWebFixture();
});
afterAll(async () => f.close());

const customerId = (name: string) => f.h.app.ctx.repos.customers.customerByName(f.h.teamId, name)!.id;

describe('sign-in', () => {
  it('without a session: 401 and a page saying how to get a link', async () => {
    for (const path of ['/dashboard/', '/dashboard', '/dashboard/team', `/dashboard/customers/${f.h.customers.huaxing}`, '/dashboard/nope']) {
      const res = await get(f, path);
      expect(res.status, path).toBe(401);
      const body = await res.text();
      expect(body).toContain('radar -- link --member');
      expect(body).not.toContain('华星科技');
    }
  });

  it('a link sets an HttpOnly, SameSite=Lax session cookie scoped to the dashboard and redirects to it', async () => {
    const res = await fetch(f.link(f.h.members.manager), { redirect: 'manual' });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/dashboard/');
    const cookie = res.headers.get('set-cookie')!;
    expect(cookie).toMatch(/^radar_session=[^;]+; Max-Age=43200; Path=\/dashboard; HttpOnly; SameSite=Lax$/);
    const page = await get(f, '/dashboard/', cookie.split(';')[0]);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('华星科技');
  });

  it('cookies are Secure when the public URL is https', async () => {
    const s = await startWebFixture({ publicUrl: 'https://radar.example.com', charts: false });
    try {
      const res = await fetch(s.link(s.h.members.manager), { redirect: 'manual' });
      expect(res.headers.get('set-cookie')).toContain('; Secure');
      expect(s.dashboard.auth.issue(s.h.members.manager).url).toMatch(/^https:\/\/radar\.example\.com\/dashboard\/signin\//);
    } finally {
      await s.close();
    }
  });

  it('refuses a tampered, truncated, re-signed-for-someone-else, expired or revoked link', async () => {
    const good = f.link(f.h.members.rep1);
    const [memberId, gen, exp, sig] = good.slice(good.lastIndexOf('/') + 1).split('.');
    const flip = sig!.slice(0, -2) + (sig!.at(-2) === 'A' ? 'B' : 'A') + sig!.at(-1);
    const bad = [
      `${memberId}.${gen}.${exp}.${flip}`,
      `${f.h.members.manager.id}.${gen}.${exp}.${sig}`, // someone else's id with rep1's signature
      `${memberId}.${gen}.${Number(exp) + 3600}.${sig}`, // a longer life
      `${memberId}.${gen}.${exp}`,
      'x',
    ];
    for (const token of bad) {
      const res = await get(f, `/dashboard/signin/${token}`);
      expect(res.status, token).toBe(401);
      expect(res.headers.get('set-cookie')).toBeNull();
      expect(await res.text()).toContain('data-notice="bad_link"');
    }
    const expired = f.dashboard.auth.issue(f.h.members.rep1, 60_000).url;
    const later = new Date(f.h.app.ctx.clock().getTime() + 120_000);
    f.h.setNow(later);
    try {
      const res = await get(f, new URL(expired).pathname);
      expect(res.status).toBe(401);
      expect(await res.text()).toContain('data-notice="expired"');
    } finally {
      f.h.setNow(new Date(later.getTime() - 120_000));
    }
  });

  it('revoking kills the member\'s links and sessions, not anyone else\'s', async () => {
    const s = await startWebFixture({ charts: false });
    try {
      const link = s.link(s.h.members.rep2);
      const session = await signIn(s, s.h.members.rep2);
      const other = await signIn(s, s.h.members.rep1);
      s.dashboard.auth.revoke(s.h.members.rep2);
      const res = await get(s, new URL(link).pathname);
      expect(res.status).toBe(401);
      expect(await res.text()).toContain('data-notice="revoked"');
      expect((await get(s, '/dashboard/', session)).status).toBe(401);
      expect((await get(s, '/dashboard/', other)).status).toBe(200);
      // A new link works again.
      expect((await get(s, '/dashboard/', await signIn(s, s.h.members.rep2))).status).toBe(200);
    } finally {
      await s.close();
    }
  });

  it('a session cookie is not a link and a link is not a session', async () => {
    const cookie = await signIn(f, f.h.members.manager);
    const value = cookie.split('=')[1]!;
    expect((await get(f, `/dashboard/signin/${value}`)).status).toBe(401);
    const link = f.link(f.h.members.manager);
    expect((await get(f, '/dashboard/', `radar_session=${link.slice(link.lastIndexOf('/') + 1)}`)).status).toBe(401);
  });

  it('rate-limits sign-in attempts per client', async () => {
    const s = await startWebFixture({ signInLimit: { max: 3, windowMs: 60_000 }, charts: false });
    try {
      const statuses = [];
      for (let i = 0; i < 5; i += 1) statuses.push((await get(s, '/dashboard/signin/1.0.1.xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx')).status);
      expect(statuses).toEqual([401, 401, 401, 429, 429]);
      // The limit is per socket address: a forged X-Forwarded-For does not buy more attempts.
      const forged = await fetch(`${s.base}/dashboard/signin/1.0.1.yyyy`, { redirect: 'manual', headers: { 'x-forwarded-for': '203.0.113.9' } });
      expect(forged.status).toBe(429);
      expect(await forged.text()).toContain('data-notice="rate_limited"');
      // Even a good link waits out the window.
      expect((await fetch(s.link(s.h.members.manager), { redirect: 'manual' })).status).toBe(429);
    } finally {
      await s.close();
    }
  });

  it('signing out clears the cookie', async () => {
    const res = await fetch(`${f.base}/dashboard/signout`, { method: 'POST', redirect: 'manual', headers: { cookie: await signIn(f, f.h.members.manager) } });
    expect(res.status).toBe(303);
    expect(res.headers.get('set-cookie')).toMatch(/^radar_session=; Max-Age=0/);
  });
});

describe('headers and escaping', () => {
  it('a strict CSP with no script at all, and the other protective headers, on every page', async () => {
    const cookie = await signIn(f, f.h.members.manager);
    for (const path of ['/dashboard/', `/dashboard/customers/${f.h.customers.huaxing}`, '/dashboard/team', '/dashboard/signin']) {
      const res = await get(f, path, cookie);
      const csp = res.headers.get('content-security-policy')!;
      expect(csp, path).toMatch(/^default-src 'none'; style-src 'self'/);
      expect(csp).not.toContain('script-src');
      expect(csp).not.toMatch(/'unsafe-inline'|'unsafe-eval'/);
      expect(csp).toContain("frame-ancestors 'none'");
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      expect(res.headers.get('referrer-policy')).toBe('no-referrer');
      expect(res.headers.get('cache-control')).toBe('no-store');
      const body = await res.text();
      expect(body).not.toMatch(/<script/i);
      // Every inline style attribute (from chart SVG) is allowed by its own hash, and nothing else is.
      const styles = [...body.matchAll(/\sstyle="([^"]*)"/g)].map((m) => m[1]!);
      for (const s of styles) expect(csp).toContain(`'sha256-${createHash('sha256').update(s).digest('base64')}'`);
    }
  });

  it('a customer named <script> is shown as text on every page, with its notes and region', async () => {
    const cookie = await signIn(f, f.h.members.manager);
    const list = await (await get(f, '/dashboard/', cookie)).text();
    expect(list).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(list).toContain('West&quot;&gt;&lt;b&gt;');
    expect(list).not.toContain(SCRIPT_NAME);
    const page = await (await get(f, `/dashboard/customers/${customerId(SCRIPT_NAME)}`, cookie)).text();
    expect(page).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(page).toContain('&lt;img src=x onerror=alert(2)&gt;');
    expect(page).not.toContain('<img src=x');
    expect(page).not.toContain(SCRIPT_NAME);
    // Query parameters echoed into the page are escaped too.
    const echoed = await (await get(f, `/dashboard/?region=${encodeURIComponent('"><script>x</script>')}`, cookie)).text();
    expect(echoed).not.toContain('<script>x');
  });
});

describe('escaping in the charts of a rep named with markup', () => {
  it('their own chart titles, captions and SVG text show the name as text', async () => {
    const s = await startWebFixture();
    try {
      const evil = '<img src=x onerror=alert(3)>';
      const line = (week: string) => JSON.stringify({
        week, rep: 'evil@example.com', repName: evil, customer: 'Evil Co', region: 'East', industry: 'software', tier: 'normal',
        contacts: 0, lastContact: '2026-09-01', revenue: 0, receivable: 80000, overdueDays: 95, complaints: 2, complaintType: 'service',
        requirementChanges: 0, faults: 0, usage: 'low', stage: 'live', expectedClose: null, health: 'red', notes: '',
      });
      importRecords(s.h.app.ctx.repos, { name: 'evil.jsonl', text: WEEKS.map(line).join('\n') }, { teamId: s.h.teamId, now: NOW.toISOString() });
      const member = s.h.app.ctx.repos.teams.memberByEmail(s.h.teamId, 'evil@example.com')!;
      expect(member.name).toBe(evil);
      const res = await get(s, '/dashboard/?lang=en', await signIn(s, member));
      const body = await res.text();
      expect([...body.matchAll(/data-chart="([^"]+)"/g)].map((m) => m[1])).toEqual(['own-heatmap', 'own-portfolio']);
      expect(body).not.toContain('<img src=x');
      expect(body).toContain('&lt;img src=x onerror=alert(3)&gt;&#39;s customers by grade');
      expect(res.headers.get('content-security-policy')).not.toMatch(/script-src|'unsafe-inline'/);
    } finally {
      await s.close();
    }
  });
});

describe('what each role sees', () => {
  it('a rep: own customers only; another rep\'s customer is refused; the team page shows their own lines only', async () => {
    const cookie = await signIn(f, f.h.members.rep1);
    const body = await (await get(f, '/dashboard/', cookie)).text();
    expect(body).toContain('华星科技');
    expect(body).not.toContain('长城物流');
    expect(body).not.toContain('&lt;script&gt;');
    expect(body).not.toContain('data-chart="heatmap"');
    expect(body).not.toContain('id="missing"');
    expect((await get(f, `/dashboard/customers/${customerId(SCRIPT_NAME)}`, cookie)).status).toBe(403);
    expect((await get(f, `/dashboard/customers/${f.h.customers.huaxing}`, cookie)).status).toBe(200);
    const team = await get(f, '/dashboard/team?lang=en', cookie);
    expect(team.status).toBe(200);
    const html = await team.text();
    expect([...html.matchAll(/data-rep="([^"]+)"/g)].map((m) => m[1])).toEqual(['rep1@example.com']);
    expect([...html.matchAll(/data-own-ranking="([^"]+)"/g)].map((m) => m[1])).toEqual(['rep1@example.com']);
    expect(html).toMatch(/#\d of 2 · /);
    expect(html).not.toContain('data-rank-rep=');
    expect(html).not.toContain('id="review"');
  });

  it('a rep: charts of their own customers only (heat map, portfolio), never the team\'s', async () => {
    const cookie = await signIn(f, f.h.members.rep1);
    const body = await (await get(f, '/dashboard/?lang=en', cookie)).text();
    const figures = [...body.matchAll(/<figure class="chart" data-chart="([^"]+)"[^>]*>[\s\S]*?<figcaption>([^<]*)<\/figcaption>/g)].map((m) => ({ kind: m[1]!, alt: m[2]! }));
    expect(figures.map((x) => x.kind)).toEqual(['own-heatmap', 'own-portfolio']);
    const [heat, portfolio] = figures;
    // rep1's one red flag (华星科技, region East, overdue); not rep2's customer in region West.
    expect(heat!.alt.startsWith(`rep1&#39;s red flags heat map (${WEEK} · Region × problem type · 1 flagged)`)).toBe(true);
    expect(heat!.alt).toContain('East × Overdue payment: 1');
    expect(heat!.alt).not.toContain('West');
    // The portfolio counts rep1's two customers each week, not the team's three.
    expect(portfolio!.alt).toMatch(/^rep1&#39;s customers by grade/);
    const weeks = portfolio!.alt.split(': ').slice(1).join(': ').split('; ');
    expect(weeks.length).toBeGreaterThan(1);
    for (const w of weeks) expect([...w.matchAll(/\((\d+)\)/g)].reduce((n, m) => n + Number(m[1]), 0), w).toBe(2);
    // Another rep's charts are theirs alone too.
    const other = await (await get(f, '/dashboard/?lang=en', await signIn(f, f.h.members.rep2))).text();
    expect(other).toContain('rep2&#39;s red flags heat map');
    expect(other).not.toContain('rep1&#39;s');
  });

  it('a rep opening another rep\'s customer gets 403 without a word of it; an unknown id 404', async () => {
    const cookie = await signIn(f, f.h.members.rep1);
    const other = f.h.customers.greatwall; // rep2's
    for (const path of [`/dashboard/customers/${other}`, `/dashboard/customers/${other}?week=${WEEK}&lang=en`]) {
      const res = await get(f, path, cookie);
      expect(res.status, path).toBe(403);
      const body = await res.text();
      expect(body).toContain('data-notice="forbidden"');
      expect(body).not.toContain('长城物流');
      expect(body).not.toContain('data-chart=');
    }
    for (const path of ['/dashboard/customers/999999', '/dashboard/customers/abc', '/dashboard/customers/-1', '/dashboard/customers/1.5']) {
      expect((await get(f, path, cookie)).status, path).toBe(404);
    }
  });

  it('finance: the customers whose follow-ups are routed to finance (overdue), as in chat', async () => {
    const cookie = await signIn(f, f.h.members.finance);
    const body = await (await get(f, '/dashboard/', cookie)).text();
    expect(body).toContain('华星科技');
    expect(body).toContain('&lt;script&gt;');
    expect((await get(f, `/dashboard/customers/${f.h.customers.greatwall}`, cookie)).status).toBe(403);
    // No ranking line of their own and not the whole team: the team page is not theirs.
    expect((await get(f, '/dashboard/team', cookie)).status).toBe(403);
  });

  it('a manager: everyone, the team charts, who has not submitted, and the team page', async () => {
    const cookie = await signIn(f, f.h.members.manager);
    const body = await (await get(f, '/dashboard/?lang=en', cookie)).text();
    expect(body).toContain('Red-flag customers');
    expect(body).toContain('&lt;script&gt;');
    expect(body).toContain('data-chart="heatmap"');
    expect(body).toContain('id="missing"');
    const team = await get(f, '/dashboard/team', cookie);
    expect(team.status).toBe(200);
    const html = await team.text();
    expect([...html.matchAll(/data-rep="([^"]+)"/g)].map((m) => m[1]).sort()).toEqual(['rep1@example.com', 'rep2@example.com']);
    // The ranking, as in chat's "ranking": every rep, ranked, with the configured columns.
    const ranking = teamRanking(f.h.app.ctx, f.h.teamId, { week: WEEK });
    expect([...html.matchAll(/data-rank-rep="([^"]+)"/g)].map((m) => m[1])).toEqual(ranking.rows.map((r) => r.rep));
    expect([...html.matchAll(/<td class="num" data-col="submission">([^<]+)</g)].map((m) => m[1])).toEqual(ranking.rows.map((r) => `${r.submitted}/${r.weeks}`));
    // The monthly review of the latest report week's month, with its numbers.
    const review = monthlyReview(f.h.app.ctx, f.h.teamId, monthOfWeek(WEEK));
    expect(html).toContain(`data-month="${monthOfWeek(WEEK)}"`);
    expect(html).toMatch(new RegExp(`data-review="raised">${review.flags.raised}<`));
    expect(html).toMatch(new RegExp(`data-review="opened">${review.tasks.opened}<`));
    expect(review.tasks.opened).toBeGreaterThan(0);
  });

  it('the team page picks another month with ?month=, and ignores a month without reports', async () => {
    const cookie = await signIn(f, f.h.members.manager);
    const months = [...new Set(WEEKS.map(monthOfWeek))];
    const earlier = months[0]!;
    const html = await (await get(f, `/dashboard/team?month=${earlier}`, cookie)).text();
    expect(html).toContain(`data-month="${earlier}"`);
    const bogus = await (await get(f, '/dashboard/team?month=1999-01', cookie)).text();
    expect(bogus).toContain(`data-month="${monthOfWeek(WEEK)}"`);
    const junk = await get(f, `/dashboard/team?month=${encodeURIComponent('"><b>')}`, cookie);
    expect(junk.status).toBe(200);
    expect(await junk.text()).not.toContain('"><b>');
  });

  it('filters and sorting are plain GET parameters', async () => {
    const cookie = await signIn(f, f.h.members.manager);
    const rows = async (q: string) => [...(await (await get(f, `/dashboard/?${q}`, cookie)).text()).matchAll(/data-customer="([^"]+)"/g)].map((m) => m[1]);
    const all = await rows('');
    expect(all.length).toBeGreaterThanOrEqual(2);
    expect(await rows(`rep=${f.h.members.rep1.id}`)).toEqual(['华星科技']);
    expect(await rows('sort=index&dir=asc')).toEqual([...all].reverse());
    expect(await rows('grade=B&tag=complaints')).toEqual([]);
  });
});

describe('filters on this week (issue 10 §3: grade / tag / region / rep)', () => {
  // What each filter must keep, from the week's stored flags (not from the page under test).
  const truth = () => {
    const flags = loadWeekFlags(f.h.app.ctx, f.h.teamId, WEEK);
    return flags.flagged.map((s) => ({ id: s.customerId, grade: s.grade!, tags: s.tags, region: flags.customers.get(s.customerId)!.region, rep: flags.customers.get(s.customerId)!.ownerRepId }));
  };
  const ids = async (q: string, cookie: string) => [...(await (await get(f, `/dashboard/?${q}`, cookie)).text()).matchAll(/data-customer-id="(\d+)"/g)].map((m) => Number(m[1])).sort();
  const want = (keep: (r: ReturnType<typeof truth>[number]) => boolean) => truth().filter(keep).map((r) => r.id).sort();

  it('each filter alone keeps exactly the matching red flags, and they combine', async () => {
    const cookie = await signIn(f, f.h.members.manager);
    const all = truth();
    expect(new Set(all.map((r) => r.region)).size).toBeGreaterThan(1);
    expect(await ids('', cookie)).toEqual(want(() => true));
    for (const grade of ['A', 'B'] as const) expect(await ids(`grade=${grade}`, cookie), grade).toEqual(want((r) => r.grade === grade));
    for (const tag of new Set(all.flatMap((r) => r.tags))) expect(await ids(`tag=${tag}`, cookie), tag).toEqual(want((r) => r.tags.includes(tag)));
    for (const region of new Set(all.map((r) => r.region!))) expect(await ids(`region=${encodeURIComponent(region)}`, cookie), region).toEqual(want((r) => r.region === region));
    for (const rep of [f.h.members.rep1, f.h.members.rep2]) expect(await ids(`rep=${rep.id}`, cookie), rep.email).toEqual(want((r) => r.rep === rep.id));
    expect(await ids(`grade=A&region=East&rep=${f.h.members.rep1.id}`, cookie)).toEqual(want((r) => r.grade === 'A' && r.region === 'East' && r.rep === f.h.members.rep1.id));
    expect(await ids('region=Nowhere', cookie)).toEqual([]);
    expect(want((r) => r.region === 'East').length).toBeGreaterThan(0);
  });

  it('unknown values are ignored, not trusted: a bogus grade or tag shows everything, a bogus rep id too', async () => {
    const cookie = await signIn(f, f.h.members.manager);
    const everything = want(() => true);
    expect(await ids('grade=Z', cookie)).toEqual(everything);
    expect(await ids('tag=%3Cscript%3E', cookie)).toEqual(everything);
    expect(await ids('rep=-1', cookie)).toEqual(everything);
  });

  it('a rep filtering by another rep sees nothing of theirs', async () => {
    const cookie = await signIn(f, f.h.members.rep1);
    expect(await ids(`rep=${f.h.members.rep2.id}`, cookie)).toEqual([]);
    expect(await ids(`region=${encodeURIComponent('West"><b>')}`, cookie)).toEqual([]);
  });
});

describe('beside the platform endpoints', () => {
  it('keeps /healthz and the platform routes, and sends / to the dashboard', async () => {
    expect(await (await fetch(`${f.base}/healthz`)).json()).toEqual({ ok: true });
    expect(await (await fetch(`${f.base}/slack/events`, { method: 'POST', body: 'x' })).text()).toBe('slack');
    expect((await fetch(`${f.base}/slack/events`)).status).toBe(404);
    const root = await fetch(`${f.base}/`, { redirect: 'manual' });
    expect(root.status).toBe(302);
    expect(root.headers.get('location')).toBe('/dashboard/');
  });
});
