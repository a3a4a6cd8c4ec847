// The radar's segment median is computed in SQL (median() over each sub-score of the segment's other
// customers with data); it must equal the median of the same scores computed the obvious way, for each
// segment the radar may pick (industry and region, then industry, then region, then everyone).
import { describe, expect, it } from 'vitest';
import { createChartsService } from '../../../src/app/charts/charts.service.js';
import { medianByDimension } from '../../../src/app/charts/customer-radar.chart.js';
import { ensureScored } from '../../../src/app/scoring/scoring.service.js';
import { importRecords } from '../../../src/app/import/import-records.service.js';
import { DIMENSIONS, type CustomerScore } from '../../../src/core/customer-risk/types.js';
import type { Customer } from '../../../src/core/team.js';
import { createHarness, NOW, WEEKS } from '../support/app-harness.js';

const WEEK = WEEKS.at(-1)!;

function book() {
  const h = createHarness();
  const line = (week: string, customer: string, industry: string, region: string, i: number) => JSON.stringify({
    week, rep: 'rep2@example.com', repName: 'rep2', customer, region, industry, tier: 'normal',
    contacts: i % 4, lastContact: '2026-11-01', revenue: 1000 * (i % 5), receivable: 5000 * i, overdueDays: (i * 13) % 90, complaints: i % 3,
    complaintType: i % 3 ? 'service' : null, requirementChanges: i % 2, faults: i % 4, usage: i % 2 ? 'low' : 'normal', stage: 'live',
    expectedClose: null, health: i % 3 === 0 ? 'red' : 'yellow', notes: '',
  });
  const rows: string[] = [];
  // software/East: 6 more; retail/East: 4; retail/North: 1 (a segment of its own, widened).
  const spec: Array<[string, string, number]> = [['software', 'East', 6], ['retail', 'East', 4], ['retail', 'North', 1], ['energy', 'South', 1]];
  let i = 0;
  for (const [industry, region, n] of spec) {
    for (let k = 0; k < n; k += 1) {
      i += 1;
      for (const w of WEEKS) rows.push(line(w, `${industry}-${region}-${k}`, industry, region, i + WEEKS.indexOf(w)));
    }
  }
  importRecords(h.app.ctx.repos, { name: 'more.jsonl', text: rows.join('\n') }, { teamId: h.teamId, now: NOW.toISOString() });
  return h;
}

/** The median the obvious way: every score of the week in JavaScript. */
function expected(scores: readonly CustomerScore[], byId: Map<number, Customer>, self: number, match: (c: Customer) => boolean) {
  const peers = scores.filter((s) => s.customerId !== self && s.hasData && match(byId.get(s.customerId)!));
  const median = medianByDimension(peers.map((s) => Object.fromEntries(DIMENSIONS.map((d) => [d, s.dimensions[d].score])) as Record<(typeof DIMENSIONS)[number], number>));
  return { n: peers.length, values: DIMENSIONS.map((d) => Math.round(median[d])) };
}

describe('radar segment median', () => {
  it('equals the median of the segment\'s scores, for every segment the radar widens to', () => {
    const h = book();
    const charts = createChartsService(h.app.ctx, h.teamId);
    const repos = h.app.ctx.repos;
    const scores = ensureScored(h.app.ctx, h.teamId, WEEK);
    const byId = new Map(repos.customers.listCustomers(h.teamId).map((c) => [c.id, c]));
    const id = (name: string) => repos.customers.customerByName(h.teamId, name)!.id;
    const cases = [
      // 华星科技 is software/East: 6 new + Acme Corp + 长城物流 share both.
      { name: '华星科技', label: 'software / East', match: (c: Customer) => c.industry === 'software' && c.region === 'East' },
      // retail/East has 3 others: itself is the 4th.
      { name: 'retail-East-0', label: 'retail / East', match: (c: Customer) => c.industry === 'retail' && c.region === 'East' },
      // retail/North alone: widened to retail (4 others).
      { name: 'retail-North-0', label: 'retail', match: (c: Customer) => c.industry === 'retail' },
      // energy/South: no peer in its industry or region: everyone.
      { name: 'energy-South-0', label: 'all customers', match: () => true },
    ];
    for (const c of cases) {
      const spec = charts.radar(id(c.name), WEEK, 'en');
      const want = expected(scores, byId, id(c.name), c.match);
      expect(want.n, c.name).toBeGreaterThanOrEqual(3);
      expect(spec.subtitle, c.name).toBe(`${WEEK} · vs the median customer of ${c.label}`);
      expect(spec.series[1]!.name, c.name).toBe(`Segment median (${want.n})`);
      expect(spec.series[1]!.values, c.name).toEqual(want.values);
      const own = scores.find((s) => s.customerId === id(c.name))!;
      expect(spec.series[0]!.values, c.name).toEqual(DIMENSIONS.map((d) => Math.round(own.dimensions[d].score)));
    }
    // Not every median is zero (the comparison is not vacuous).
    expect(charts.radar(id('华星科技'), WEEK, 'en').series[1]!.values.some((v) => v > 0)).toBe(true);
  });
});
