// Sign-in links and sessions for the dashboard, with no passwords of our own. The secret comes from
// RADAR_WEB_SECRET, else one random secret generated once and kept in the team's settings. Each member
// has a link generation (also a setting): revoking bumps it, which kills every link and session issued
// before.
import { randomBytes } from 'node:crypto';
import type { Member } from '../../core/team.js';
import type { Repositories } from '../../app/ports/repositories.port.js';
import type { DashboardLinks } from '../../app/ports/dashboard.port.js';
import { text } from '../../core/i18n.js';
import { WebError } from '../errors.js';
import { signToken, verifyToken, type TokenCheck, type TokenPurpose } from './signed-token.js';

const SECRET_KEY = 'webSecret';
const generationKey = (memberId: number) => `webLinkGeneration:${memberId}`;

export const DEFAULT_LINK_TTL_MS = 7 * 24 * 3600_000;
/** A session lasts this long, and never past the link's own expiry plus this. */
export const SESSION_TTL_MS = 12 * 3600_000;
/** Where sign-in links land; the dashboard lives under DASHBOARD_PATH. */
export const DASHBOARD_PATH = '/dashboard';
export const SIGN_IN_PATH = `${DASHBOARD_PATH}/signin`;

export interface WebAuthOptions {
  repos: Repositories;
  /** RADAR_WEB_SECRET; null → generated once and stored. */
  secret: string | null;
  /** RADAR_PUBLIC_URL (no trailing slash), e.g. http://localhost:3000. */
  publicUrl: string;
  clock: () => Date;
  linkTtlMs?: number;
}

export type SignedIn = { ok: true; member: Member; expiresAt: number } | { ok: false; reason: 'malformed' | 'signature' | 'expired' | 'revoked' | 'unknown_member' };

export interface WebAuth extends DashboardLinks {
  issue(member: Member, ttlMs?: number): { url: string; expiresAt: Date };
  /** Invalidate every link and session the member holds. */
  revoke(member: Member): void;
  checkLink(token: string): SignedIn;
  /** A session cookie value for someone who just signed in with a link expiring at `linkExpiresAt`. */
  sessionFor(member: Member): { value: string; maxAgeSeconds: number };
  checkSession(value: string): SignedIn;
  /** Cookies are Secure when the public URL is https. */
  readonly secureCookies: boolean;
  readonly publicUrl: string;
}

/** The stored secret, created on first use (one team per database: the first team's settings). */
function resolveSecret(repos: Repositories, fromEnv: string | null): string {
  if (fromEnv) return fromEnv;
  const team = repos.teams.listTeams()[0];
  if (!team) throw new WebError('no_team', 'no team in this database yet: import reports or add members first', {
    userMessage: text('数据库里还没有团队：请先导入周报或添加成员', 'There is no team in this database yet: import reports or add members first'),
  });
  const stored = repos.teams.getSetting<string>(team.id, SECRET_KEY);
  if (stored) return stored;
  const created = randomBytes(32).toString('base64url');
  repos.teams.setSetting(team.id, SECRET_KEY, created);
  return created;
}

export function createWebAuth(options: WebAuthOptions): WebAuth {
  const { repos, clock } = options;
  let secret: string | null = null;
  const key = () => (secret ??= resolveSecret(repos, options.secret));
  const publicUrl = options.publicUrl.replace(/\/+$/, '');
  const nowSeconds = () => Math.floor(clock().getTime() / 1000);
  const generation = (m: Member) => repos.teams.getSetting<number>(m.teamId, generationKey(m.id)) ?? 0;

  const check = (purpose: TokenPurpose, token: string): SignedIn => {
    const result: TokenCheck = verifyToken(key(), purpose, token, nowSeconds());
    if (!result.ok) return result;
    const member = repos.teams.getMember(result.claims.memberId);
    if (!member) return { ok: false, reason: 'unknown_member' };
    if (result.claims.generation !== generation(member)) return { ok: false, reason: 'revoked' };
    return { ok: true, member, expiresAt: result.claims.expiresAt };
  };

  return {
    secureCookies: publicUrl.startsWith('https:'),
    publicUrl,
    issue(member, ttlMs = options.linkTtlMs ?? DEFAULT_LINK_TTL_MS) {
      const expiresAt = nowSeconds() + Math.max(1, Math.round(ttlMs / 1000));
      const token = signToken(key(), 'link', { memberId: member.id, generation: generation(member), expiresAt });
      return { url: `${publicUrl}${SIGN_IN_PATH}/${token}`, expiresAt: new Date(expiresAt * 1000) };
    },
    revoke(member) {
      repos.teams.setSetting(member.teamId, generationKey(member.id), generation(member) + 1);
    },
    checkLink: (token) => check('link', token),
    sessionFor(member) {
      const maxAgeSeconds = Math.round(SESSION_TTL_MS / 1000);
      const value = signToken(key(), 'session', { memberId: member.id, generation: generation(member), expiresAt: nowSeconds() + maxAgeSeconds });
      return { value, maxAgeSeconds };
    },
    checkSession: (value) => check('session', value),
  };
}

/** `7d`, `12h`, `30m`, `90s` → milliseconds; null when unreadable. */
export function parseTtl(raw: string): number | null {
  const m = /^(\d{1,6})([dhms])$/.exec(raw.trim());
  if (!m) return null;
  const n = Number(m[1]);
  const unit = { d: 86_400_000, h: 3_600_000, m: 60_000, s: 1000 }[m[2] as 'd' | 'h' | 'm' | 's'];
  return n > 0 ? n * unit : null;
}
