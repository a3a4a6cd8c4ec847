// The repository contract both dialects keep: the SAME assertions run against the SQLite repositories
// (wrapped as the async ports) and the PostgreSQL ones on a real server (repos.contract.test.ts).
// Each test makes its own team, so the tests of one database do not see each other's rows.
import { expect, it } from 'vitest';
import type { AsyncCustomerRepo, AsyncReportRepo, AsyncScoreRepo, AsyncTeamRepo } from '../../../src/app/ports/async.port.js';
import type { StoredEntry } from '../../../src/app/ports/repositories.port.js';
import { DIMENSIONS } from '../../../src/core/customer-risk/types.js';
import { entry, score } from '../helpers.js';

export interface ContractRepos {
  teams: AsyncTeamRepo;
  customers: AsyncCustomerRepo;
  reports: AsyncReportRepo;
  scores: AsyncScoreRepo;
}

const AT = '2026-10-01T00:00:00.000Z';
let teamSeq = 0;

export function repositoryContract(repos: () => ContractRepos): void {
  async function newTeam(prefix = 'Team') {
    const r = repos();
    const team = await r.teams.ensureTeam({ name: `${prefix} ${++teamSeq}`, timezone: 'Asia/Shanghai', locale: 'zh' });
    const rep = await r.teams.upsertMember({ teamId: team.id, email: `rep${teamSeq}@example.com`, name: 'Li Wei', role: 'rep' });
    return { r, team, teamId: team.id, repId: rep.id };
  }
  const put = (r: ContractRepos, e: Omit<StoredEntry, 'updatedAt' | 'source' | 'values'> & { values?: StoredEntry['values']; source?: StoredEntry['source'] }, at = AT) =>
    r.reports.upsertEntry({ source: 'chat', values: entry(), ...e }, at);

  it('teams: ensureTeam is idempotent; found by id, by name (trimmed, any case), listed in id order, updated', async () => {
    const r = repos();
    const a = await r.teams.ensureTeam({ name: `East ${++teamSeq}`, timezone: 'Asia/Shanghai', locale: 'zh' });
    const again = await r.teams.ensureTeam({ name: a.name, timezone: 'UTC', locale: 'en' });
    expect(again).toEqual(a);
    expect(await r.teams.getTeam(a.id)).toEqual(a);
    expect(await r.teams.getTeam(999_999)).toBeNull();
    expect(await r.teams.teamByName(`  ${a.name.toUpperCase()} `)).toEqual(a);
    expect(await r.teams.teamByName('nobody')).toBeNull();
    await r.teams.updateTeam(a.id, { timezone: 'Europe/Berlin', locale: 'en' });
    expect(await r.teams.getTeam(a.id)).toEqual({ ...a, timezone: 'Europe/Berlin', locale: 'en' });
    const ids = (await r.teams.listTeams()).map((t) => t.id);
    expect(ids).toEqual([...ids].sort((x, y) => x - y));
    expect(ids).toContain(a.id);
  });

  it('members: upsert by email (any case) keeps the stored email, updates name and role; identities, away, prefs', async () => {
    const { r, teamId } = await newTeam();
    const m = await r.teams.upsertMember({ teamId, email: ' Zhang.Min@Example.com ', name: ' Zhang Min ', role: 'rep' });
    expect(m).toMatchObject({ teamId, email: 'Zhang.Min@Example.com', name: 'Zhang Min', role: 'rep', identities: [], timezone: null, locale: null, awayUntil: null });
    const same = await r.teams.upsertMember({ teamId, email: 'zhang.min@example.com', name: 'Zhang Min', role: 'manager' });
    expect(same).toMatchObject({ id: m.id, email: 'Zhang.Min@Example.com', role: 'manager' });
    expect((await r.teams.memberByEmail(teamId, 'ZHANG.MIN@example.com '))?.id).toBe(m.id);
    expect(await r.teams.memberByEmail(teamId, 'nobody@example.com')).toBeNull();

    await r.teams.setPlatformId(m.id, 'slack', 'U1');
    await r.teams.setPlatformId(m.id, 'feishu', 'ou_1');
    await r.teams.setPlatformId(m.id, 'slack', 'U2');
    const found = await r.teams.memberByPlatformId('slack', 'U2');
    expect(found?.id).toBe(m.id);
    expect(found?.identities).toEqual([{ platform: 'feishu', userId: 'ou_1' }, { platform: 'slack', userId: 'U2' }]);
    expect(await r.teams.memberByPlatformId('slack', 'U1')).toBeNull();
    await r.teams.setPlatformId(m.id, 'feishu', null);
    expect((await r.teams.getMember(m.id))?.identities).toEqual([{ platform: 'slack', userId: 'U2' }]);

    await r.teams.setAway(m.id, '2026-11-01');
    await r.teams.setMemberPrefs(m.id, { timezone: 'Europe/Berlin', locale: 'en' });
    await r.teams.setMemberPrefs(m.id, { locale: undefined });
    expect(await r.teams.getMember(m.id)).toMatchObject({ awayUntil: '2026-11-01', timezone: 'Europe/Berlin', locale: 'en' });
    const list = await r.teams.listMembers(teamId);
    expect(list.map((x) => x.email)).toEqual([list[0]!.email, 'Zhang.Min@Example.com']);
    expect(list[1]!.identities).toEqual([{ platform: 'slack', userId: 'U2' }]);
    expect(await r.teams.getMember(999_999)).toBeNull();
  });

  it('settings, manager channels (a channel belongs to one team) and overseen teams', async () => {
    const { r, teamId, repId } = await newTeam();
    const other = (await newTeam()).teamId;
    expect(await r.teams.getSetting(teamId, 'digest.hour')).toBeNull();
    await r.teams.setSetting(teamId, 'digest.hour', { at: 9 });
    await r.teams.setSetting(teamId, 'digest.hour', { at: 10 });
    expect(await r.teams.getSetting<{ at: number }>(teamId, 'digest.hour')).toEqual({ at: 10 });
    expect(await r.teams.getSetting(other, 'digest.hour')).toBeNull();

    const channel = `C-${teamId}`;
    await r.teams.setTeamChannel(teamId, 'slack', channel);
    await r.teams.setTeamChannel(teamId, 'feishu', `oc-${teamId}`);
    expect(await r.teams.teamChannels(teamId)).toEqual([{ platform: 'feishu', channelId: `oc-${teamId}` }, { platform: 'slack', channelId: channel }]);
    expect(await r.teams.teamOfChannel('slack', channel)).toBe(teamId);
    await expect(r.teams.setTeamChannel(other, 'slack', channel)).rejects.toMatchObject({ code: 'channel_taken' });
    await r.teams.setTeamChannel(teamId, 'feishu', null);
    expect(await r.teams.teamChannels(teamId)).toEqual([{ platform: 'slack', channelId: channel }]);
    expect(await r.teams.teamOfChannel('slack', 'C-none')).toBeNull();

    await r.teams.setOverseenTeams(repId, [other, teamId, other]);
    expect(await r.teams.overseenTeams(repId)).toEqual([teamId, other].sort((a, b) => a - b));
    await r.teams.setOverseenTeams(repId, []);
    expect(await r.teams.overseenTeams(repId)).toEqual([]);
  });

  it('customers: matched by normalised name; upsert changes only what is given; by ids, by rep', async () => {
    const { r, teamId, repId } = await newTeam();
    const c = await r.customers.upsertCustomer({ teamId, name: ' 华星科技 ', industry: 'retail', region: 'east', tier: 'key', aliases: ['华星', ' '] });
    expect(c).toEqual({ id: c.id, teamId, name: '华星科技', aliases: ['华星'], ownerRepId: null, industry: 'retail', region: 'east', tier: 'key', since: null });
    const acme = await r.customers.upsertCustomer({ teamId, name: 'ＡＣＭＥ  Corp', ownerRepId: repId, since: '2025-01-01' });
    expect((await r.customers.customerByName(teamId, 'acme corp'))?.id).toBe(acme.id);
    const updated = await r.customers.upsertCustomer({ teamId, name: 'ACME CORP', region: 'north', tier: undefined });
    expect(updated).toEqual({ ...acme, region: 'north' });
    expect(await r.customers.getCustomer(acme.id)).toEqual(updated);
    expect((await r.customers.listCustomers(teamId)).map((x) => x.id)).toEqual([c.id, acme.id]);
    expect((await r.customers.customersByIds([acme.id, 999_999, c.id, acme.id])).map((x) => x.id)).toEqual([c.id, acme.id]);
    expect(await r.customers.customersByIds([])).toEqual([]);
    expect((await r.customers.customersOfRep(repId)).map((x) => x.name)).toEqual(['ＡＣＭＥ  Corp'.trim()]);
    await expect(r.customers.upsertCustomer({ teamId, name: ' \u200b ' })).rejects.toMatchObject({ code: 'customer_name_empty' });
    expect(await r.customers.customerByName(teamId, 'nobody')).toBeNull();
  });

  it('entries: upsert tells a change from an identical re-upsert; custom values kept when not given; reads in order', async () => {
    const { r, teamId, repId } = await newTeam();
    const a = (await r.customers.upsertCustomer({ teamId, name: 'A' })).id;
    const b = (await r.customers.upsertCustomer({ teamId, name: 'B' })).id;
    expect(await put(r, { teamId, week: '2026-W10', repId, customerId: a, values: entry({ revenue: 1234.56, notes: 'long note' }), custom: { contractEnd: '2026-12-31' } })).toBe(true);
    expect(await put(r, { teamId, week: '2026-W10', repId, customerId: a, values: entry({ revenue: 1234.56, notes: 'long note' }), custom: { contractEnd: '2026-12-31' } }, '2026-10-02T00:00:00.000Z')).toBe(false);
    expect(await put(r, { teamId, week: '2026-W10', repId, customerId: a, values: entry({ revenue: 1234.56, notes: 'long note' }) })).toBe(false);
    expect(await put(r, { teamId, week: '2026-W10', repId, customerId: b, values: entry({ stage: 'lost', overdueDays: 10 }), carried: true }, '2026-10-03T00:00:00.000Z')).toBe(true);
    expect(await put(r, { teamId, week: '2026-W11', repId, customerId: a, values: entry({ overdueDays: 95, revenue: 10 }) })).toBe(true);
    expect(await put(r, { teamId, week: '2026-W12', repId, customerId: b, values: entry({ revenue: null }) })).toBe(true);

    const week = await r.reports.entriesForWeek(teamId, '2026-W10');
    expect(week.map((e) => [e.customerId, e.carried, e.updatedAt, e.values.notes, e.custom])).toEqual([
      [a, false, AT, 'long note', { contractEnd: '2026-12-31' }],
      [b, true, '2026-10-03T00:00:00.000Z', null, {}],
    ]);
    expect(week[0]!.values).toEqual(entry({ revenue: 1234.56, notes: 'long note' }));
    expect((await r.reports.entriesInRange(teamId, '2026-W10', '2026-W11')).map((e) => [e.week, e.customerId])).toEqual([['2026-W10', a], ['2026-W10', b], ['2026-W11', a]]);

    const rows = await r.reports.scoringRowsInRange(teamId, '2026-W10', '2026-W12');
    expect(rows.map((x) => [x.week, x.customerId, x.repId])).toEqual([['2026-W10', a, repId], ['2026-W10', b, repId], ['2026-W11', a, repId], ['2026-W12', b, repId]]);
    expect(rows[0]!.values).toEqual(entry({ revenue: 1234.56, notes: null }));
    expect(rows[0]!.values.custom).toBeUndefined();
    expect(rows.map((x) => x.carried)).toEqual([undefined, true, undefined, undefined]);
    const withCustom = await r.reports.scoringRowsInRange(teamId, '2026-W10', '2026-W10', { custom: true });
    expect(withCustom.map((x) => x.values.custom)).toEqual([{ contractEnd: '2026-12-31' }, undefined]);

    expect(await r.reports.revenueByRepWeek(teamId, '2026-W10', '2026-W12')).toEqual([
      { repId, week: '2026-W10', revenue: 2234.56 }, { repId, week: '2026-W11', revenue: 10 }, { repId, week: '2026-W12', revenue: null },
    ]);
    expect(await r.reports.lostOrOverdueEntries(teamId, '2026-W10', '2026-W12', 90)).toEqual([
      { week: '2026-W10', customerId: b, lost: true, overdueDays: 10 }, { week: '2026-W11', customerId: a, lost: false, overdueDays: 95 },
    ]);
    expect((await r.reports.latestEntries(teamId, '2026-W10', '2026-W11')).map((e) => [e.customerId, e.week])).toEqual([[a, '2026-W11'], [b, '2026-W10']]);
    expect((await r.reports.customerEntries(a, '2026-W01', '2026-W52')).map((e) => e.week)).toEqual(['2026-W10', '2026-W11']);
    expect((await r.reports.lastEntryBefore(a, '2026-W11'))?.week).toBe('2026-W10');
    expect(await r.reports.lastEntryBefore(a, '2026-W10')).toBeNull();
    expect(await r.reports.weeksWithEntries(teamId)).toEqual(['2026-W10', '2026-W11', '2026-W12']);
    expect(await r.reports.firstWeek(teamId)).toBe('2026-W10');
    expect(await r.reports.firstWeek((await newTeam()).teamId)).toBeNull();
  });

  it('report statuses: submitted and late per (week, rep), resubmission replaces', async () => {
    const { r, teamId, repId } = await newTeam();
    const other = (await r.teams.upsertMember({ teamId, email: `other${teamSeq}@example.com`, name: 'Other', role: 'rep' })).id;
    await r.reports.markSubmitted(teamId, '2026-W10', other, AT, true);
    await r.reports.markSubmitted(teamId, '2026-W10', repId, AT, false);
    await r.reports.markSubmitted(teamId, '2026-W10', repId, '2026-10-02T00:00:00.000Z', true);
    await r.reports.markSubmitted(teamId, '2026-W11', repId, AT, false);
    expect(await r.reports.reportStatuses(teamId, '2026-W10')).toEqual([
      { teamId, week: '2026-W10', repId, submittedAt: '2026-10-02T00:00:00.000Z', late: true },
      { teamId, week: '2026-W10', repId: other, submittedAt: AT, late: true },
    ]);
    expect((await r.reports.reportStatusesInRange(teamId, '2026-W09', '2026-W11')).map((s) => [s.week, s.repId])).toEqual([['2026-W10', repId], ['2026-W10', other], ['2026-W11', repId]]);
  });

  it('scores: a week saved whole replaces the last; read by week, flagged, history, one customer; fingerprints', async () => {
    const { r, teamId } = await newTeam();
    const ids: number[] = [];
    for (const name of ['A', 'B', 'C']) ids.push((await r.customers.upsertCustomer({ teamId, name })).id);
    const [a, b, c] = ids as [number, number, number];
    expect(await r.scores.storedWeekHash(teamId, '2026-W10')).toBeUndefined();
    await r.scores.saveWeekScores(teamId, '2026-W10', [score(a, '2026-W10', 80), score(b, '2026-W10', 10), score(c, '2026-W10', 55)]);
    expect(await r.scores.storedWeekHash(teamId, '2026-W10')).toBeNull();
    await r.scores.saveWeekScores(teamId, '2026-W10', [score(a, '2026-W10', 75, { delta: -5, weeksInRed: 2 }), score(b, '2026-W10', 10, { hasData: false }), score(c, '2026-W10', 55)], 'h1');
    await r.scores.saveWeekScores(teamId, '2026-W11', [score(a, '2026-W11', 20), score(b, '2026-W11', 60), score(c, '2026-W11', 5)], 'h2');

    const week = await r.scores.scoresForWeek(teamId, '2026-W10');
    expect(week.map((s) => [s.customerId, s.index, s.grade])).toEqual([[a, 75, 'A'], [c, 55, 'B'], [b, 10, null]]);
    expect(week[0]).toEqual(score(a, '2026-W10', 75, { delta: -5, weeksInRed: 2 }));
    expect(week[2]!.hasData).toBe(false);
    expect((await r.scores.flaggedScoresForWeek(teamId, '2026-W10')).map((s) => s.customerId)).toEqual([a, c]);
    expect(await r.scores.storedWeekHash(teamId, '2026-W10')).toBe('h1');
    expect(await r.scores.scoredWeeks(teamId)).toEqual(['2026-W10', '2026-W11']);
    expect(await r.scores.scoredWeeks(teamId, 'h2')).toEqual(['2026-W11']);
    expect(await r.scores.gradeCounts(teamId, '2026-W01', '2026-W52')).toEqual([{ week: '2026-W10', total: 3, A: 1, B: 1 }, { week: '2026-W11', total: 3, A: 0, B: 1 }]);
    expect(await r.scores.gradeCounts(teamId, '2026-W01', '2026-W52', [a, b])).toEqual([{ week: '2026-W10', total: 2, A: 1, B: 0 }, { week: '2026-W11', total: 2, A: 0, B: 1 }]);
    expect(await r.scores.indexHistory(teamId, '2026-W10', '2026-W11')).toEqual([
      { customerId: a, week: '2026-W10', index: 75, grade: 'A' }, { customerId: b, week: '2026-W10', index: 10, grade: null }, { customerId: c, week: '2026-W10', index: 55, grade: 'B' },
      { customerId: a, week: '2026-W11', index: 20, grade: null }, { customerId: b, week: '2026-W11', index: 60, grade: 'B' }, { customerId: c, week: '2026-W11', index: 5, grade: null },
    ]);
    expect(await r.scores.weekSummaries(teamId, '2026-W01', '2026-W52')).toEqual([
      { week: '2026-W10', scored: 3, flagged: 2, indexSum: 140 }, { week: '2026-W11', scored: 3, flagged: 1, indexSum: 85 },
    ]);
    // a and c were red in W10, b in W11: all three; with a window of W11 only, b plus the `also` c.
    expect((await r.scores.flaggedHistory(teamId, '2026-W11', '2026-W11', [c])).map((x) => x.customerId)).toEqual([b, c]);
    expect((await r.scores.previousScores(teamId, '2026-W10')).sort((x, y) => x.customerId - y.customerId)).toEqual([
      { customerId: a, week: '2026-W10', index: 75, grade: 'A', weeksInRed: 2 }, { customerId: b, week: '2026-W10', index: 10, grade: null, weeksInRed: 0 },
      { customerId: c, week: '2026-W10', index: 55, grade: 'B', weeksInRed: 1 },
    ]);
    expect((await r.scores.scoreHistory(a, '2026-W01', '2026-W52')).map((s) => [s.week, s.index])).toEqual([['2026-W10', 75], ['2026-W11', 20]]);
    expect((await r.scores.customerScore(c, '2026-W11'))?.index).toBe(5);
    expect(await r.scores.customerScore(c, '2026-W12')).toBeNull();
    await expect(r.scores.saveWeekScores(teamId, '2026-W12', [score(a, '2026-W11', 1)])).rejects.toThrow(/is for 2026-W11, not 2026-W12/);
    await r.scores.invalidateFrom(teamId, '2026-W11');
    expect(await r.scores.scoredWeeks(teamId)).toEqual(['2026-W10']);
  });

  it('segment medians: the week\'s other customers with data in the segment, the median of each sub-score', async () => {
    const { r, teamId } = await newTeam();
    const mk = async (name: string, industry: string, region: string) => (await r.customers.upsertCustomer({ teamId, name, industry, region })).id;
    const self = await mk('Self', 'retail', 'east');
    const p1 = await mk('P1', 'retail', 'east');
    const p2 = await mk('P2', 'retail', 'east');
    const p3 = await mk('P3', 'retail', 'west');
    const p4 = await mk('P4', 'energy', 'east');
    const noData = await mk('P5', 'retail', 'east');
    await r.scores.saveWeekScores(teamId, '2026-W10', [
      score(self, '2026-W10', 90), score(p1, '2026-W10', 10), score(p2, '2026-W10', 20), score(p3, '2026-W10', 40), score(p4, '2026-W10', 70),
      score(noData, '2026-W10', 99, { hasData: false }),
    ]);
    const seg = await r.scores.segmentMedians(teamId, '2026-W10', self, { industry: 'retail', region: 'east' });
    expect(seg.customers).toBe(2);
    expect(seg.median.payment).toBe(15);
    expect(Object.keys(seg.median).sort()).toEqual([...DIMENSIONS].sort());
    const industry = await r.scores.segmentMedians(teamId, '2026-W10', self, { industry: 'retail', region: null });
    expect([industry.customers, industry.median.payment]).toEqual([3, 20]);
    const book = await r.scores.segmentMedians(teamId, '2026-W10', self, { industry: null, region: null });
    expect([book.customers, book.median.payment]).toEqual([4, 30]);
    const none = await r.scores.segmentMedians(teamId, '2026-W10', self, { industry: 'mining', region: null });
    expect([none.customers, none.median.payment]).toEqual([0, 0]);
  });
}
