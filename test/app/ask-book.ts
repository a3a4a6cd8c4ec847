// A fixed book for the question set: the demo's simulated team (seed 7, up to 2026-W48) in in-memory
// SQLite with the real migrations, its support staff, follow-up tasks from two digests (some claimed,
// done, snoozed, dismissed or past due), and the facts an expected answer is computed from, read
// straight from the repositories (not from the ask engine).
import { openDb } from '../../src/storage/db.js';
import { createRepositories } from '../../src/storage/repositories.js';
import { importRecords } from '../../src/app/import/import-records.service.js';
import { prepareDigestWeek } from '../../src/app/digest/digest.service.js';
import { ensureScored } from '../../src/app/scoring/scoring.service.js';
import { DEFAULT_SETTINGS } from '../../src/config/radar-config.js';
import { silentLogger } from '../../src/runtime/logging/logger.js';
import { simulateBook } from '../../src/core/simulate/index.js';
import { addWeeks, weekRange, type WeekId } from '../../src/core/weekly-report/week.js';
import type { AppContext } from '../../src/app/context.js';
import type { CustomerScore } from '../../src/core/customer-risk/types.js';
import type { Customer, Member, Role } from '../../src/core/team.js';
import type { FollowUpTask } from '../../src/core/follow-up/task.js';

export const WEEK = '2026-W48';
export const TODAY = '2026-12-02';

const STAFF: ReadonlyArray<{ email: string; name: string; role: Role }> = [
  { email: 'zhang.min@example.com', name: '张敏 Zhang Min', role: 'manager' },
  { email: 'chen.jie@example.com', name: '陈杰 Chen Jie', role: 'director' },
  { email: 'boss@example.com', name: '刘总 Liu', role: 'owner' },
  { email: 'finance@example.com', name: '财务 王芳 Wang Fang', role: 'finance' },
  { email: 'service@example.com', name: '客服 赵磊 Zhao Lei', role: 'customer_service' },
  { email: 'support@example.com', name: '技术支持 孙涛 Sun Tao', role: 'tech_support' },
  { email: 'legal@example.com', name: '法务 周婷 Zhou Ting', role: 'legal' },
];

export interface Book {
  ctx: AppContext;
  teamId: number;
  customers: Customer[];
  members: Member[];
  member(name: string): Member;
  tasks: FollowUpTask[];
  /** Scores by customer name for a week. */
  scores(week: WeekId): Map<string, CustomerScore>;
  customer(name: string): Customer;
  /** Reps who have not submitted the week's report. */
  missing(week: WeekId): string[];
}

export function buildBook(): Book {
  const db = openDb(':memory:');
  const repos = createRepositories(db);
  const team = repos.teams.ensureTeam({ name: 'Demo', timezone: 'Asia/Shanghai', locale: 'zh' });
  const ctx: AppContext = { repos, settings: DEFAULT_SETTINGS, clock: () => new Date(`${TODAY}T02:00:00Z`), logger: silentLogger() };
  const book = simulateBook({ seed: 7, endWeek: WEEK });
  importRecords(repos, { name: 'demo.jsonl', text: book.records.map((r) => JSON.stringify(r)).join('\n') }, { teamId: team.id, template: ctx.settings.template });
  for (const person of STAFF) repos.teams.upsertMember({ teamId: team.id, ...person });
  prepareDigestWeek(ctx, team.id, addWeeks(WEEK, -1), { syncTasks: true });
  prepareDigestWeek(ctx, team.id, WEEK, { syncTasks: true });
  const members = repos.teams.listMembers(team.id);
  const zhang = members.find((m) => m.email === 'zhang.min@example.com')!;
  // A few tasks moved along the loop, two of them past due.
  const edits: Array<Partial<FollowUpTask>> = [
    { state: 'claimed', assigneeId: zhang.id },
    { state: 'done', closedAt: '2026-11-30T08:00:00Z' },
    { dueDate: '2026-11-25' },
    { state: 'snoozed', snoozedUntil: '2026-12-20' },
    { state: 'dismissed', closedAt: '2026-11-30T08:00:00Z' },
    { state: 'claimed', dueDate: '2026-11-28' },
  ];
  const all = repos.tasks.listTasks(team.id).sort((a, b) => a.id - b.id);
  edits.forEach((e, i) => {
    const t = all[i * 3];
    if (t) repos.tasks.updateTask({ ...t, ...e });
  });
  for (const w of weekRange(addWeeks(WEEK, -12), WEEK)) ensureScored(ctx, team.id, w);
  const customers = repos.customers.listCustomers(team.id);
  const byId = new Map(customers.map((c) => [c.id, c] as const));
  const scoreCache = new Map<WeekId, Map<string, CustomerScore>>();
  return {
    ctx,
    teamId: team.id,
    customers,
    members,
    member: (name) => members.find((m) => m.name === name)!,
    tasks: repos.tasks.listTasks(team.id),
    customer: (name) => customers.find((c) => c.name === name)!,
    scores(week) {
      let m = scoreCache.get(week);
      if (!m) scoreCache.set(week, (m = new Map(repos.scores.scoresForWeek(team.id, week).map((s) => [byId.get(s.customerId)!.name, s] as const))));
      return m;
    },
    missing(week) {
      const submitted = new Set(repos.reports.reportStatuses(team.id, week).filter((s) => s.submittedAt).map((s) => s.repId));
      return members.filter((m) => m.role === 'rep' && !submitted.has(m.id)).map((m) => m.name).sort();
    },
  };
}
