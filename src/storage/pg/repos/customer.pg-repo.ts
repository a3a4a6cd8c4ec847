// Customers on PostgreSQL (the async CustomerRepo port), matched by normalised name like SQLite's.
import { and, asc, eq, sql } from 'drizzle-orm';
import { cleanName, normalizeName, type Customer } from '../../../core/team.js';
import type { CustomerInput } from '../../../app/ports/repositories.port.js';
import type { AsyncCustomerRepo } from '../../../app/ports/async.port.js';
import type { PgDb } from '../db.js';
import { customers } from '../schema.js';
import { toCustomer } from '../../repos/customer.sqlite-repo.js';
import { StorageError } from '../../errors.js';
import { text } from '../../../core/i18n.js';

type CustomerRow = typeof customers.$inferSelect;

export class PgCustomerRepo implements AsyncCustomerRepo {
  constructor(private readonly db: PgDb) {}

  async listCustomers(teamId: number): Promise<Customer[]> {
    return (await this.db.orm.select().from(customers).where(eq(customers.teamId, teamId)).orderBy(asc(customers.id))).map(toCustomer);
  }

  async getCustomer(customerId: number): Promise<Customer | null> {
    const [row] = await this.db.orm.select().from(customers).where(eq(customers.id, customerId));
    return row ? toCustomer(row) : null;
  }

  async customerByName(teamId: number, name: string): Promise<Customer | null> {
    const [row] = await this.db.orm.select().from(customers)
      .where(and(eq(customers.teamId, teamId), eq(customers.nameKey, normalizeName(name))));
    return row ? toCustomer(row) : null;
  }

  async upsertCustomer(input: CustomerInput): Promise<Customer> {
    const name = cleanName(input.name);
    const aliases = input.aliases?.map(cleanName).filter((a) => a !== '');
    const nameKey = normalizeName(name);
    if (nameKey === '') throw new StorageError('customer_name_empty', 'customer name is empty', {
      userMessage: text('客户名称为空：请填写客户名称', 'The customer name is empty: please give the customer a name'),
    });
    const existing = await this.customerByName(input.teamId, name);
    if (!existing) {
      // A replica that inserted the same name meanwhile wins; this one then updates it like an existing one.
      const [row] = await this.db.orm.insert(customers).values({
        teamId: input.teamId, name, nameKey,
        aliases: JSON.stringify(aliases ?? []),
        ownerRepId: input.ownerRepId ?? null,
        industry: input.industry ?? null,
        region: input.region ?? null,
        tier: input.tier ?? 'normal',
        since: input.since ?? null,
      }).onConflictDoNothing().returning();
      if (row) return toCustomer(row);
      return this.upsertCustomer(input);
    }
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
    if (Object.keys(patch).length > 0) await this.db.orm.update(customers).set(patch).where(eq(customers.id, existing.id));
    return next;
  }

  async customersByIds(ids: readonly number[]): Promise<Customer[]> {
    const unique = [...new Set(ids)];
    if (unique.length === 0) return [];
    // One array parameter however many ids (no bound-parameter limit to chunk under).
    const rows = await this.db.orm.select().from(customers).where(sql`${customers.id} = ANY(${sql.param(unique)}::int[])`).orderBy(asc(customers.id));
    return rows.map(toCustomer);
  }

  async customersOfRep(repId: number): Promise<Customer[]> {
    return (await this.db.orm.select().from(customers).where(eq(customers.ownerRepId, repId)).orderBy(asc(customers.id))).map(toCustomer);
  }
}
