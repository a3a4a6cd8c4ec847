// What the bot needs from the web dashboard: a personal sign-in link for a member.
import type { Member } from '../../core/team.js';

export interface DashboardLinks {
  /** A signed, expiring sign-in URL for the member. */
  issue(member: Member): { url: string; expiresAt: Date };
}
