// The benchmarks' simulated book (the same simulateBook as book.ts) written into a PostgreSQL database:
// members through the repository, customers and entries in bulk (multi-row INSERT … SELECT FROM unnest of
// column arrays, 50,000 rows a statement): a million entries load in seconds, not one round trip each.
import { simulateBook, type SimBook } from '../../src/core/simulate/index.js';
import { cleanName, normalizeName, type Team } from '../../src/core/team.js';
import type { WeekId } from '../../src/core/weekly-report/week.js';
import type { PgDb } from '../../src/storage/pg/db.js';
import { createPgRepositories, type PgRepositories } from '../../src/storage/pg/repositories.js';

export interface PgBenchBook {
  repos: PgRepositories;
  team: Team;
  week: WeekId;
  book: SimBook;
}

/** PostgreSQL types of the entry value columns, in VALUE_COLUMNS order (src/storage/repos/report.sqlite-repo.ts). */
const VALUE_TYPES: ReadonlyArray<[column: string, field: string, type: string]> = [
  ['contacts', 'contacts', 'int'], ['last_contact', 'lastContact', 'text'], ['revenue', 'revenue', 'float8'], ['receivable', 'receivable', 'float8'],
  ['overdue_days', 'overdueDays', 'int'], ['complaints', 'complaints', 'int'], ['complaint_type', 'complaintType', 'text'],
  ['requirement_changes', 'requirementChanges', 'int'], ['faults', 'faults', 'int'], ['usage', 'usage', 'text'], ['stage', 'stage', 'text'],
  ['expected_close', 'expectedClose', 'text'], ['health', 'health', 'text'], ['collected', 'collected', 'float8'],
  ['payment_term_days', 'paymentTermDays', 'int'], ['notes', 'notes', 'text'],
];

export async function seedPgBook(db: PgDb, opts: { customers: number; reps: number; weeks: number; seed?: number; locale?: 'zh' | 'en' }): Promise<PgBenchBook> {
  const repos = createPgRepositories(db);
  const team = await repos.teams.ensureTeam({ name: 'Bench', timezone: 'Asia/Shanghai', locale: opts.locale ?? 'en' });
  const book = simulateBook({ seed: opts.seed ?? 11, customers: opts.customers, reps: opts.reps, weeks: opts.weeks });
  const reps = new Map<string, number>();
  for (const r of book.reps) reps.set(r.email, (await repos.teams.upsertMember({ teamId: team.id, email: r.email, name: r.name, role: 'rep' })).id);
  await repos.teams.upsertMember({ teamId: team.id, email: 'manager@example.com', name: 'Manager', role: 'manager' });

  const names = book.customers.map((c) => cleanName(c.name));
  const ids = await db.query<{ id: number; name_key: string }>(
    `INSERT INTO customers (team_id, name, name_key, owner_rep_id, industry, region, tier, since)
     SELECT $1::int, * FROM unnest($2::text[], $3::text[], $4::int[], $5::text[], $6::text[], $7::text[], $8::text[]) RETURNING id, name_key`,
    [team.id, names, names.map(normalizeName), book.customers.map((c) => reps.get(c.rep) ?? null), book.customers.map((c) => c.industry),
      book.customers.map((c) => c.region), book.customers.map((c) => c.tier), book.customers.map((c) => c.since)]);
  const customerIds = new Map(ids.map((r) => [r.name_key, r.id]));

  const chunk = 50_000;
  const insert = `INSERT INTO entries (team_id, source, updated_at, week, rep_id, customer_id, ${VALUE_TYPES.map(([c]) => c).join(', ')})
    SELECT $1::int, 'import', '2026-01-01T00:00:00Z', * FROM unnest($2::text[], $3::int[], $4::int[], ${VALUE_TYPES.map(([, , t], i) => `$${i + 5}::${t}[]`).join(', ')})`;
  for (let at = 0; at < book.records.length; at += chunk) {
    const part = book.records.slice(at, at + chunk);
    const columns = VALUE_TYPES.map(([, field, type]) => part.map((r) => {
      const v = (r as unknown as Record<string, unknown>)[field] ?? null;
      return type === 'int' && typeof v === 'number' ? Math.round(v) : v;
    }));
    await db.execute(insert, [team.id, part.map((r) => r.week), part.map((r) => reps.get(r.rep)!), part.map((r) => customerIds.get(normalizeName(cleanName(r.customer)))!), ...columns]);
  }
  await db.execute('ANALYZE');
  return { repos, team, week: book.endWeek, book };
}
