// Many teams in one database: each with its own settings, manager channel, digest; directors and owners
// who look across teams get the organisation digest and ask across them.
import { describe, expect, it } from 'vitest';
import { createHarness, NOW, WEEKS, type Harness } from '../support/app-harness.js';
import { importRecords } from '../../../src/app/import/import-records.service.js';
import { createSettingsResolver } from '../../../src/config/radar-config.js';
import { changeSetting } from '../../../src/app/settings/settings.service.js';
import { forTeam, teamSettings } from '../../../src/app/settings/team-settings.js';
import { ensureFlagged } from '../../../src/app/scoring/scoring.service.js';
import { runDigestStep } from '../../../src/app/digest/digest.job.js';
import { orgDigestKey } from '../../../src/app/digest/org-digest.job.js';
import { managerChannelOf, teamOfManagerChannel } from '../../../src/app/team/manager-channel.js';
import { teamsInScope } from '../../../src/app/team/team-scope.js';
import { isManagerChannelMessage } from '../../../src/app/interaction/interaction-context.js';
import { runCycleStep } from '../../../src/runtime/run-step.js';
import type { CardSpec } from '../../../src/ui/card.js';
import type { Member, Role } from '../../../src/core/team.js';
import { replied } from '../../support/answer.js';
import { orgDigestCard } from '../../../src/app/digest/org-digest.view.js';
import { tagLabelsOf } from '../../../src/app/shared/view-text.js';

const W = WEEKS.at(-1)!;

const entry = (week: string, rep: string, customer: string, over: Record<string, unknown> = {}) => JSON.stringify({
  week, rep, repName: rep.split('@')[0], customer, region: 'North', industry: 'retail', tier: 'normal',
  contacts: 2, lastContact: '2026-11-01', revenue: 5000, receivable: 10000, overdueDays: 0, complaints: 0,
  complaintType: null, requirementChanges: 0, faults: 0, usage: 'high', stage: 'live', expectedClose: null,
  health: 'green', notes: '', ...over,
});

/** The harness's team (Sales, the configured one) plus "East" with its own rep, customers and channel. */
function twoTeams(): Harness & { east: number; eastRep: Member; person(teamId: number, email: string, role: Role): Member } {
  const h = createHarness();
  const { repos } = h.app.ctx;
  const east = repos.teams.ensureTeam({ name: 'East', timezone: 'Asia/Shanghai', locale: 'zh' }).id;
  const lines = WEEKS.flatMap((w, i) => [
    entry(w, 'east.rep@example.com', '东方重工', { overdueDays: 90 + i * 7, receivable: 80000, contacts: 0 }),
    entry(w, 'east.rep@example.com', '北辰贸易'),
  ]);
  importRecords(repos, { name: 'east.jsonl', text: lines.join('\n') }, { teamId: east, now: NOW.toISOString() });
  repos.teams.setTeamChannel(east, 'slack', 'CEAST');
  const person = (teamId: number, email: string, role: Role) => {
    const m = repos.teams.upsertMember({ teamId, email, name: email.split('@')[0]!, role });
    repos.teams.setPlatformId(m.id, 'slack', `U-${email.split('@')[0]}`);
    return repos.teams.getMember(m.id)!;
  };
  const eastRep = repos.teams.memberByEmail(east, 'east.rep@example.com')!;
  repos.teams.setPlatformId(eastRep.id, 'slack', 'U-east.rep');
  return { ...h, east, eastRep: repos.teams.getMember(eastRep.id)!, person };
}

describe('team repository', () => {
  it('finds a team by name whatever its case and spaces, and a channel belongs to one team', () => {
    const h = twoTeams();
    const { teams } = h.app.ctx.repos;
    expect(teams.teamByName('  east ')?.id).toBe(h.east);
    expect(teams.teamByName('West')).toBeNull();
    expect(teams.teamOfChannel('slack', 'CEAST')).toBe(h.east);
    expect(() => teams.setTeamChannel(h.teamId, 'slack', 'CEAST')).toThrow(/already the manager channel/);
    teams.setTeamChannel(h.east, 'slack', null);
    expect(teams.teamChannels(h.east)).toEqual([]);
  });
});

describe('settings per team', () => {
  it('a change made for one team leaves the other team\'s settings and scores alone', () => {
    const h = twoTeams();
    h.app.ctx.settingsResolver = createSettingsResolver(null);
    const ctx = h.app.ctx;
    const beforeSales = ensureFlagged(ctx, h.teamId, W).map((s) => s.customerId);
    changeSetting(ctx, h.east, { key: 'scoring.grades.B', value: 0, actor: 'east.manager@example.com' });
    expect(teamSettings(ctx, h.east).scoring.grades.B).toBe(0);
    expect(teamSettings(ctx, h.teamId).scoring.grades.B).toBe(50);
    expect(forTeam(ctx, h.teamId).settings.scoring.grades.B).toBe(50);
    // East: every customer with any risk is flagged now; Sales is scored as before.
    expect(ensureFlagged(ctx, h.east, W)).toHaveLength(2);
    expect(ensureFlagged(ctx, h.teamId, W).map((s) => s.customerId)).toEqual(beforeSales);
  });
});

