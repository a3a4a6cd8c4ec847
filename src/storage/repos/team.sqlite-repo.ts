// Teams, members and per-team settings.
import { and, asc, eq, sql } from 'drizzle-orm';
import { cleanName, type Member, type PlatformIdentity, type Role, type Team } from '../../core/team.js';
import type { Locale } from '../../core/i18n.js';
import type { Platform } from '../../app/ports/chat.port.js';
import type { MemberInput, TeamChannel, TeamRepo } from '../../app/ports/repositories.port.js';
import type { Db } from '../db.js';
import { memberIdentities, members, memberTeamScopes, settings, teamChannels, teams } from '../schema.js';
import { StorageError } from '../errors.js';

type TeamRow = typeof teams.$inferSelect;
type MemberRow = typeof members.$inferSelect;

const toTeam = (r: TeamRow): Team => ({ id: r.id, name: r.name, timezone: r.timezone, locale: r.locale as Locale });

export const toMember = (r: MemberRow, identities: readonly PlatformIdentity[]): Member => ({
  id: r.id,
  teamId: r.teamId,
  name: r.name,
  email: r.email,
  role: r.role as Role,
  identities,
  timezone: r.timezone,
  locale: (r.locale as Locale | null) ?? null,
  awayUntil: r.awayUntil,
});

export class SqliteTeamRepo implements TeamRepo {
  // Prepared once: every click resolves its person and team, and building + preparing the SQL each
  // time cost more than running it.
  private readonly prepared;

  constructor(private readonly db: Db, private readonly now: () => string = () => new Date().toISOString()) {
    const { orm } = db;
    const p = sql.placeholder;
    this.prepared = {
      team: orm.select().from(teams).where(eq(teams.id, p('id'))).prepare(),
      members: orm.select().from(members).where(eq(members.teamId, p('teamId'))).orderBy(asc(members.id)).prepare(),
      member: orm.select().from(members).where(eq(members.id, p('id'))).prepare(),
      // Every click resolves its person: the member row in the same query as the identity lookup.
      memberByPlatformId: orm.select({ member: members }).from(memberIdentities).innerJoin(members, eq(members.id, memberIdentities.memberId))
        .where(and(eq(memberIdentities.platform, p('platform')), eq(memberIdentities.userId, p('userId')))).orderBy(asc(memberIdentities.memberId)).limit(1).prepare(),
      identities: orm.select().from(memberIdentities).where(eq(memberIdentities.memberId, p('memberId'))).orderBy(asc(memberIdentities.platform)).prepare(),
      teamIdentities: orm.select({ memberId: memberIdentities.memberId, platform: memberIdentities.platform, userId: memberIdentities.userId })
        .from(memberIdentities).innerJoin(members, eq(members.id, memberIdentities.memberId))
        .where(eq(members.teamId, p('teamId'))).orderBy(asc(memberIdentities.platform)).prepare(),
      setting: orm.select({ value: settings.value }).from(settings).where(and(eq(settings.teamId, p('teamId')), eq(settings.key, p('key')))).prepare(),
    };
  }

  ensureTeam(input: { name: string; timezone: string; locale: Locale }): Team {
    const { orm } = this.db;
    orm.insert(teams).values({ ...input, createdAt: this.now() }).onConflictDoNothing().run();
    const row = orm.select().from(teams).where(eq(teams.name, input.name)).get();
    if (!row) throw new StorageError('team_not_created', `team ${input.name} could not be created`);
    return toTeam(row);
  }

  getTeam(teamId: number): Team | null {
    const row = this.prepared.team.get({ id: teamId });
    return row ? toTeam(row) : null;
  }

  listTeams(): Team[] {
    return this.db.orm.select().from(teams).orderBy(asc(teams.id)).all().map(toTeam);
  }

