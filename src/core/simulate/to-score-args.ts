// Turn import-format records into what `scoreWeek` reads (ids by first appearance), without a database.
import type { WeekEntryRow } from '../customer-risk/score-week.js';
import type { CustomerProfile } from '../customer-risk/types.js';
import { FIELD_IDS, type EntryValues } from '../weekly-report/template.js';
import type { SimRecord } from './types.js';

export interface ScoreArgsFromRecords {
  customers: CustomerProfile[];
  entries: WeekEntryRow[];
  /** Customer id by name, and back. */
  idOf: Map<string, number>;
  nameOf: Map<number, string>;
}

/** Customers get ids 1, 2, … in order of first appearance; reps likewise (for `repId`). */
export function recordsToScoreArgs(records: readonly SimRecord[]): ScoreArgsFromRecords {
  const idOf = new Map<string, number>();
  const nameOf = new Map<number, string>();
  const repIds = new Map<string, number>();
  const customers: CustomerProfile[] = [];
  const entries: WeekEntryRow[] = [];
  for (const r of records) {
    let id = idOf.get(r.customer);
    if (id === undefined) {
      id = customers.length + 1;
      idOf.set(r.customer, id);
      nameOf.set(id, r.customer);
      customers.push({ id, name: r.customer, tier: r.tier, industry: r.industry, region: r.region, since: r.since });
    }
    let repId = repIds.get(r.rep);
    if (repId === undefined) repIds.set(r.rep, (repId = repIds.size + 1));
    const values = {} as Record<string, unknown>;
    for (const f of FIELD_IDS) values[f] = r[f] ?? null;
    entries.push({ week: r.week, customerId: id, values: values as unknown as EntryValues, repId });
  }
  return { customers, entries, idOf, nameOf };
}
