// Who is on the team and which customers they own.
import type { Locale } from './i18n.js';
import type { Tier } from './customer-risk/types.js';

export const ROLES = ['rep', 'manager', 'director', 'owner', 'finance', 'customer_service', 'tech_support', 'legal'] as const;
export type Role = (typeof ROLES)[number];

export interface Team {
  id: number;
  name: string;
  timezone: string;
  locale: Locale;
}

/**
 * A chat platform's name as adapters call themselves ('slack', 'feishu', or any other adapter's): the
 * core never branches on it.
 */
export type PlatformName = string;

/** Who a member is on one chat platform: Slack user id U…, Feishu open_id ou_…, or another platform's id. */
export interface PlatformIdentity {
  platform: PlatformName;
  userId: string;
}

export interface Member {
  id: number;
  teamId: number;
  name: string;
  email: string;
  role: Role;
  /** One entry per platform the member was matched on (by email); empty until a sync finds them. */
  identities: readonly PlatformIdentity[];
  timezone: string | null;
  locale: Locale | null;
  /** Inclusive date (YYYY-MM-DD) until which the member is away. */
  awayUntil: string | null;
}

export interface Customer {
  id: number;
  teamId: number;
  name: string;
  aliases: string[];
  ownerRepId: number | null;
  industry: string | null;
  region: string | null;
  tier: Tier;
  since: string | null;
}

/** The member's user id on `platform`, or null when they were never matched there. */
export const identityOn = (m: Pick<Member, 'identities'>, platform: PlatformName): string | null =>
  m.identities.find((x) => x.platform === platform)?.userId ?? null;

/**
 * Away on `day` (YYYY-MM-DD): `awayUntil` is that day or later. The one test of "away" for a report: the
 * prompt, the reminders, the missing list and the digest all ask it of a week's prompt day.
 */
export const isAway = (m: Pick<Member, 'awayUntil'>, day: string): boolean => m.awayUntil !== null && m.awayUntil >= day;

/** Managers, directors and owners see every customer; reps see their own; others see what is routed to them. */
export const canSeeAllCustomers = (role: Role) => role === 'manager' || role === 'director' || role === 'owner';

// Zero-width characters (U+200B–U+200D, U+2060, U+FEFF) and bidi controls (U+202A–U+202E, U+2066–U+2069)
// are invisible: left in, `华星\u200B科技` would be a second customer that looks exactly like 华星科技.
const INVISIBLE = /[\u200B-\u200D\u2060\uFEFF\u202A-\u202E\u2066-\u2069]/g;

/** A name as it is stored and shown: invisible characters dropped, trimmed. */
export function cleanName(name: string): string {
  return name.replace(INVISIBLE, '').trim();
}

/** Normalise a customer name for matching: invisible characters dropped, trim, NFKC (full-width → half-width), lower case, collapse spaces. */
export function normalizeName(name: string): string {
  return name.replace(INVISIBLE, '').normalize('NFKC').trim().toLowerCase().replace(/\s+/g, ' ');
}