  updateTeam(teamId: number, patch: Partial<Pick<Team, 'name' | 'timezone' | 'locale'>>): void {
    const set = Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined));
    if (Object.keys(set).length === 0) return;
    this.db.orm.update(teams).set(set).where(eq(teams.id, teamId)).run();
  }

  listMembers(teamId: number): Member[] {
    const byMember = new Map<number, PlatformIdentity[]>();
    for (const x of this.prepared.teamIdentities.all({ teamId })) {
      const list = byMember.get(x.memberId) ?? [];
      list.push({ platform: x.platform, userId: x.userId });
      byMember.set(x.memberId, list);
    }
    return this.prepared.members.all({ teamId }).map((r) => toMember(r, byMember.get(r.id) ?? []));
  }

  getMember(memberId: number): Member | null {
    const row = this.prepared.member.get({ id: memberId });
    return row ? this.withIdentities(row) : null;
  }

  private withIdentities(row: MemberRow): Member {
    return toMember(row, this.prepared.identities.all({ memberId: row.id }).map((x) => ({ platform: x.platform, userId: x.userId })));
  }

  memberByEmail(teamId: number, email: string): Member | null {
    // lower(email) matches the expression index members_team_email_uq.
    const row = this.db.orm.select().from(members)
      .where(and(eq(members.teamId, teamId), sql`lower(${members.email}) = lower(${email.trim()})`)).get();
    return row ? this.withIdentities(row) : null;
  }

  memberByPlatformId(platform: Platform, userId: string): Member | null {
    const hit = this.prepared.memberByPlatformId.get({ platform, userId });
    return hit ? this.withIdentities(hit.member) : null;
  }

  upsertMember(input: MemberInput): Member {
    const email = input.email.trim();
    const name = cleanName(input.name);
    const existing = this.memberByEmail(input.teamId, email);
    if (existing) {
      if (existing.name !== name || existing.role !== input.role) {
        this.db.orm.update(members).set({ name, role: input.role }).where(eq(members.id, existing.id)).run();
        return { ...existing, name, role: input.role };
      }
      return existing;
    }
    const row = this.db.orm.insert(members)
      .values({ teamId: input.teamId, email, name, role: input.role }).returning().get();
    return toMember(row, []);
  }

  setPlatformId(memberId: number, platform: Platform, userId: string | null): void {
    const where = and(eq(memberIdentities.memberId, memberId), eq(memberIdentities.platform, platform));
    if (userId === null) {
      this.db.orm.delete(memberIdentities).where(where).run();
      return;
    }
    this.db.orm.insert(memberIdentities).values({ memberId, platform, userId })
      .onConflictDoUpdate({ target: [memberIdentities.memberId, memberIdentities.platform], set: { userId } }).run();
  }

  setAway(memberId: number, until: string | null): void {
    this.db.orm.update(members).set({ awayUntil: until }).where(eq(members.id, memberId)).run();
  }

  /** Extra: a member's own timezone/locale when the platform tells us. */
  setMemberPrefs(memberId: number, prefs: { timezone?: string | null; locale?: Locale | null }): void {
    const set = Object.fromEntries(Object.entries(prefs).filter(([, v]) => v !== undefined));
    if (Object.keys(set).length === 0) return;
    this.db.orm.update(members).set(set).where(eq(members.id, memberId)).run();
  }

  getSetting<T>(teamId: number, key: string): T | null {
    const row = this.prepared.setting.get({ teamId, key });
    return row ? (JSON.parse(row.value) as T) : null;
  }

  setSetting(teamId: number, key: string, value: unknown): void {
    const json = JSON.stringify(value ?? null);
    this.db.orm.insert(settings).values({ teamId, key, value: json })
      .onConflictDoUpdate({ target: [settings.teamId, settings.key], set: { value: json } }).run();
  }

  teamByName(name: string): Team | null {
    const row = this.db.orm.select().from(teams).where(sql`lower(${teams.name}) = lower(${name.trim()})`).get();
    return row ? toTeam(row) : null;
  }

  teamChannels(teamId: number): TeamChannel[] {
    return this.db.orm.select({ platform: teamChannels.platform, channelId: teamChannels.channelId })
      .from(teamChannels).where(eq(teamChannels.teamId, teamId)).orderBy(asc(teamChannels.platform)).all();
  }

  setTeamChannel(teamId: number, platform: Platform, channelId: string | null): void {
    const { orm } = this.db;
    if (channelId === null) {
      orm.delete(teamChannels).where(and(eq(teamChannels.teamId, teamId), eq(teamChannels.platform, platform))).run();
      return;
    }
    const owner = this.teamOfChannel(platform, channelId);
    if (owner !== null && owner !== teamId) {
      throw new StorageError('channel_taken', `${platform} channel ${channelId} is already the manager channel of team #${owner}`);
    }
    orm.insert(teamChannels).values({ teamId, platform, channelId })
      .onConflictDoUpdate({ target: [teamChannels.teamId, teamChannels.platform], set: { channelId } }).run();
  }

  teamOfChannel(platform: Platform, channelId: string): number | null {
    const row = this.db.orm.select({ teamId: teamChannels.teamId }).from(teamChannels)
      .where(and(eq(teamChannels.platform, platform), eq(teamChannels.channelId, channelId))).get();
    return row?.teamId ?? null;
  }

  overseenTeams(memberId: number): number[] {
    return this.db.orm.select({ teamId: memberTeamScopes.teamId }).from(memberTeamScopes)
      .where(eq(memberTeamScopes.memberId, memberId)).orderBy(asc(memberTeamScopes.teamId)).all().map((r) => r.teamId);
  }

  setOverseenTeams(memberId: number, teamIds: readonly number[]): void {
    const { orm } = this.db;
    orm.transaction((tx) => {
      tx.delete(memberTeamScopes).where(eq(memberTeamScopes.memberId, memberId)).run();
      const unique = [...new Set(teamIds)];
      if (unique.length > 0) tx.insert(memberTeamScopes).values(unique.map((teamId) => ({ memberId, teamId }))).run();
    });
  }
}
