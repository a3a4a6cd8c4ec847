// A small, platform-neutral team for the full-stack end-to-end tests (Slack and Feishu alike): four
// weeks of history imported the way `radar import` does it, and one member per role. Weeks are fixed
// relative to SEED_NOW (a Friday), so the current report week is SEED_WEEKS.current.
import type { Customer, Member, Role } from '../../../src/core/team.js';
import type { WeekId } from '../../../src/core/weekly-report/week.js';
import type { Repositories } from '../../../src/app/ports/repositories.port.js';
import { importRecords, type ImportResult } from '../../../src/app/import/import-records.service.js';

/** Friday 2026-11-27 16:00 in Asia/Shanghai: inside ISO week 2026-W48. */
export const SEED_NOW = new Date('2026-11-27T08:00:00Z');

export const SEED_WEEKS = {
  current: '2026-W48' as WeekId,
  /** Imported history, oldest first. */
  history: ['2026-W44', '2026-W45', '2026-W46', '2026-W47'] as WeekId[],
  last: '2026-W47' as WeekId,
};

export interface SeedPerson {
  key: PersonKey;
  email: string;
  name: string;
  role: Role;
}

export type PersonKey = 'rep1' | 'rep2' | 'manager' | 'director' | 'owner' | 'finance' | 'customerService';

/** Everyone on the seeded team. Platform tests register chat users with these emails. */
export const SEED_PEOPLE: readonly SeedPerson[] = [
  { key: 'rep1', email: 'li.lei@example.com', name: 'Li Lei', role: 'rep' },
  { key: 'rep2', email: 'han.mei@example.com', name: 'Han Mei', role: 'rep' },
  { key: 'manager', email: 'wang.fang@example.com', name: 'Wang Fang', role: 'manager' },
  { key: 'director', email: 'zhao.qiang@example.com', name: 'Zhao Qiang', role: 'director' },
  { key: 'owner', email: 'chen.boss@example.com', name: 'Chen Boss', role: 'owner' },
  { key: 'finance', email: 'sun.li@example.com', name: 'Sun Li', role: 'finance' },
  { key: 'customerService', email: 'zhou.kefu@example.com', name: 'Zhou Kefu', role: 'customer_service' },
];

/** The clearly overdue customer: 90+ days overdue on 50 000 receivable, so graded A. */
export const RED_FLAG_CUSTOMER = '华星科技';

export const SEED_CUSTOMERS = {
  huaxing: RED_FLAG_CUSTOMER,
  dongfang: '东方电气',
  lanhai: '蓝海物流',
  beichen: '北辰软件',
} as const;
export type CustomerKey = keyof typeof SEED_CUSTOMERS;

type Values = Record<string, string | number | null>;

const healthy = (w: number, revenue: number): Values => ({
  contacts: 3 + (w % 2), lastContact: null, revenue, receivable: 8000, overdueDays: 0, complaints: 0,
  requirementChanges: 0, faults: 0, usage: 'high', stage: 'live', health: 'green', notes: null,
});

// Overdue days grow week by week until they pass the 90-day hard trigger in the last history week.
const overdue = (w: number): Values => ({
  contacts: 1, lastContact: null, revenue: 0, receivable: 50000, overdueDays: 71 + 7 * w, complaints: 0,
  requirementChanges: 0, faults: 0, usage: 'normal', stage: 'live', health: 'yellow', notes: 'Payment promised "next week" again',
});

function historyRecords(): Array<Record<string, unknown>> {
  const [rep1, rep2] = SEED_PEOPLE;
  const out: Array<Record<string, unknown>> = [];
  SEED_WEEKS.history.forEach((week, w) => {
    // lastContact: the Wednesday of the week, so the dates look real.
    const wednesday = new Date(Date.UTC(2026, 9, 28 + 7 * w)).toISOString().slice(0, 10);
    const row = (rep: SeedPerson, customer: string, values: Values, extra: Record<string, string> = {}) =>
      out.push({ week, rep: rep.email, repName: rep.name, customer, ...extra, ...values, lastContact: values.contacts ? wednesday : null });
    row(rep1!, SEED_CUSTOMERS.huaxing, overdue(w), { industry: 'Manufacturing', region: 'East', tier: 'key' });
    row(rep1!, SEED_CUSTOMERS.dongfang, healthy(w, 30000), { industry: 'Energy', region: 'East', tier: 'normal' });
    row(rep2!, SEED_CUSTOMERS.lanhai, healthy(w, 20000), { industry: 'Logistics', region: 'South', tier: 'normal' });
    row(rep2!, SEED_CUSTOMERS.beichen, healthy(w + 1, 25000), { industry: 'Software', region: 'North', tier: 'normal' });
  });
  return out;
}

export interface SeededTeam {
  teamId: number;
  weeks: typeof SEED_WEEKS;
  members: Record<PersonKey, Member>;
  customers: Record<CustomerKey, Customer>;
  imported: ImportResult;
}

/**
 * Seed `repos` (a started bot's repositories) with the team's members and four weeks of history.
 * Members are created before the import so each keeps its role; the import adds no new people.
 */
export function seedTeam(repos: Repositories, teamId: number): SeededTeam {
  const members = {} as Record<PersonKey, Member>;
  for (const p of SEED_PEOPLE) members[p.key] = repos.teams.upsertMember({ teamId, email: p.email, name: p.name, role: p.role });
  const text = historyRecords().map((r) => JSON.stringify(r)).join('\n');
  const imported = importRecords(repos, { name: 'seed.jsonl', text }, { teamId, now: SEED_NOW.toISOString() });
  const customers = {} as Record<CustomerKey, Customer>;
  for (const [key, name] of Object.entries(SEED_CUSTOMERS) as Array<[CustomerKey, string]>) {
    const c = repos.customers.customerByName(teamId, name);
    if (!c) throw new Error(`seed: customer ${name} was not imported`);
    customers[key] = c;
  }
  return { teamId, weeks: SEED_WEEKS, members, customers, imported };
}

/** A clock that starts at `start` and runs at real speed (outbox keys and rate windows need time to move). */
export function runningClock(start: Date = SEED_NOW): () => Date {
  const t0 = Date.now();
  return () => new Date(start.getTime() + (Date.now() - t0));
}
