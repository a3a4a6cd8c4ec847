// Shared setup for storage tests: an in-memory database with the real migrations.
import { openDb, type Db } from '../../src/storage/db.js';
import { createRepositories, type SqliteRepositories } from '../../src/storage/repositories.js';
import type { EntryValues } from '../../src/core/weekly-report/template.js';
import { EMPTY_ENTRY } from '../../src/core/weekly-report/template.js';
import type { CustomerScore } from '../../src/core/customer-risk/types.js';
import { DIMENSIONS } from '../../src/core/customer-risk/types.js';

export interface Fixture {
  db: Db;
  repos: SqliteRepositories;
  teamId: number;
  repId: number;
}

export function setup(): Fixture {
  const db = openDb(':memory:');
  const repos = createRepositories(db, { now: () => '2026-10-01T00:00:00.000Z' });
  const team = repos.teams.ensureTeam({ name: 'Sales', timezone: 'Asia/Shanghai', locale: 'zh' });
  const rep = repos.teams.upsertMember({ teamId: team.id, email: 'li.wei@example.com', name: 'Li Wei', role: 'rep' });
  return { db, repos, teamId: team.id, repId: rep.id };
}

export const entry = (patch: Partial<EntryValues> = {}): EntryValues => ({
  ...EMPTY_ENTRY, contacts: 2, revenue: 1000, stage: 'live', ...patch,
});

export function score(customerId: number, week: string, index: number, patch: Partial<CustomerScore> = {}): CustomerScore {
  const dimensions = Object.fromEntries(DIMENSIONS.map((d) => [d, { score: 0, reason: null, facts: {} }])) as CustomerScore['dimensions'];
  dimensions.payment = { score: index, reason: { zh: '逾期 45 天', en: '45 days overdue' }, facts: { overdueDays: 45 } };
  return {
    customerId, week, index, grade: index >= 70 ? 'A' : index >= 50 ? 'B' : null, dimensions,
    tags: index >= 50 ? ['overdue'] : [], reasons: index >= 50 ? [{ zh: '逾期 45 天', en: '45 days overdue' }] : [],
    delta: null, weeksInRed: index >= 50 ? 1 : 0, hasData: true, ...patch,
  };
}