describe('manager channels', () => {
  it('each team\'s digest goes to its own channel; the env channel is the configured team\'s; a team without one posts nothing', async () => {
    const h = twoTeams();
    const { repos } = h.app.ctx;
    const west = repos.teams.ensureTeam({ name: 'West', timezone: 'Asia/Shanghai', locale: 'en' }).id;
    expect(managerChannelOf(h.app, h.teamId, 'slack')).toBe('CMGR');
    expect(managerChannelOf(h.app, h.east, 'slack')).toBe('CEAST');
    expect(managerChannelOf(h.app, west, 'slack')).toBeNull();
    expect(teamOfManagerChannel(h.app, 'slack', 'CEAST')).toBe(h.east);
    expect(teamOfManagerChannel(h.app, 'slack', 'CMGR')).toBe(h.teamId);
    expect(isManagerChannelMessage(h.app, { platform: 'slack', channel: 'CEAST', messageId: '1' })).toBe(true);
    expect(isManagerChannelMessage(h.app, { platform: 'slack', channel: 'D-someone', messageId: '1' })).toBe(false);

    await runDigestStep(h.app, h.teamId, W);
    await runDigestStep(h.app, h.east, W);
    const west1 = await runDigestStep(h.app, west, W);
    expect(repos.outbox.byKey(`digest:${h.teamId}:${W}:slack`)?.destination).toEqual({ kind: 'channel', channelId: 'CMGR' });
    expect(repos.outbox.byKey(`digest:${h.east}:${W}:slack`)?.destination).toEqual({ kind: 'channel', channelId: 'CEAST' });
    expect(repos.outbox.byKey(`digest:${west}:${W}:slack`)).toBeNull();
    expect(west1.digestsQueued).toBe(0);
    // East's digest is East's: its own customer, not Sales' 华星科技.
    const eastCard = repos.outbox.byKey(`digest:${h.east}:${W}:slack`)!.card as CardSpec;
    const texts = eastCard.blocks.flatMap((b) => (b.type === 'text' ? [b.text.map((x) => (typeof x === 'string' ? x : 'bold' in x ? x.bold : '')).join('')] : []));
    expect(texts.some((t) => t.includes('东方重工'))).toBe(true);
    expect(texts.some((t) => t.includes('华星科技'))).toBe(false);
  });

  it('once a team names its own channel, the env channel is no longer the configured team\'s', () => {
    const h = twoTeams();
    h.app.ctx.repos.teams.setTeamChannel(h.teamId, 'slack', 'CSALES');
    expect(managerChannelOf(h.app, h.teamId, 'slack')).toBe('CSALES');
    expect(teamOfManagerChannel(h.app, 'slack', 'CMGR')).toBeNull();
  });
});

describe('who looks across teams', () => {
  it('an owner sees every team, a director their own and those they oversee, anyone else their own', () => {
    const h = twoTeams();
    const { repos } = h.app.ctx;
    const west = repos.teams.ensureTeam({ name: 'West', timezone: 'Asia/Shanghai', locale: 'en' }).id;
    expect(teamsInScope(repos, h.members.owner).map((t) => t.id)).toEqual([h.teamId, h.east, west]);
    expect(teamsInScope(repos, h.members.director).map((t) => t.id)).toEqual([h.teamId]);
    repos.teams.setOverseenTeams(h.members.director.id, [west]);
    expect(teamsInScope(repos, h.members.director).map((t) => t.id)).toEqual([h.teamId, west]);
    expect(teamsInScope(repos, h.members.manager).map((t) => t.id)).toEqual([h.teamId]);
  });
});

