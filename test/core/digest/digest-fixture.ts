// A digest input used by the digest model tests and the view golden files.
import type { DigestInput } from '../../../src/core/digest/build-digest.js';
import { buildDigest, reachableOn, withUnreachable } from '../../../src/core/digest/build-digest.js';
import type { DigestModel } from '../../../src/core/digest/digest.types.js';
import { CUSTOMERS, MEMBERS, score, task } from '../follow-up/fixtures.js';

export function digestInput(over: Partial<DigestInput> = {}): DigestInput {
  return {
    teamId: 1, week: '2026-W48', today: '2026-11-27',
    scores: [
      score(103, 61, 'B', ['complaints'], { delta: 12 }),
      score(101, 88, 'A', ['overdue', 'silent', 'declining', 'cycle_slip'], { delta: 9, weeksInRed: 3 }),
      score(102, 74, 'A', ['low_fit'], { delta: null }),
      score(104, 18, null, [], { delta: -30 }),
      score(105, 22, null, []),
    ],
    customers: CUSTOMERS,
    members: MEMBERS,
    tasks: [
      task(11, 101, 'silent', { role: 'manager', assigneeId: 3, grade: 'A', ownerRole: 'director', state: 'claimed', createdWeek: '2026-W46', dueDate: '2026-11-13', escalated: true }),
      task(12, 101, 'overdue', { role: 'finance', assigneeId: 5, grade: 'A', ownerRole: 'director', dueDate: '2026-11-29' }),
      task(13, 103, 'complaints', { role: 'customer_service', assigneeId: null, dueDate: '2026-12-02' }),
      task(14, 102, 'low_fit', { role: 'tech_support', assigneeId: 8, grade: 'A', ownerRole: 'director', state: 'snoozed', snoozedUntil: '2026-12-01', createdWeek: '2026-W47', dueDate: '2026-11-20' }),
      task(15, 104, 'declining', { role: 'manager', assigneeId: 3, state: 'done', closedAt: '2026-11-27T09:00:00.000Z', closeNote: 'recovered', createdWeek: '2026-W45' }),
      task(16, 104, 'complaints', { role: 'customer_service', assigneeId: 6, state: 'dismissed', closedAt: '2026-11-24T10:00:00.000Z', closeNote: 'one-off, handled', createdWeek: '2026-W47' }),
      task(17, 105, 'overdue', { role: 'finance', assigneeId: 5, state: 'done', closedAt: '2026-11-10T10:00:00.000Z', closeNote: 'paid', createdWeek: '2026-W44' }),
      task(18, 104, 'cycle_slip', { role: 'manager', assigneeId: null, state: 'open', createdWeek: '2026-W45', dueDate: '2026-11-12' }),
    ],
    reportStatuses: [
      { repId: 1, submittedAt: '2026-11-27T08:00:00.000Z', late: false },
      { repId: 2, submittedAt: null, late: false },
    ],
    entries: [
      { repId: 1, customerId: 101, values: { revenue: 0 } },
      { repId: 1, customerId: 102, values: { revenue: 12000.5 } },
      { repId: 2, customerId: 103, values: { revenue: 8000 } },
    ],
    trend: [
      { week: '2026-W40', flagged: 1, avgIndex: 20 },
      { week: '2026-W41', flagged: 1, avgIndex: 22 },
      { week: '2026-W42', flagged: 2, avgIndex: 25.55 },
      { week: '2026-W43', flagged: 2, avgIndex: 27 },
      { week: '2026-W44', flagged: 2, avgIndex: 30 },
      { week: '2026-W45', flagged: 3, avgIndex: 33 },
      { week: '2026-W46', flagged: 2, avgIndex: 35 },
      { week: '2026-W47', flagged: 3, avgIndex: 40 },
      { week: '2026-W48', flagged: 3, avgIndex: 52.6 },
      { week: '2026-W49', flagged: 9, avgIndex: 99 },
    ],
    ...over,
  };
}

/** The fixture's digest as a platform shows it: the team digest plus who no platform reaches. */
export const digestOf = (over: Partial<DigestInput> = {}): DigestModel => withUnreachable(buildDigest(digestInput(over)), reachableOn());
