// A simulated book in a SQLite file, for the benchmarks: members, customers and a history of weekly
// entries written in one transaction (the fast path; importing is measured by import.bench.ts).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDb, type Db } from '../../src/storage/db.js';
import { createRepositories } from '../../src/storage/repositories.js';
import type { Repositories } from '../../src/app/ports/repositories.port.js';
import { simulateBook, type SimBook } from '../../src/core/simulate/index.js';
import { FIELD_IDS, type EntryValues } from '../../src/core/weekly-report/template.js';
import type { Team } from '../../src/core/team.js';
import type { WeekId } from '../../src/core/weekly-report/week.js';
import { DEFAULT_SETTINGS } from '../../src/config/radar-config.js';
import { silentLogger } from '../../src/runtime/logging/logger.js';

export interface BenchBook {
  dir: string;
  dbPath: string;
  db: Db;
  repos: Repositories;
  team: Team;
  week: WeekId;
  book: SimBook;
  ctx: { repos: Repositories; settings: typeof DEFAULT_SETTINGS; clock: () => Date; logger: ReturnType<typeof silentLogger> };
  close(): void;
}

export function seedBook(opts: { customers: number; reps: number; weeks: number; seed?: number; locale?: 'zh' | 'en' }): BenchBook {
  const dir = mkdtempSync(join(tmpdir(), 'radar-bench-'));
  const dbPath = join(dir, 'bench.sqlite');
  const db = openDb(dbPath);
  const repos = createRepositories(db);
  const team = repos.teams.ensureTeam({ name: 'Bench', timezone: 'Asia/Shanghai', locale: opts.locale ?? 'en' });
  const book = simulateBook({ seed: opts.seed ?? 11, customers: opts.customers, reps: opts.reps, weeks: opts.weeks });
  const reps = new Map(book.reps.map((r) => [r.email, repos.teams.upsertMember({ teamId: team.id, email: r.email, name: r.name, role: 'rep' }).id]));
  repos.teams.upsertMember({ teamId: team.id, email: 'manager@example.com', name: 'Manager', role: 'manager' });
  const customerIds = new Map<string, number>();
  repos.transaction(() => {
    for (const c of book.customers) {
      customerIds.set(c.name, repos.customers.upsertCustomer({ teamId: team.id, name: c.name, ownerRepId: reps.get(c.rep) ?? null, industry: c.industry, region: c.region, tier: c.tier, since: c.since }).id);
    }
    for (const r of book.records) {
      const values = Object.fromEntries(FIELD_IDS.map((f) => [f, r[f] ?? null])) as unknown as EntryValues;
      repos.reports.upsertEntry({ teamId: team.id, week: r.week, repId: reps.get(r.rep)!, customerId: customerIds.get(r.customer)!, values, source: 'import' }, '2026-01-01T00:00:00Z');
    }
  });
  const ctx = { repos, settings: DEFAULT_SETTINGS, clock: () => new Date(), logger: silentLogger() };
  return {
    dir, dbPath, db, repos, team, week: book.endWeek, book, ctx,
    close() { db.close(); rmSync(dir, { recursive: true, force: true }); },
  };
}
