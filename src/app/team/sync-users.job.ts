// Match team members to platform accounts by email (cached on the member row). A member with no
// account stays unmatched and is listed as unreachable in the digest, never silently skipped.
import type { Member } from '../../core/team.js';
import type { RadarApp } from '../radar-app.js';
import { ChatDeliveryError } from '../ports/chat.port.js';
import { userIdOn } from '../radar-app.js';

export interface SyncUsersResult {
  matched: number;
  unmatched: Array<{ member: Member; platform: string }>;
}

export async function syncUsers(app: RadarApp, teamId: number): Promise<SyncUsersResult> {
  const result: SyncUsersResult = { matched: 0, unmatched: [] };
  const members = app.ctx.repos.teams.listMembers(teamId);
  for (const binding of app.platforms) {
    // Profiles have their own rate limit (users.info is Tier 4, lookups Tier 3): pausing one leaves the other.
    let profilesPaused = false;
    for (const member of members) {
      try {
        const userId = userIdOn(binding.platform, member) ?? await binding.chat.lookupUserByEmail(member.email);
        if (!userId) {
          result.unmatched.push({ member, platform: binding.platform });
          continue;
        }
        if (!userIdOn(binding.platform, member)) {
          app.ctx.repos.teams.setPlatformId(member.id, binding.platform, userId);
          result.matched += 1;
        }
        if (!profilesPaused) profilesPaused = !(await adoptProfile(app, binding, member, userId));
      } catch (err) {
        // A lookup failure (rate limit, outage) leaves the member for the next sync.
        app.ctx.logger.warn({ memberId: member.id, platform: binding.platform, err: (err as Error).message }, 'user lookup failed');
        result.unmatched.push({ member, platform: binding.platform });
        // Rate limited: the rest of this platform waits for the next sync instead of hammering it.
        if (err instanceof ChatDeliveryError && err.code === 'rate_limited') break;
      }
    }
  }
  return result;
}

/**
 * Take the person's timezone and language from their chat profile while either is unknown (the
 * platform port reads each profile once and caches it). False when the platform rate-limited the
 * read: no more profile reads for it in this sync.
 */
async function adoptProfile(app: RadarApp, binding: RadarApp['platforms'][number], member: Member, userId: string): Promise<boolean> {
  if ((member.timezone && member.locale) || !binding.chat.userProfile) return true;
  let profile;
  try {
    profile = await binding.chat.userProfile(userId);
  } catch (err) {
    app.ctx.logger.warn({ memberId: member.id, platform: binding.platform, err: (err as Error).message }, 'profile read failed');
    return !(err instanceof ChatDeliveryError && err.code === 'rate_limited');
  }
  if (!profile) return true;
  const prefs = {
    ...(member.timezone || !profile.timezone ? {} : { timezone: profile.timezone }),
    ...(member.locale || !profile.locale ? {} : { locale: profile.locale }),
  };
  if (Object.keys(prefs).length > 0) app.ctx.repos.teams.setMemberPrefs(member.id, prefs);
  return true;
}
