// What the ask engine reads (AskData, Asker) and what it says (Answer). Views turn an Answer into a
// card; a `customer` answer carries exactly what the customer card needs (CustomerCardModel's shape).
import type { LocalizedText } from '../i18n.js';
import type { Customer, Member, Role } from '../team.js';
import type { CustomerScore, Grade, TagId } from '../customer-risk/types.js';
import type { FollowUpTask } from '../follow-up/task.js';
import type { CustomValues, EntryValues } from '../weekly-report/template.js';
import type { WeekId } from '../weekly-report/week.js';
import type { CustomerIndex } from './match-customer.js';
import type { Change, ListFilters, ListSort, QuestionScope, TaskFilters } from './parse-question.js';
import type { ResolvedTime } from './time-slot.js';
import type { AskVocabulary } from './vocabulary.js';

/** A customer's latest report entry (any week up to the current one). */
export interface LatestEntry {
  week: WeekId;
  values: EntryValues;
  /** The team's custom field values of that entry (config template.custom), shown on the customer card. */
  custom?: CustomValues;
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
  /** Scores of any earlier week (for "上周", "since W40", new/worse/recovered); empty when unknown. */
  scoresAt?: (week: WeekId) => readonly CustomerScore[];
  /** Each customer's latest entry up to a week (the card of "华星集团上周怎么样"). */
  entriesAt?: (week: WeekId) => ReadonlyMap<number, LatestEntry>;
  /** Reps missing an earlier week's report ("上周谁没交周报"). */
  missingAt?: (week: WeekId) => ReadonlyArray<number | Member>;
  /** Today (YYYY-MM-DD) in the team's timezone, for overdue tasks; default the last day of `week`. */
  today?: string;
  /** The team's own words for problem types (customTagVocabulary of its custom tags). */
  vocabulary?: AskVocabulary;
}

/** Who is asking. `memberId` null when the chat user is not a known member. */
export interface Asker {
  memberId: number | null;
  role: Role | null;
}

/** A person as views need them (mentions fall back to the name). */
export type PersonRef = Pick<Member, 'id' | 'name' | 'identities'>;

/** Same shape as CustomerCardModel in src/app/customer/customer.view.ts (checked there at compile time). */
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
  tags: TagId[];
  /** Age past due of the oldest unpaid invoice, from the latest entry. */
  overdueDays: number | null;
  /** The reason behind the filter asked about (or the main reason), quoting numbers. */
  keyFact: LocalizedText | null;
  region: string | null;
  rep: PersonRef | null;
}

/** One follow-up task in a task list. */
export interface TaskRow {
  task: FollowUpTask;
  customerName: string;
  assignee: PersonRef | null;
  /** Past its due date while open or claimed. */
  overdue: boolean;
}

export type HelpReason = 'asked' | 'not_understood' | 'not_found';
export type RefusalReason = 'not_allowed' | 'unknown_member';

export type Answer =
  /** One customer: render with customerCard(answer.card, locale). */
  | { kind: 'customer'; customerId: number; card: CustomerCardData }
  | {
      kind: 'list'; week: WeekId; filters: ListFilters; sort: ListSort; limit: number | null;
      /** The weeks asked about: state at `time.to`, changes against `time.baseline`. */
      time: ResolvedTime;
      change: Change | null;
      /** Customers matching, before the row cap. */
      total: number;
      rows: CustomerRow[];
      /** 'own' when the asker is a rep and sees only their customers. */
      scope: 'team' | 'own';
      /** Things worth telling ("no rep named 王五"). */
      notes: LocalizedText[];
    }
  | { kind: 'missing'; week: WeekId; reps: PersonRef[]; scope: 'team' | 'self' }
  | {
      kind: 'tasks'; week: WeekId; today: string; filters: TaskFilters; time: ResolvedTime | null;
      /** The person or customer the question named, as found. */
      who: { kind: 'person' | 'customer'; names: string[] } | null;
      total: number; rows: TaskRow[]; scope: 'team' | 'own';
    }
  | { kind: 'candidates'; query: string; candidates: CustomerRow[] }
  | {
      kind: 'help'; reason: HelpReason; query: string | null; suggestions: CustomerRow[]; examples: LocalizedText[];
      /** When not understood: what was understood, and the words that were not. */
      scope?: QuestionScope | null; unknown?: string | null;
    }
  | { kind: 'refusal'; reason: RefusalReason; message: LocalizedText };
