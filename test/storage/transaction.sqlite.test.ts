// SQLite's synchronous transactions (the app's sync port): a throw rolls back everything, nested calls
// join as savepoints. The repositories themselves keep test/storage/contract/ on both dialects.
import { afterEach, describe, expect, it } from 'vitest';
import { setup, type Fixture } from './helpers.js';

let f: Fixture;
afterEach(() => f?.db.close());

describe('Repositories.transaction', () => {
  it('rolls back everything on error and lets nested calls join', () => {
    f = setup();
    expect(() => f.repos.transaction(() => {
      f.repos.customers.upsertCustomer({ teamId: f.teamId, name: 'A' });
      f.repos.transaction(() => f.repos.customers.upsertCustomer({ teamId: f.teamId, name: 'B' }));
      throw new Error('boom');
    })).toThrow('boom');
    expect(f.repos.customers.listCustomers(f.teamId)).toEqual([]);
    const n = f.repos.transaction(() => {
      f.repos.customers.upsertCustomer({ teamId: f.teamId, name: 'A' });
      return f.repos.transaction(() => f.repos.customers.upsertCustomer({ teamId: f.teamId, name: 'B' }).id);
    });
    expect(n).toBeGreaterThan(0);
    expect(f.repos.customers.listCustomers(f.teamId)).toHaveLength(2);
  });
});
