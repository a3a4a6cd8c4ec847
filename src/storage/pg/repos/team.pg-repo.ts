// Teams, members and per-team settings on PostgreSQL (the async TeamRepo port), through drizzle's pg dialect.
import { and, asc, eq, sql } from 'drizzle-orm';
import { cleanName, type Member, type PlatformIdentity, type Team } from '../../../core/team.js';
import type { Locale } from '../../../core/i18n.js';
import type { Platform } from '../../../app/ports/chat.port.js';
import type { MemberInput, TeamChannel } from '../../../app/ports/repositories.port.js';
import type { AsyncTeamRepo } from '../../../app/ports/async.port.js';
import type { PgDb } from '../db.js';
import { memberIdentities, members, memberTeamScopes, settings, teamChannels, teams } from '../schema.js';
import { toMember } from '../../repos/team.sqlite-repo.js';
import { StorageError } from '../../errors.js';

type TeamRow = typeof teams.$inferSelect;
const toTeam = (r: TeamRow): Team => ({ id: r.id, name: r.name, timezone: r.timezone, locale: r.locale as Locale });

export class PgTeamRepo implements AsyncTeamRepo {
  constructor(private readonly db: PgDb, private readonly now: () => string = () => new Date().toISOString()) {}

  async ensureTeam(input: { name: string; timezone: string; locale: Locale }): Promise<Team> {
    const { orm } = this.db;
    await orm.insert(teams).values({ ...input, createdAt: this.now() }).onConflictDoNothing();
    const [row] = await orm.select().from(teams).where(eq(teams.name, input.name));
    if (!row) throw new StorageError('team_not_created', `team ${input.name} could not be created`);
    return toTeam(row);
  }

  async getTeam(teamId: number): Promise<Team | null> {
    const [row] = await this.db.orm.select().from(teams).where(eq(teams.id, teamId));
    return row ? toTeam(row) : null;
  }

  async listTeams(): Promise<Team[]> {
    return (await this.db.orm.select().from(teams).orderBy(asc(teams.id))).map(toTeam);
  }

