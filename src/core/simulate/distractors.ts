// Healthy-but-noisy patterns that a naive rule flags and a good scorer must not: holidays, a rep's quiet
// week, missing reports, a one-off complaint, a few days of payment lag, one requirement change, one pushed
// close date, a usage blip, a big one-off order, and reps who call every account green.
import { addDays, type WeekId } from '../weekly-report/week.js';
import type { CustomerModel } from './book-model.js';
import type { Rng } from './prng.js';
import type { SimDistractor, SimParams, SimRep } from './types.js';

export function addDistractors(
  rng: Rng, p: SimParams, customers: CustomerModel[], reps: SimRep[], weeks: WeekId[],
): SimDistractor[] {
  const W = weeks.length;
  const out: SimDistractor[] = [];
  const note = (kind: SimDistractor['kind'], customer: CustomerModel | null, w: number | null, rep: string | null = null) =>
    out.push({ kind, customer: customer?.name ?? null, rep: rep ?? customer?.rep ?? null, week: w === null ? null : weeks[w]! });
  const live = (c: CustomerModel, w: number) => !c.rows[w]!.absent;

  // A team holiday: almost nobody is contacted, little is booked. Half the time it is recent.
  if (p.teamHoliday) {
    const w = rng.chance(0.5) ? rng.int(W - 6, W - 1) : rng.int(2, W - 7);
    for (const c of customers) {
      const r = c.rows[w]!;
      if (rng.chance(0.85)) r.contacts = 0;
      r.revenue = c.kind === 'steady' && rng.chance(0.5) ? Math.round(r.revenue * 0.2) : 0;
    }
    note('team_holiday', null, w);
  }

  // Reps away: some skip the report, some file it with nothing happening.
  reps.forEach((rep, ri) => {
    if (!rng.chance(0.35)) return;
    const w = rng.int(1, W - 1);
    const length = rng.int(1, 2);
    const filesAnyway = rng.chance(0.5);
    for (const c of customers) {
      if (c.repIndex !== ri) continue;
      for (let k = w; k < Math.min(W, w + length); k++) {
        if (filesAnyway) c.rows[k]!.contacts = 0;
        else c.rows[k]!.missing = true;
      }
    }
    note(filesAnyway ? 'rep_quiet_week' : 'rep_absent', null, w, rep.email);
  });

  // Reps who miss a whole week now and then, and single entries left out.
  reps.forEach((rep, ri) => {
    for (let w = 0; w < W; w++) {
      if (!rng.chance(p.repMissRate)) continue;
      for (const c of customers) if (c.repIndex === ri) c.rows[w]!.missing = true;
      note('missing_report', null, w, rep.email);
    }
  });
  for (const c of customers) {
    for (let w = 0; w < W; w++) {
      if (rng.chance(p.entryMissRate)) {
        c.rows[w]!.missing = true;
      }
    }
  }

  for (const c of customers) {
    if (rng.chance(0.12)) {
      const w = rng.int(0, W - 1);
      if (live(c, w) && c.kind !== 'pipeline') {
        c.rows[w]!.complaints = rng.chance(0.8) ? 1 : 2;
        c.rows[w]!.complaintType = rng.pick(['service', 'delivery', 'billing', 'other'] as const);
        note('one_off_complaint', c, w);
      }
    }
    if (rng.chance(0.3) && c.kind !== 'pipeline') {
      for (let w = 0; w < W; w++) {
        if (live(c, w) && rng.chance(0.15)) {
          c.rows[w]!.overdueDays = Math.max(c.rows[w]!.overdueDays, rng.int(1, 5));
          note('payment_lag', c, w);
        }
      }
    }
    if (rng.chance(0.2)) {
      const w = rng.int(0, W - 1);
      if (live(c, w)) {
        c.rows[w]!.requirementChanges += 1;
        note('single_requirement_change', c, w);
      }
    }
    if (c.kind === 'pipeline' && !c.planted && rng.chance(0.4)) {
      const w = rng.int(1, W - 1);
      const push = rng.int(7, 35);
      for (let k = w; k < W; k++) {
        const r = c.rows[k]!;
        if (r.expectedClose) r.expectedClose = addDays(r.expectedClose, push);
      }
      note('one_pushed_close', c, w);
    }
    if (c.kind !== 'pipeline' && rng.chance(0.1)) {
      const w = rng.int(0, W - 1);
      const r = c.rows[w]!;
      if (r.usage === 'high' || r.usage === 'normal') {
        r.usage = r.usage === 'high' ? 'normal' : 'low';
        note('usage_blip', c, w);
      }
    }
    if (c.kind === 'steady' && rng.chance(0.1)) {
      const w = rng.int(0, W - 1);
      c.rows[w]!.revenue = Math.round(c.rows[w]!.revenue * rng.uniform(3, 6));
      note('big_order', c, w);
    }
    if (c.kind === 'project') note('lumpy_revenue', c, null);
  }
  return out;
}
