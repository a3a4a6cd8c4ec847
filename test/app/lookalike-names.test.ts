// Invisible characters (zero-width, bidi controls) must not make a second customer that looks like the first.
import { describe, expect, it } from 'vitest';
import { encodeAction } from '../../src/ui/action.js';
import { cleanName, normalizeName } from '../../src/core/team.js';
import { importRecords } from '../../src/app/import/import-records.service.js';
import { createHarness } from './support/app-harness.js';
import { kindOf, replied } from '../support/answer.js';

const INVISIBLES = ['\u200B', '\u200C', '\u200D', '\u2060', '\uFEFF', '\u202A', '\u202B', '\u202C', '\u202D', '\u202E', '\u2066', '\u2067', '\u2068', '\u2069'];

describe('lookalike names', () => {
  it('normalizeName and cleanName drop every zero-width and bidi control character', () => {
    for (const ch of INVISIBLES) {
      expect(normalizeName(`华星${ch}科技`)).toBe(normalizeName('华星科技'));
      expect(cleanName(`${ch}华星${ch}科技 `)).toBe('华星科技');
    }
    // Visible differences still count.
    expect(normalizeName('华星科技 A')).not.toBe(normalizeName('华星科技'));
  });

  it('an import line with 华星\\u200B科技 is the existing 华星科技, and stored names carry no invisible characters', () => {
    const h = createHarness();
    const { repos } = h.app.ctx;
    const before = repos.customers.listCustomers(h.teamId).length;
    const line = JSON.stringify({
      week: '2026-W47', rep: 'rep2@example.com', repName: 'Rep\u202ETwo', customer: '华星\u200B科技', contacts: 1, revenue: 0, stage: 'live',
    });
    const other = JSON.stringify({ week: '2026-W47', rep: 'rep2@example.com', customer: '\u2066新\u200D客户\u2069', contacts: 1, revenue: 0, stage: 'lead' });
    importRecords(repos, { name: 'x.jsonl', text: `${line}\n${other}` }, { teamId: h.teamId });
    const names = repos.customers.listCustomers(h.teamId).map((c) => c.name);
    expect(names).toHaveLength(before + 1);
    expect(names).toContain('新客户');
    expect(names.join('')).not.toMatch(/[\u200B-\u200D\u2060\uFEFF\u202A-\u202E\u2066-\u2069]/);
    expect(repos.customers.customerByName(h.teamId, '华星科技')?.ownerRepId).toBe(h.members.rep1.id);
  });

  it('a customer added from the chat form with a zero-width space matches the existing one', async () => {
    const h = createHarness();
    const { repos } = h.app.ctx;
    const before = repos.customers.listCustomers(h.teamId).length;
    const result = await h.send({
      type: 'formSubmitted', actor: h.actor(h.members.rep1), message: null,
      formId: encodeAction({ kind: 'report.new', args: { week: '2026-W48' } }),
      values: { customerName: 'Acme\u200B Corp\u202C', contacts: '1', revenue: '0', stage: 'live' },
    });
    expect(kindOf(result)).toBe('formDone');
    expect(repos.customers.listCustomers(h.teamId)).toHaveLength(before);
    // A brand-new name is stored without its invisible characters.
    await h.send({
      type: 'formSubmitted', actor: h.actor(h.members.rep1), message: null,
      formId: encodeAction({ kind: 'report.new', args: { week: '2026-W48' } }),
      values: { customerName: '\u200B蓝海\u2060物流', contacts: '1', revenue: '0', stage: 'lead' },
    });
    expect(repos.customers.listCustomers(h.teamId).map((c) => c.name)).toContain('蓝海物流');
  });
});

describe('a name that is mostly question words', () => {
  it('"New Co" (a customer nobody has) is not answered with Acme Corp', async () => {
    const h = createHarness();
    for (const text of ['New Co', 'new corp']) {
      const r = await h.send({ type: 'message', actor: h.actor(h.members.owner), text, channelId: 'D1', isDirect: true });
      expect(kindOf(r)).toBe('reply');
      expect(replied(r).title).not.toContain('Acme Corp');
    }
    const acme = await h.send({ type: 'message', actor: h.actor(h.members.owner), text: 'Acme', channelId: 'D1', isDirect: true });
    expect(replied(acme).title).toBe('Customer: Acme Corp');
  });
});