describe('the organisation digest', () => {
  it('is DMed to directors and owners once every team in their view has had its digest, once', async () => {
    const h = twoTeams();
    const { repos } = h.app.ctx;
    repos.teams.setOverseenTeams(h.members.director.id, [h.east]);
    // Sales' digest first: East has not had its digest yet, so nobody gets a half-empty organisation digest.
    const sales = await runDigestStep(h.app, h.teamId, W);
    expect(sales.orgDigestsQueued).toBe(0);
    repos.jobRuns.claim(h.teamId, W, 'digest', NOW.toISOString());
    repos.jobRuns.finish(h.teamId, W, 'digest', NOW.toISOString());
    // East's digest, through the step runner the scheduler uses: now the director and the owner get it.
    const east = await runCycleStep(h.app, h.east, W, 'digest') as Awaited<ReturnType<typeof runDigestStep>>;
    expect(east.orgDigestsQueued).toBe(2);
    const toDirector = repos.outbox.byKey(orgDigestKey(W, h.members.director.id, 'slack'))!;
    expect(toDirector.destination).toEqual({ kind: 'user', userId: 'U-director' });
    const card = toDirector.card as CardSpec;
    expect(card.title).toMatch(/Organisation digest 2026-W47 — 2 A-grade customers across 2 teams/);
    const tables = card.blocks.flatMap((b) => (b.type === 'table' ? [b.rows.map((r) => r.team)] : []));
    expect(tables).toEqual([['Sales', 'East']]);
    const flagged = card.blocks.flatMap((b) => (b.type === 'text' ? [b.text.map((x) => (typeof x === 'string' ? x : 'bold' in x ? x.bold : '')).join('')] : []));
    expect(flagged.filter((t) => t.includes('东方重工 · East'))).toHaveLength(1);
    expect(flagged.filter((t) => t.includes('华星科技 · Sales'))).toHaveLength(1);
    expect(repos.outbox.byKey(orgDigestKey(W, h.members.owner.id, 'slack'))).not.toBeNull();
    // The manager looks at one team: no organisation digest.
    expect(repos.outbox.byKey(orgDigestKey(W, h.members.manager.id, 'slack'))).toBeNull();
    // Running the step again sends nothing new.
    const again = await runDigestStep(h.app, h.east, W);
    expect(again.orgDigestsQueued).toBe(0);
  });

  it('answers `org digest` / 组织周报 in chat for those who look across teams, and refuses others', async () => {
    const h = twoTeams();
    const card = replied(await h.send({ type: 'command', actor: h.actor(h.members.owner), text: '组织周报', channelId: null }));
    expect(card.title).toMatch(/^Organisation digest \d{4}-W\d{2} — \d+ A-grade customers across 2 teams$/);
    const refused = await h.send({ type: 'command', actor: h.actor(h.members.manager), text: 'org digest', channelId: null });
    expect(refused.toast?.text).toMatch(/not allowed/i);
  });
});

describe('asking across teams', () => {
  it('an owner asking about another team\'s customer gets it from that team, named on the card', async () => {
    const h = twoTeams();
    const card = replied(await h.send({ type: 'command', actor: h.actor(h.members.owner), text: '东方重工怎么样', channelId: null }));
    expect(card.title).toContain('东方重工');
    expect(card.title).toMatch(/· East$/);
  });

  it('a team named in the question answers it; a rep of one team never sees another team\'s customers', async () => {
    const h = twoTeams();
    const named = replied(await h.send({ type: 'command', actor: h.actor(h.members.owner), text: 'East: top 5 risks', channelId: null }));
    expect(named.title).toMatch(/· East$/);
    const rep = replied(await h.send({ type: 'command', actor: h.actor(h.members.rep1), text: '东方重工怎么样', channelId: null }));
    expect(rep.title).not.toContain('East');
    expect(rep.title).not.toMatch(/东方重工/);
  });
});

describe('the organisation digest card', () => {
  it('names each team\'s custom tags as that team configured them', () => {
    const flag = (teamId: number, teamName: string, customerId: number) => ({
      teamId, teamName, customerId, customerName: `C${customerId}`, index: 90, delta: null, weeksInRed: 1,
      tags: ['contract_due'], reasons: [], repName: null, tasks: 0,
    });
    const headline = (teamId: number, teamName: string) => ({ teamId, teamName, customers: 1, gradeA: 1, gradeB: 0, newFlags: 1, reps: 1, submitted: 1, missing: 0, openTasks: 0, overdueTasks: 0, resolved: 0, revenue: 0 });
    const model = {
      week: '2026-W47', teams: [headline(1, 'Sales'), headline(2, 'East')], gradeA: [flag(1, 'Sales', 10), flag(2, 'East', 20)],
      totals: { customers: 2, gradeA: 2, gradeB: 0, newFlags: 2, reps: 2, submitted: 2, missing: 0, openTasks: 0, overdueTasks: 0, resolved: 0, revenue: 0 },
    };
    const labels = new Map([[1, tagLabelsOf({ contract_due: { label: { zh: '合同到期', en: 'Contract due' } } })], [2, tagLabelsOf({ contract_due: { label: { zh: '续约临近', en: 'Renewal near' } } })]]);
    const card = orgDigestCard(model, 'en', (teamId) => labels.get(teamId)!);
    const lines = card.blocks.flatMap((b) => (b.type === 'text' ? [b.text.map((x) => (typeof x === 'string' ? x : 'bold' in x ? x.bold : '')).join('')] : []));
    expect(lines.filter((l) => l.includes('C10'))[0]).toContain('Contract due');
    expect(lines.filter((l) => l.includes('C20'))[0]).toContain('Renewal near');
  });
});
