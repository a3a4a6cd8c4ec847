import { describe, expect, it } from 'vitest';
import { DEFAULT_ROUTING, RoutingConfigError, parseRoutingConfig, primaryRole, collaboratorRoles } from '../../../src/core/follow-up/routing.js';
import { assigneeFor, collaboratorsFor } from '../../../src/core/follow-up/assignees.js';
import { CUSTOMERS, MEMBERS } from './fixtures.js';

function issuesOf(raw: unknown): string[] {
  try {
    parseRoutingConfig(raw, 'routing');
  } catch (e) {
    expect(e).toBeInstanceOf(RoutingConfigError);
    return (e as RoutingConfigError).issues.map((i) => `${i.path}: ${i.message}`);
  }
  throw new Error('expected an error');
}

describe('routing config', () => {
  it('defaults route each tag as the issue says', () => {
    const c = parseRoutingConfig(undefined);
    expect(c.routes.overdue).toEqual(['finance', 'rep']);
    expect(c.routes.complaints).toEqual(['customer_service']);
    expect(c.routes.silent).toEqual(['manager']);
    expect(c.routes.low_fit).toEqual(['tech_support']);
    expect(c.routes.requirement_churn).toEqual(['legal', 'rep']);
    expect(c.routes.declining).toEqual(['manager']);
    expect(c.routes.cycle_slip).toEqual(['manager']);
    expect(primaryRole(c, 'overdue')).toBe('finance');
    expect(collaboratorRoles(c, 'overdue')).toEqual(['rep']);
    expect(c.dueDays.A).toBeLessThan(c.dueDays.B);
    expect(c.escalateAfterWeeks).toBe(2);
  });

  it('merges a partial config over the defaults without touching them', () => {
    const c = parseRoutingConfig({ routes: { silent: ['director', 'rep', 'rep'] }, dueDays: { A: 1 }, escalateAfterWeeks: 3 });
    expect(c.routes.silent).toEqual(['director', 'rep']);
    expect(c.routes.overdue).toEqual(['finance', 'rep']);
    expect(c.dueDays).toEqual({ A: 1, B: DEFAULT_ROUTING.dueDays.B });
    expect(c.escalateAfterWeeks).toBe(3);
    expect(DEFAULT_ROUTING.routes.silent).toEqual(['manager']);
  });

  it('errors name the key path', () => {
    expect(issuesOf({ routes: { overdue: ['finance', 'cashier'] } })[0]).toMatch(/^routing\.routes\.overdue\[1\]: /);
    expect(issuesOf({ routes: { overdue: [] } })[0]).toMatch(/^routing\.routes\.overdue: .*at least one role/);
    expect(issuesOf({ routes: { overdu: ['finance'] } })[0]).toMatch(/^routing\.routes\.overdu: unknown key \(allowed: overdue, silent/);
    expect(issuesOf({ dueDays: { A: -1 } })[0]).toMatch(/^routing\.dueDays\.A: /);
    expect(issuesOf({ escalateAfterWeeks: 'two' })[0]).toMatch(/^routing\.escalateAfterWeeks: /);
    expect(issuesOf({ escalate: 2 })[0]).toMatch(/^routing\.escalate: unknown key/);
    expect(issuesOf('nope')[0]).toMatch(/^routing: /);
  });
});

describe('assignees', () => {
  const huaxing = CUSTOMERS[0]!;
  it('rep role → owning rep; unique role holder; none or several → null', () => {
    expect(assigneeFor('rep', huaxing, MEMBERS)).toBe(1);
    expect(assigneeFor('finance', huaxing, MEMBERS)).toBe(5);
    expect(assigneeFor('customer_service', huaxing, MEMBERS)).toBeNull();
    expect(assigneeFor('legal', huaxing, MEMBERS)).toBeNull();
    expect(assigneeFor('rep', { ownerRepId: null }, MEMBERS)).toBeNull();
  });
  it('collaborators come from the secondary roles, never repeating the assignee', () => {
    expect(collaboratorsFor({ tag: 'overdue', assigneeId: 5 }, huaxing, MEMBERS, DEFAULT_ROUTING)).toEqual([1]);
    expect(collaboratorsFor({ tag: 'overdue', assigneeId: 1 }, huaxing, MEMBERS, DEFAULT_ROUTING)).toEqual([]);
    expect(collaboratorsFor({ tag: 'silent', assigneeId: 3 }, huaxing, MEMBERS, DEFAULT_ROUTING)).toEqual([]);
  });
});