  async updateTeam(teamId: number, patch: Partial<Pick<Team, 'name' | 'timezone' | 'locale'>>): Promise<void> {
    const set = Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined));
    if (Object.keys(set).length === 0) return;
    await this.db.orm.update(teams).set(set).where(eq(teams.id, teamId));
  }

  async listMembers(teamId: number): Promise<Member[]> {
    const { orm } = this.db;
    const [rows, ids] = await Promise.all([
      orm.select().from(members).where(eq(members.teamId, teamId)).orderBy(asc(members.id)),
      orm.select({ memberId: memberIdentities.memberId, platform: memberIdentities.platform, userId: memberIdentities.userId })
        .from(memberIdentities).innerJoin(members, eq(members.id, memberIdentities.memberId))
        .where(eq(members.teamId, teamId)).orderBy(asc(memberIdentities.platform)),
    ]);
    const byMember = new Map<number, PlatformIdentity[]>();
    for (const x of ids) {
      const list = byMember.get(x.memberId) ?? [];
      list.push({ platform: x.platform, userId: x.userId });
      byMember.set(x.memberId, list);
    }
    return rows.map((r) => toMember(r, byMember.get(r.id) ?? []));
  }

  private async identities(memberId: number): Promise<PlatformIdentity[]> {
    return this.db.orm.select({ platform: memberIdentities.platform, userId: memberIdentities.userId }).from(memberIdentities)
      .where(eq(memberIdentities.memberId, memberId)).orderBy(asc(memberIdentities.platform));
  }

  private async withIdentities(row: typeof members.$inferSelect | undefined): Promise<Member | null> {
    return row ? toMember(row, await this.identities(row.id)) : null;
  }

  async getMember(memberId: number): Promise<Member | null> {
    const [row] = await this.db.orm.select().from(members).where(eq(members.id, memberId));
    return this.withIdentities(row);
  }

  async memberByEmail(teamId: number, email: string): Promise<Member | null> {
    // lower(email) matches the expression index members_team_email_uq.
    const [row] = await this.db.orm.select().from(members)
      .where(and(eq(members.teamId, teamId), sql`lower(${members.email}) = lower(${email.trim()})`));
    return this.withIdentities(row);
  }

  async memberByPlatformId(platform: Platform, userId: string): Promise<Member | null> {
    const [hit] = await this.db.orm.select({ member: members }).from(memberIdentities).innerJoin(members, eq(members.id, memberIdentities.memberId))
      .where(and(eq(memberIdentities.platform, platform), eq(memberIdentities.userId, userId))).orderBy(asc(memberIdentities.memberId)).limit(1);
    return this.withIdentities(hit?.member);
  }

  async upsertMember(input: MemberInput): Promise<Member> {
    const email = input.email.trim();
    const name = cleanName(input.name);
    // One statement (two replicas adding the same person race safely): on the lower(email) key, the
    // stored email's spelling stays, name and role follow the input.
    const [saved] = await this.db.query<{ id: number }>(
      `INSERT INTO members (team_id, email, name, role) VALUES ($1, $2, $3, $4)
       ON CONFLICT (team_id, lower(email)) DO UPDATE SET name = excluded.name, role = excluded.role RETURNING id`,
      [input.teamId, email, name, input.role]);
    const member = saved ? await this.getMember(saved.id) : null;
    if (!member) throw new StorageError('member_not_saved', `member ${email} could not be saved`);
    return member;
  }

  async setPlatformId(memberId: number, platform: Platform, userId: string | null): Promise<void> {
    const where = and(eq(memberIdentities.memberId, memberId), eq(memberIdentities.platform, platform));
    if (userId === null) {
      await this.db.orm.delete(memberIdentities).where(where);
      return;
    }
    await this.db.orm.insert(memberIdentities).values({ memberId, platform, userId })
      .onConflictDoUpdate({ target: [memberIdentities.memberId, memberIdentities.platform], set: { userId } });
  }

  async setAway(memberId: number, until: string | null): Promise<void> {
    await this.db.orm.update(members).set({ awayUntil: until }).where(eq(members.id, memberId));
  }

  async setMemberPrefs(memberId: number, prefs: { timezone?: string | null; locale?: Locale | null }): Promise<void> {
    const set = Object.fromEntries(Object.entries(prefs).filter(([, v]) => v !== undefined));
    if (Object.keys(set).length === 0) return;
    await this.db.orm.update(members).set(set).where(eq(members.id, memberId));
  }

  async getSetting<T>(teamId: number, key: string): Promise<T | null> {
    const [row] = await this.db.orm.select({ value: settings.value }).from(settings).where(and(eq(settings.teamId, teamId), eq(settings.key, key)));
    return row ? (JSON.parse(row.value) as T) : null;
  }

  async setSetting(teamId: number, key: string, value: unknown): Promise<void> {
    const json = JSON.stringify(value ?? null);
    await this.db.orm.insert(settings).values({ teamId, key, value: json })
      .onConflictDoUpdate({ target: [settings.teamId, settings.key], set: { value: json } });
  }

  async teamByName(name: string): Promise<Team | null> {
    const [row] = await this.db.orm.select().from(teams).where(sql`lower(${teams.name}) = lower(${name.trim()})`).orderBy(asc(teams.id)).limit(1);
    return row ? toTeam(row) : null;
  }

  async teamChannels(teamId: number): Promise<TeamChannel[]> {
    return this.db.orm.select({ platform: teamChannels.platform, channelId: teamChannels.channelId })
      .from(teamChannels).where(eq(teamChannels.teamId, teamId)).orderBy(asc(teamChannels.platform));
  }

  async setTeamChannel(teamId: number, platform: Platform, channelId: string | null): Promise<void> {
    const { orm } = this.db;
    if (channelId === null) {
      await orm.delete(teamChannels).where(and(eq(teamChannels.teamId, teamId), eq(teamChannels.platform, platform)));
      return;
    }
    const owner = await this.teamOfChannel(platform, channelId);
    if (owner !== null && owner !== teamId) {
      throw new StorageError('channel_taken', `${platform} channel ${channelId} is already the manager channel of team #${owner}`);
    }
    await orm.insert(teamChannels).values({ teamId, platform, channelId })
      .onConflictDoUpdate({ target: [teamChannels.teamId, teamChannels.platform], set: { channelId } });
  }

  async teamOfChannel(platform: Platform, channelId: string): Promise<number | null> {
    const [row] = await this.db.orm.select({ teamId: teamChannels.teamId }).from(teamChannels)
      .where(and(eq(teamChannels.platform, platform), eq(teamChannels.channelId, channelId)));
    return row?.teamId ?? null;
  }

  async overseenTeams(memberId: number): Promise<number[]> {
    return (await this.db.orm.select({ teamId: memberTeamScopes.teamId }).from(memberTeamScopes)
      .where(eq(memberTeamScopes.memberId, memberId)).orderBy(asc(memberTeamScopes.teamId))).map((r) => r.teamId);
  }

  async setOverseenTeams(memberId: number, teamIds: readonly number[]): Promise<void> {
    await this.db.transaction(async () => {
      await this.db.orm.delete(memberTeamScopes).where(eq(memberTeamScopes.memberId, memberId));
      const unique = [...new Set(teamIds)];
      if (unique.length > 0) await this.db.orm.insert(memberTeamScopes).values(unique.map((teamId) => ({ memberId, teamId })));
    });
  }
}
