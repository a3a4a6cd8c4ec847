// Contracts of the scorer: what it reads (a customer's recent weeks) and what it says (a CustomerScore).
import type { LocalizedText } from '../i18n.js';
import type { EntryValues } from '../weekly-report/template.js';
import type { WeekId } from '../weekly-report/week.js';

export const TAGS = ['overdue', 'silent', 'complaints', 'low_fit', 'requirement_churn', 'declining', 'cycle_slip'] as const;
/** Problem types, one per risk dimension. */
export type Tag = (typeof TAGS)[number];
/** A built-in tag or a custom problem tag's id (`scoring.customTags`, e.g. `contract_due`). */
export type TagId = Tag | (string & {});
export const isBuiltInTag = (tag: string): tag is Tag => (TAGS as readonly string[]).includes(tag);

export const DIMENSIONS = ['payment', 'activity', 'complaints', 'fit', 'churn', 'revenue', 'cycle'] as const;
export type Dimension = (typeof DIMENSIONS)[number];

/** Which tag a dimension raises. */
export const TAG_OF_DIMENSION: Record<Dimension, Tag> = {
  payment: 'overdue',
  activity: 'silent',
  complaints: 'complaints',
  fit: 'low_fit',
  churn: 'requirement_churn',
  revenue: 'declining',
  cycle: 'cycle_slip',
};

export type Grade = 'A' | 'B';
export type Tier = 'key' | 'normal';

export interface CustomerProfile {
  id: number;
  name: string;
  tier: Tier;
  industry: string | null;
  region: string | null;
  since: string | null;
}

/** A report entry as the scorer sees it: the template's fields, plus the custom fields when the team has any. */
export type ScoredEntry = EntryValues & { custom?: Readonly<Record<string, string | number | null>> | null };

/** One week of a customer's history. `entry` is null when no report covered the customer that week. */
export interface WeekObservation {
  week: WeekId;
  entry: ScoredEntry | null;
  /** The owning rep was away or it was a team holiday: silence that week means nothing. */
  excused: boolean;
}

/**
 * The window's customer-weeks as columns, what the set-level passes (quiet weeks, peer baselines) read:
 * cell `c * W + w` is customer `ids[c]` in week position `w`, holding that week's merged contacts and
 * revenue and the rep who filed it (NaN: none — storage never holds NaN).
 */
export interface WindowGrid {
  ids: readonly number[];
  W: number;
  contacts: Float64Array;
  revenue: Float64Array;
  reps: Float64Array;
}

/** Typical weekly revenue of comparable customers (same industry and region), for context. */
export interface PeerBaseline {
  segment: string;
  medianWeeklyRevenue: number;
  customers: number;
}

/** What the scorer remembers from last week's score of the same customer. */
export interface PreviousScore {
  week: WeekId;
  index: number;
  grade: Grade | null;
  weeksInRed: number;
}

export interface ScoreInput {
  customer: CustomerProfile;
  week: WeekId;
  /** Ascending by week, ending at `week` (which may have a null entry). Gaps may be filled with null entries. */
  history: readonly WeekObservation[];
  peer: PeerBaseline | null;
  previous: PreviousScore | null;
}

export interface DimensionScore {
  /** 0–100, higher = more risk. */
  score: number;
  /** Plain-words explanation quoting the numbers; null when the dimension is quiet. */
  reason: LocalizedText | null;
  /** The numbers behind the score, for exports and the details card. */
  facts: Record<string, number | string | null>;
}

export interface CustomerScore {
  customerId: number;
  week: WeekId;
  /** 问题客户指数 0–100, higher = more risk. */
  index: number;
  grade: Grade | null;
  dimensions: Record<Dimension, DimensionScore>;
  /** Problem types, primary first (by contribution to the index); custom tags that match follow the built-in ones. */
  tags: TagId[];
  /** Reasons in the order of `tags`, plus escalation notes. */
  reasons: LocalizedText[];
  /** Index change against last week's score; null when there is none. */
  delta: number | null;
  /** Consecutive weeks graded A or B, including this one (0 when not graded). */
  weeksInRed: number;
  /** False when the customer had no report this week and too little history to judge. */
  hasData: boolean;
}
