// Customers, matched by normalised name (trim, NFKC width folding, case folding).
import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import { cleanName, normalizeName, type Customer } from '../../core/team.js';
import type { Tier } from '../../core/customer-risk/types.js';
import type { CustomerInput, CustomerRepo } from '../../app/ports/repositories.port.js';
import type { Db } from '../db.js';
import { customers } from '../schema.js';
import { StorageError } from '../errors.js';
import { text } from '../../core/i18n.js';

type CustomerRow = typeof customers.$inferSelect;

export const toCustomer = (r: CustomerRow): Customer => ({
  id: r.id,
  teamId: r.teamId,
  name: r.name,
  aliases: JSON.parse(r.aliases) as string[],
  ownerRepId: r.ownerRepId,
  industry: r.industry,
  region: r.region,
  tier: r.tier as Tier,
  since: r.since,
});

export class SqliteCustomerRepo implements CustomerRepo {
  /** Prepared once (a click reads its customer; preparing the SQL each time cost more than running it). */
  private readonly customerById;

  /** A team's whole book (20,000 customers, read by every scoring): raw rows, no ORM mapping per row. */
  private readonly listStmt;

  constructor(private readonly db: Db) {
    this.customerById = db.orm.select().from(customers).where(eq(customers.id, sql.placeholder('id'))).prepare();
    this.listStmt = db.sqlite.prepare('SELECT id, team_id, name, aliases, owner_rep_id, industry, region, tier, since FROM customers WHERE team_id = ? ORDER BY id').raw(true);
  }

  listCustomers(teamId: number): Customer[] {
    return (this.listStmt.all(teamId) as unknown[][]).map((r) => ({
      id: r[0] as number,
      teamId: r[1] as number,
      name: r[2] as string,
      aliases: r[3] === '[]' ? [] : JSON.parse(r[3] as string) as string[],
      ownerRepId: r[4] as number | null,
      industry: r[5] as string | null,
      region: r[6] as string | null,
      tier: r[7] as Tier,
      since: r[8] as string | null,
    }));
  }

  getCustomer(customerId: number): Customer | null {
    const row = this.customerById.get({ id: customerId });
    return row ? toCustomer(row) : null;
  }

  customerByName(teamId: number, name: string): Customer | null {
    const row = this.db.orm.select().from(customers)
      .where(and(eq(customers.teamId, teamId), eq(customers.nameKey, normalizeName(name)))).get();
    return row ? toCustomer(row) : null;
  }

  upsertCustomer(input: CustomerInput): Customer {
    // Invisible characters never reach a stored name, whatever path the name came by (import, chat, CLI).
    const name = cleanName(input.name);
    const aliases = input.aliases?.map(cleanName).filter((a) => a !== '');
    const nameKey = normalizeName(name);
    if (nameKey === '') throw new StorageError('customer_name_empty', 'customer name is empty', {
      userMessage: text('客户名称为空：请填写客户名称', 'The customer name is empty: please give the customer a name'),
    });
    const existing = this.customerByName(input.teamId, name);
    if (!existing) {
      const row = this.db.orm.insert(customers).values({
        teamId: input.teamId, name, nameKey,
        aliases: JSON.stringify(aliases ?? []),
        ownerRepId: input.ownerRepId ?? null,
        industry: input.industry ?? null,
        region: input.region ?? null,
        tier: input.tier ?? 'normal',
        since: input.since ?? null,
      }).returning().get();
      return toCustomer(row);
    }
    // Only the attributes given change; the stored display name stays.
    const patch: Partial<CustomerRow> = {};
    const next: Customer = { ...existing };
    if (input.ownerRepId !== undefined && input.ownerRepId !== existing.ownerRepId) patch.ownerRepId = next.ownerRepId = input.ownerRepId;
    if (input.industry !== undefined && input.industry !== existing.industry) patch.industry = next.industry = input.industry;
    if (input.region !== undefined && input.region !== existing.region) patch.region = next.region = input.region;
    if (input.tier !== undefined && input.tier !== existing.tier) patch.tier = next.tier = input.tier;
    if (input.since !== undefined && input.since !== existing.since) patch.since = next.since = input.since;
    if (aliases !== undefined && JSON.stringify(aliases) !== JSON.stringify(existing.aliases)) {
      next.aliases = aliases;
      patch.aliases = JSON.stringify(aliases);
    }
    if (Object.keys(patch).length > 0) this.db.orm.update(customers).set(patch).where(eq(customers.id, existing.id)).run();
    return next;
  }

  customersByIds(ids: readonly number[]): Customer[] {
    const out: Customer[] = [];
    const unique = [...new Set(ids)];
    // Chunks stay under SQLite's bound-parameter limit.
    for (let i = 0; i < unique.length; i += 500) {
      out.push(...this.db.orm.select().from(customers).where(inArray(customers.id, unique.slice(i, i + 500))).all().map(toCustomer));
    }
    return out.sort((a, b) => a.id - b.id);
  }

  customersOfRep(repId: number): Customer[] {
    return this.db.orm.select().from(customers).where(eq(customers.ownerRepId, repId)).orderBy(asc(customers.id)).all().map(toCustomer);
  }
}
