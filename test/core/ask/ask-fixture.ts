// A small team for ask tests: an owner, a manager, two reps, finance; customers in zh and en.
import { DIMENSIONS, TAG_OF_DIMENSION, type CustomerScore, type Dimension, type Grade, type Tag } from '../../../src/core/customer-risk/types.js';
import type { FollowUpTask } from '../../../src/core/follow-up/task.js';
import { text } from '../../../src/core/i18n.js';
import type { Customer, Member, Role } from '../../../src/core/team.js';
import { EMPTY_ENTRY, type EntryValues } from '../../../src/core/weekly-report/template.js';
import type { AskData } from '../../../src/core/ask/answer.types.js';

export const WEEK = '2026-W40';

const member = (id: number, name: string, email: string, role: Role): Member => ({
  id, teamId: 1, name, email, role, identities: [{ platform: 'slack', userId: `U${id}` }, { platform: 'feishu', userId: `ou_${id}` }], timezone: null, locale: null, awayUntil: null,
});

export const OWNER = member(1, 'Boss Zhang', 'boss@example.com', 'owner');
export const MANAGER = member(2, 'Chen Jing', 'chen.jing@example.com', 'manager');
export const LI_WEI = member(3, '李伟', 'li.wei@example.com', 'rep');
export const WANG_FANG = member(4, 'Wang Fang', 'wang.fang@example.com', 'rep');
export const FINANCE = member(5, 'Zhao Min', 'zhao.min@example.com', 'finance');
export const MEMBERS = [OWNER, MANAGER, LI_WEI, WANG_FANG, FINANCE];

const customer = (id: number, name: string, ownerRepId: number, region: string | null, industry: string | null, aliases: string[] = [], tier: 'key' | 'normal' = 'normal'): Customer => ({
  id, teamId: 1, name, aliases, ownerRepId, industry, region, tier, since: null,
});

export const CUSTOMERS: Customer[] = [
  customer(1, '华星科技', LI_WEI.id, 'East', 'software', ['华星'], 'key'),
  customer(2, '华星物流', WANG_FANG.id, 'North', 'logistics'),
  customer(3, 'ACME Corp', WANG_FANG.id, 'East', 'manufacturing', ['Acme']),
  customer(4, 'Globex International Holdings', LI_WEI.id, 'South', 'manufacturing'),
  customer(5, '深圳市腾达电子有限公司', LI_WEI.id, '华南', 'manufacturing', ['腾达']),
  customer(6, '北京银河软件', WANG_FANG.id, 'North', 'software'),
  customer(7, 'Initech', LI_WEI.id, 'East', 'software', [], 'key'),
  customer(8, '长城汽车', WANG_FANG.id, 'West', 'manufacturing'),
];

const DIM_OF: Record<Tag, Dimension> = Object.fromEntries(DIMENSIONS.map((d) => [TAG_OF_DIMENSION[d], d])) as Record<Tag, Dimension>;

export function score(customerId: number, index: number, grade: Grade | null, tags: Tag[], facts: Partial<Record<Tag, string>> = {}): CustomerScore {
  const dimensions = Object.fromEntries(DIMENSIONS.map((d) => [d, { score: 0, reason: null, facts: {} }])) as unknown as CustomerScore['dimensions'];
  const reasons = tags.map((tag) => text(facts[tag] ?? `${tag} 问题`, facts[tag] ?? `${tag} problem`));
  tags.forEach((tag, i) => {
    dimensions[DIM_OF[tag]] = { score: 80, reason: reasons[i] ?? null, facts: {} };
  });
  return { customerId, week: WEEK, index, grade, dimensions, tags, reasons, delta: 3, weeksInRed: grade ? 2 : 0, hasData: true };
}

export const SCORES: CustomerScore[] = [
  score(1, 87, 'A', ['overdue', 'silent'], { overdue: '逾期 45 天, 应收 ¥50,000' }),
  score(3, 75, 'A', ['silent']),
  score(4, 58, 'B', ['complaints']),
  score(5, 62, 'B', ['overdue']),
  score(6, 30, null, ['declining']),
  score(7, 55, 'B', ['cycle_slip', 'requirement_churn']),
  score(8, 12, null, []),
];

const entry = (values: Partial<EntryValues>): EntryValues => ({ ...EMPTY_ENTRY, ...values });

export const ENTRIES = new Map([
  [1, { week: WEEK, values: entry({ overdueDays: 45, receivable: 50000, stage: 'live' }) }],
  [3, { week: WEEK, values: entry({ overdueDays: 0, contacts: 0 }) }],
  [4, { week: WEEK, values: entry({ overdueDays: 3, complaints: 4 }) }],
  [5, { week: WEEK, values: entry({ overdueDays: 20 }) }],
  [6, { week: '2026-W38', values: entry({ overdueDays: 95 }) }],
]);

export const TASKS: FollowUpTask[] = [
  {
    id: 11, teamId: 1, customerId: 1, tag: 'overdue', role: 'finance', assigneeId: FINANCE.id, ownerRole: 'director', grade: 'A',
    state: 'open', createdWeek: WEEK, dueDate: '2026-10-05', snoozedUntil: null, closedAt: null, closeNote: null,
    indexAtClose: null, indexAfter2w: null, indexAfter4w: null, escalated: false,
  },
  {
    id: 12, teamId: 1, customerId: 1, tag: 'silent', role: 'manager', assigneeId: null, ownerRole: 'director', grade: 'A',
    state: 'done', createdWeek: '2026-W38', dueDate: '2026-09-20', snoozedUntil: null, closedAt: '2026-09-25', closeNote: 'called',
    indexAtClose: 70, indexAfter2w: null, indexAfter4w: null, escalated: false,
  },
];

export function askData(overrides: Partial<AskData> = {}): AskData {
  return {
    customers: CUSTOMERS, members: MEMBERS, scores: SCORES, entriesLatest: ENTRIES, tasks: TASKS,
    missingReps: [WANG_FANG.id], week: WEEK,
    history: new Map([[1, [{ week: '2026-W38', index: 60, grade: 'B' as const }, { week: '2026-W39', index: 84, grade: 'A' as const }]]]),
    ...overrides,
  };
}

export const asOwner = { memberId: OWNER.id, role: 'owner' as const };
export const asManager = { memberId: MANAGER.id, role: 'manager' as const };
export const asLiWei = { memberId: LI_WEI.id, role: 'rep' as const };
export const asWangFang = { memberId: WANG_FANG.id, role: 'rep' as const };
export const asFinance = { memberId: FINANCE.id, role: 'finance' as const };
