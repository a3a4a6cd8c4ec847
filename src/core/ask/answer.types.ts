// What the ask engine reads (AskData, Asker) and what it says (Answer). Views turn an Answer into a
// card; a `customer` answer carries exactly what the customer card needs (CustomerCardModel's shape).
import type { LocalizedText } from '../i18n.js';
import type { Customer, Member, Role } from '../team.js';
import type { CustomerScore, Grade, Tag } from '../customer-risk/types.js';
import type { FollowUpTask } from '../follow-up/task.js';
import type { EntryValues } from '../weekly-report/template.js';
import type { WeekId } from '../weekly-report/week.js';
import type { CustomerIndex } from './match-customer.js';
import type { ListFilters, ListSort } from './parse-question.js';

/** A customer's latest report entry (any week up to the current one). */
export interface LatestEntry {
  week: WeekId;
  values: EntryValues;
}

/** Everything an answer may draw on, for one team and its latest scored week. */
export interface AskData {
  customers: readonly Customer[];
  members: readonly Member[];
  /** Scores of `week` (the latest scored week). */
  scores: readonly CustomerScore[];
  /** Each customer's latest entry: a map by customer id, or rows with `customerId` (StoredEntry fits). */
  entriesLatest: ReadonlyMap<number, LatestEntry> | ReadonlyArray<LatestEntry & { customerId: number }>;
  /** Follow-up tasks (any state; only active ones are shown). */
  tasks: readonly FollowUpTask[];
  /** Reps who have not submitted `week`'s report, as member ids or members. */
  missingReps: ReadonlyArray<number | Member>;
  week: WeekId;
  /** Optional earlier scores per customer (ascending by week) for the 8-week trend. */
  history?: ReadonlyMap<number, ReadonlyArray<{ week: WeekId; index: number; grade: Grade | null }>>;
  /** Optional prebuilt index (`buildCustomerIndex(customers)`), to reuse across many questions. */
  index?: CustomerIndex<Customer>;
}

/** Who is asking. `memberId` null when the chat user is not a known member. */
export interface Asker {
  memberId: number | null;
  role: Role | null;
}

/** A person as views need them (mentions fall back to the name). */
export type PersonRef = Pick<Member, 'id' | 'name' | 'slackUserId' | 'feishuOpenId'>;

/** Same shape as CustomerCardModel in src/app/views/customer.view.ts (checked there at compile time). */
export interface CustomerCardData {
  customer: Customer;
  week: WeekId;
  score: CustomerScore | null;
  /** Up to 8 weeks ending at `week`, ascending. */
  history: ReadonlyArray<{ week: WeekId; index: number; grade: Grade | null }>;
  lastEntry: LatestEntry | null;
  openTasks: ReadonlyArray<{ task: FollowUpTask; assignee: PersonRef | null }>;
  rep: PersonRef | null;
}

/** One customer in a list or a candidates answer. */
export interface CustomerRow {
  customerId: number;
  name: string;
  index: number | null;
  grade: Grade | null;
  delta: number | null;
  tags: Tag[];
  /** Age past due of the oldest unpaid invoice, from the latest entry. */
  overdueDays: number | null;
  /** The reason behind the filter asked about (or the main reason), quoting numbers. */
  keyFact: LocalizedText | null;
  region: string | null;
  rep: PersonRef | null;
}

export type HelpReason = 'asked' | 'not_understood' | 'not_found';
export type RefusalReason = 'not_allowed' | 'unknown_member' | 'not_own';

export type Answer =
  /** One customer: render with customerCard(answer.card, locale). */
  | { kind: 'customer'; customerId: number; card: CustomerCardData }
  | {
      kind: 'list'; week: WeekId; filters: ListFilters; sort: ListSort; limit: number | null;
      /** Customers matching, before the row cap. */
      total: number;
      rows: CustomerRow[];
      /** 'own' when the asker is a rep and sees only their customers. */
      scope: 'team' | 'own';
      /** Things worth telling ("no rep named 王五"). */
      notes: LocalizedText[];
    }
  | { kind: 'missing'; week: WeekId; reps: PersonRef[]; scope: 'team' | 'self' }
  | { kind: 'candidates'; query: string; candidates: CustomerRow[] }
  | { kind: 'help'; reason: HelpReason; query: string | null; suggestions: CustomerRow[]; examples: LocalizedText[] }
  | { kind: 'refusal'; reason: RefusalReason; message: LocalizedText };
