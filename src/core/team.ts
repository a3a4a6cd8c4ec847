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

export interface Member {
  id: number;
  teamId: number;
  name: string;
  email: string;
  role: Role;
  slackUserId: string | null;
  feishuOpenId: string | null;
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

/** Managers, directors and owners see every customer; reps see their own; others see what is routed to them. */
export const canSeeAllCustomers = (role: Role) => role === 'manager' || role === 'director' || role === 'owner';

/** Normalise a customer name for matching: trim, NFKC (full-width → half-width), lower case, collapse spaces. */
export function normalizeName(name: string): string {
  return name.normalize('NFKC').trim().toLowerCase().replace(/\s+/g, ' ');
}
