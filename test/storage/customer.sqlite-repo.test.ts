import { afterEach, describe, expect, it } from 'vitest';
import { setup, type Fixture } from './helpers.js';

let f: Fixture;
afterEach(() => f?.db.close());

describe('SqliteCustomerRepo', () => {
  it('matches names after trimming and width/case folding', () => {
    f = setup();
    const c = f.repos.customers.upsertCustomer({ teamId: f.teamId, name: 'Acme Corp', tier: 'key' });
    expect(f.repos.customers.customerByName(f.teamId, 'ＡＣＭＥ Corp ')?.id).toBe(c.id);
    expect(f.repos.customers.customerByName(f.teamId, '  acme   corp')?.id).toBe(c.id);
    const again = f.repos.customers.upsertCustomer({ teamId: f.teamId, name: 'ＡＣＭＥ CORP', region: 'East' });
    expect(again.id).toBe(c.id);
    expect(again.name).toBe('Acme Corp');
    expect(again).toMatchObject({ tier: 'key', region: 'East', industry: null });
    expect(f.repos.customers.listCustomers(f.teamId)).toHaveLength(1);
  });

  it('keeps attributes that are not given and stores aliases and owner', () => {
    f = setup();
    const c = f.repos.customers.upsertCustomer({
      teamId: f.teamId, name: '华星科技', industry: 'software', since: '2023-04-01', aliases: ['Huaxing'], ownerRepId: f.repId,
    });
    const same = f.repos.customers.upsertCustomer({ teamId: f.teamId, name: '华星科技' });
    expect(same).toEqual(c);
    expect(f.repos.customers.getCustomer(c.id)).toEqual({
      id: c.id, teamId: f.teamId, name: '华星科技', aliases: ['Huaxing'], ownerRepId: f.repId,
      industry: 'software', region: null, tier: 'normal', since: '2023-04-01',
    });
    expect(f.repos.customers.customersOfRep(f.repId).map((x) => x.name)).toEqual(['华星科技']);
    // Deleting the rep keeps the customer, without an owner.
    f.db.sqlite.prepare('DELETE FROM members WHERE id = ?').run(f.repId);
    expect(f.repos.customers.getCustomer(c.id)?.ownerRepId).toBeNull();
  });

  it('reads customers by id in one query, leaving unknown ids out, however many ids', () => {
    f = setup();
    const ids = Array.from({ length: 1_200 }, (_, i) => f.repos.customers.upsertCustomer({ teamId: f.teamId, name: `C${i}` }).id);
    const picked = [ids[5]!, ids[1_100]!, ids[5]!, 999_999, ...ids.slice(100, 700)];
    const got = f.repos.customers.customersByIds(picked);
    expect(got.map((c) => c.id)).toEqual([ids[5]!, ...ids.slice(100, 700), ids[1_100]!]);
    expect(got[0]).toEqual(f.repos.customers.getCustomer(ids[5]!));
    expect(f.repos.customers.customersByIds([])).toEqual([]);
  });

  it('rejects an empty name', () => {
    f = setup();
    expect(() => f.repos.customers.upsertCustomer({ teamId: f.teamId, name: '   ' })).toThrow(/empty/);
  });
});
