// A small team history for the ranking and review tests, built through the real import, scorer and
// follow-up sync, with people acting on the tasks on known dates. Tests compute what they expect from
// `lines` and the stored rows on their own, not with the code under test.
import { importRecords } from '../../../src/app/import/import-records.service.js';
import { prepareDigestWeek } from '../../../src/app/digest/digest.service.js';
import { actOnTask } from '../../../src/app/follow-up/follow-up.service.js';
import { DEFAULT_SETTINGS } from '../../../src/config/radar-config.js';
import { silentLogger } from '../../../src/runtime/logging/logger.js';
import { openDb, type Db } from '../../../src/storage/db.js';
import { createRepositories } from '../../../src/storage/repositories.js';
import type { AppContext } from '../../../src/app/context.js';
import { addDays, addWeeks, weekRange, weekStartDate } from '../../../src/core/weekly-report/week.js';

export const BOOK_WEEKS = weekRange('2026-W36', '2026-W50');

export interface Line {
  week: string; rep: string; customer: string; revenue: number; [k: string]: unknown;
}

const base = { region: 'East', industry: 'software', tier: 'normal', contacts: 2, receivable: 20000, overdueDays: 0, complaints: 0,
  complaintType: null, requirementChanges: 0, faults: 0, usage: 'high', stage: 'live', expectedClose: null, health: 'green', notes: '' };

export function bookLines(): Line[] {
  const lines: Line[] = [];
  const add = (week: string, rep: string, customer: string, over: Record<string, unknown> = {}) =>
    lines.push({ week, rep, repName: rep.split('@')[0], customer, lastContact: addDays(weekStartDate(week), 2), revenue: 1000, ...base, ...over });
  for (const w of BOOK_WEEKS) {
    const i = BOOK_WEEKS.indexOf(w);
    add(w, 'ann@example.com', 'Steady Co');
    // Overdue from W44, past the 60-day trigger in W45–W46, paid in W47.
    const overdue = { '2026-W44': 40, '2026-W45': 65, '2026-W46': 75 }[w] ?? 0;
    add(w, 'ann@example.com', 'Payless Ltd', { overdueDays: overdue, receivable: overdue ? 90000 : 20000 });
    if (w !== '2026-W45') {
      add(w, 'bob@example.com', 'Calm Ltd', { revenue: 500 });
      // Complaints pile up from W44; the customer is lost in W47 and reported no more.
      if (i <= BOOK_WEEKS.indexOf('2026-W47')) {
        const bad = w >= '2026-W44';
        add(w, 'bob@example.com', 'Lost Corp', {
          revenue: w === '2026-W47' ? 0 : 500, complaints: bad ? 4 : 0, complaintType: bad ? 'quality' : null, health: bad ? 'red' : 'green',
          contacts: bad ? 0 : 2, stage: w === '2026-W47' ? 'lost' : 'live', usage: bad ? 'low' : 'high',
        });
      }
    }
    if (w >= '2026-W44') add(w, 'cat@example.com', 'New Co', { revenue: 2000 });
  }
  return lines;
}

export interface Book {
  db: Db;
  ctx: AppContext;
  teamId: number;
  lines: Line[];
  member(email: string): number;
  customer(name: string): number;
  setNow(iso: string): void;
}

/** Monday 12:00 Shanghai (the digest) after week `w`, plus `days` and `hh`. */
export const afterWeek = (w: string, days = 0, hh = '04'): string => `${addDays(weekStartDate(addWeeks(w, 1)), days)}T${hh}:00:00.000Z`;

export function buildBook(path = ':memory:'): Book {
  const db = openDb(path);
  const repos = createRepositories(db);
  const team = repos.teams.ensureTeam({ name: 'Sales', timezone: 'Asia/Shanghai', locale: 'en' });
  let now = new Date(afterWeek('2026-W35'));
  const ctx: AppContext = { repos, settings: DEFAULT_SETTINGS, clock: () => now, logger: silentLogger() };
  for (const [email, name, role] of [['finance@example.com', 'Finance Wang', 'finance'], ['service@example.com', 'Service Zhao', 'customer_service'],
    ['manager@example.com', 'Manager Zhang', 'manager'], ['director@example.com', 'Director Chen', 'director']] as const) {
    repos.teams.upsertMember({ teamId: team.id, email, name, role });
  }
  const lines = bookLines();
  const member = (email: string) => repos.teams.memberByEmail(team.id, email)!.id;
  const customer = (name: string) => repos.customers.customerByName(team.id, name)!.id;
  const act = (email: string, customerName: string, command: Parameters<typeof actOnTask>[3]) => {
    const task = repos.tasks.listTasks(team.id, { customerId: customer(customerName) }).find((t) => t.state === 'open' || t.state === 'claimed');
    if (!task) throw new Error(`no active task for ${customerName} at ${now.toISOString()}`);
    const actor = repos.teams.getMember(member(email))!;
    const r = actOnTask(ctx, actor, task.id, command);
    if (!r.ok) throw new Error(`${command.type} refused for ${customerName}`);
    return task.id;
  };
  // Week by week as the bot runs it: the week's reports arrive, the Monday digest syncs follow-ups.
  for (const w of BOOK_WEEKS) {
    now = new Date(afterWeek(w, 0, '03'));
    const text = lines.filter((l) => l.week === w).map((l) => JSON.stringify(l)).join('\n');
    importRecords(repos, { name: `${w}.jsonl`, text }, { teamId: team.id, now: now.toISOString() });
    if (w === '2026-W47') repos.reports.markSubmitted(team.id, w, member('bob@example.com'), afterWeek(w, 1), true);
    now = new Date(afterWeek(w));
    prepareDigestWeek(ctx, team.id, w, { syncTasks: true });
    if (w === '2026-W45') {
      now = new Date(afterWeek(w, 1)); // Tue 2026-11-10
      const id = act('service@example.com', 'Lost Corp', { type: 'claim', actorId: member('service@example.com') });
      repos.tasks.addEvent({ taskId: id, kind: 'progress' as never, actorId: member('bob@example.com'), at: now.toISOString(), note: 'customer unhappy with quality; visit planned' });
    }
    if (w === '2026-W46') {
      now = new Date(afterWeek(w, 1)); // Tue 2026-11-17
      act('finance@example.com', 'Payless Ltd', { type: 'claim', actorId: member('finance@example.com') });
      act('service@example.com', 'Lost Corp', { type: 'dismiss', actorId: member('service@example.com'), reason: 'customer says it is fine' });
      now = new Date(afterWeek(w, 2)); // Wed 2026-11-18
      act('finance@example.com', 'Payless Ltd', { type: 'resolve', actorId: member('finance@example.com'), note: 'paid' });
    }
  }
  return { db, ctx, teamId: team.id, lines, member, customer, setNow: (iso) => { now = new Date(iso); } };
}
