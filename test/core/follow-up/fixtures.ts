// Shared fixtures for follow-up, digest and view tests: a small team, customers, scores and tasks.
import type { Customer, Member, Role } from '../../../src/core/team.js';
import type { CustomerScore, Grade, Tag } from '../../../src/core/customer-risk/types.js';
import { DIMENSIONS } from '../../../src/core/customer-risk/types.js';
import type { FollowUpTask } from '../../../src/core/follow-up/task.js';
import { text } from '../../../src/core/i18n.js';

export function member(id: number, name: string, role: Role, extra: Partial<Member> = {}): Member {
  return {
    id, teamId: 1, name, email: `${name.toLowerCase().replace(/\s+/g, '.')}@example.com`, role,
    identities: [{ platform: 'slack', userId: `U${id}` }, { platform: 'feishu', userId: `ou_${id}` }], timezone: 'Asia/Shanghai', locale: null, awayUntil: null, ...extra,
  };
}

export const MEMBERS: Member[] = [
  member(1, 'Li Wei', 'rep'),
  member(2, 'Zhang Min', 'rep'),
  member(3, 'Wang Fang', 'manager'),
  member(4, 'Chen Jie', 'director'),
  member(5, 'Zhao Lei', 'finance'),
  member(6, 'Sun Li', 'customer_service'),
  member(7, 'Zhou Yu', 'customer_service'),
  member(8, 'Wu Hao', 'tech_support', { identities: [] }),
  member(9, 'Liu Yang', 'rep', { awayUntil: '2026-12-31' }),
];

export function customer(id: number, name: string, ownerRepId: number | null, extra: Partial<Customer> = {}): Customer {
  return { id, teamId: 1, name, aliases: [], ownerRepId, industry: 'software', region: 'East', tier: 'normal', since: '2023-04-01', ...extra };
}

export const CUSTOMERS: Customer[] = [
  customer(101, '华星科技', 1, { tier: 'key' }),
  customer(102, 'Acme Corp', 1),
  customer(103, '蓝海物流', 2),
  customer(104, '北辰制造', 2),
  customer(105, 'Globex', 9),
];

const REASONS: Record<Tag, ReturnType<typeof text>> = {
  overdue: text('逾期 45 天，应收 ¥50,000', '45 days overdue on ¥50,000'),
  silent: text('3 周无有效沟通', 'No meaningful contact for 3 weeks'),
  complaints: text('近 4 周投诉 5 次', '5 complaints in 4 weeks'),
  low_fit: text('本周故障 6 个，使用度低', '6 faults this week, low usage'),
  requirement_churn: text('近 4 周需求变更 7 次', '7 requirement changes in 4 weeks'),
  declining: text('回款较 8 周均值下降 62%', 'Revenue down 62% on the 8-week average'),
  cycle_slip: text('签约日期推迟 3 次，共 45 天', 'Close date pushed 3 times, 45 days in all'),
};

export function score(customerId: number, index: number, grade: Grade | null, tags: Tag[], extra: Partial<CustomerScore> = {}): CustomerScore {
  const dimensions = Object.fromEntries(DIMENSIONS.map((d) => [d, { score: 0, reason: null, facts: {} }])) as CustomerScore['dimensions'];
  return {
    customerId, week: '2026-W48', index, grade, dimensions, tags, reasons: tags.map((t) => REASONS[t]),
    delta: null, weeksInRed: grade ? 1 : 0, hasData: true, ...extra,
  };
}

export function task(id: number, customerId: number, tag: Tag, extra: Partial<FollowUpTask> = {}): FollowUpTask {
  return {
    id, teamId: 1, customerId, tag, role: 'manager', assigneeId: null, ownerRole: 'manager', grade: 'B', state: 'open',
    createdWeek: '2026-W48', dueDate: '2026-11-28', snoozedUntil: null, closedAt: null, closeNote: null,
    indexAtClose: null, indexAfter2w: null, indexAfter4w: null, escalated: false, ...extra,
  };
}
