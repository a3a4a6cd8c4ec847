// Custom problem tags on custom report fields (issue 11 §4), through the real SQLite repositories and
// scorer: values stored in entries.custom make a rule fire; reasons name fields and options by their
// labels; a rule naming a field the team does not have is refused where settings are parsed.
import { afterEach, describe, expect, it } from 'vitest';
import type { AppContext } from '../../src/app/context.js';
import { ensureScored, scoringFingerprint } from '../../src/app/scoring/scoring.service.js';
import { createSettingsResolver, parseRadarSettings } from '../../src/config/radar-config.js';
import { changeSetting, settingsHistory } from '../../src/app/settings/settings.service.js';
import { ask } from '../../src/app/ask/ask.service.js';
import { digestCard } from '../../src/app/digest/digest.view.js';
import { digestModel, prepareDigestWeek } from '../../src/app/digest/digest.service.js';
import { reachableOn, withUnreachable } from '../../src/core/digest/build-digest.js';
import { teamTagLabels } from '../../src/app/shared/view-text.js';
import type { Block } from '../../src/ui/card.js';
import { silentLogger } from '../../src/runtime/logging/logger.js';
import { entry, setup, type Fixture } from '../storage/helpers.js';

const WEEK = '2026-W48'; // ends Sunday 2026-11-29

const config = (tags: Record<string, unknown>) => ({
  template: {
    custom: [
      { id: 'contractEnd', kind: 'date', label: { zh: '合同结束', en: 'Contract end' } },
      {
        id: 'payMethod', kind: 'select', label: { zh: '付款方式', en: 'Payment method' },
        options: [{ value: 'cash', label: { zh: '现金', en: 'Cash' } }, { value: 'transfer', label: { zh: '转账', en: 'Bank transfer' } }],
      },
    ],
  },
  scoring: { customTags: tags },
});

const TAGS = {
  contract_due: {
    label: { zh: '合同到期', en: 'Contract due' }, severity: 'B', route: 'manager',
    when: { all: [{ field: 'contractEnd', op: 'within_days', value: 30 }] },
  },
  cash_negotiation: {
    label: { zh: '现金谈判', en: 'Cash in negotiation' }, severity: 'A', route: 'finance',
    when: { all: [{ field: 'payMethod', op: 'eq', value: 'cash' }, { field: 'stage', op: 'eq', value: 'negotiation' }] },
  },
};

let f: Fixture | undefined;
afterEach(() => {
  f?.db.close();
  f = undefined;
});

function book() {
  f = setup();
  const ctx: AppContext = { repos: f.repos, settings: parseRadarSettings(config(TAGS)), clock: () => new Date('2026-11-30T04:00:00Z'), logger: silentLogger() };
  const add = (name: string, values: Parameters<typeof entry>[0], custom?: Record<string, string | number>) => {
    const c = f!.repos.customers.upsertCustomer({ teamId: f!.teamId, name });
    f!.repos.reports.upsertEntry({ teamId: f!.teamId, week: WEEK, repId: f!.repId, customerId: c.id, source: 'import', values: entry(values), ...(custom ? { custom } : {}) }, 't');
    return c.id;
  };
  const ids = {
    due: add('Due Co', {}, { contractEnd: '2026-12-20' }),
    later: add('Later Co', {}, { contractEnd: '2027-06-30' }),
    cash: add('Cash Co', { stage: 'negotiation' }, { payMethod: 'cash' }),
    transfer: add('Transfer Co', { stage: 'negotiation' }, { payMethod: 'transfer' }),
    plain: add('Plain Co', {}),
  };
  return { ctx, ids, teamId: f.teamId };
}

describe('custom tags on custom report fields, scored from stored entries', () => {
  it('fires on values stored in entries.custom, with the grade floor, and leaves the others alone', () => {
    const { ctx, ids, teamId } = book();
    const scores = new Map(ensureScored(ctx, teamId, WEEK).map((s) => [s.customerId, s]));
    expect(scores.get(ids.due)!.tags).toContain('contract_due');
    expect(scores.get(ids.due)!.grade).toBe('B');
    expect(scores.get(ids.cash)!.tags).toContain('cash_negotiation');
    expect(scores.get(ids.cash)!.grade).toBe('A');
    for (const id of [ids.later, ids.transfer, ids.plain]) {
      expect(scores.get(id)!.tags.filter((t) => t === 'contract_due' || t === 'cash_negotiation')).toEqual([]);
    }
  });

  it('reasons name the fields and the options by their labels, in both languages', () => {
    const { ctx, ids, teamId } = book();
    const scores = new Map(ensureScored(ctx, teamId, WEEK).map((s) => [s.customerId, s]));
    const cash = scores.get(ids.cash)!;
    const reason = cash.reasons[cash.tags.indexOf('cash_negotiation')]!;
    expect(reason.zh).toBe('现金谈判：付款方式为 现金，阶段为 谈判');
    expect(reason.en).toBe('Cash in negotiation: Payment method is Cash, Stage is Negotiation');
    const due = scores.get(ids.due)!;
    expect(due.reasons[due.tags.indexOf('contract_due')]).toEqual({ zh: '合同到期：合同结束 2026-12-20（21 天内）', en: 'Contract due: Contract end 2026-12-20 (in 21 days)' });
  });

  it('a relabelled custom field changes the fingerprint, so stored reasons are re-scored with the new label', () => {
    const a = parseRadarSettings(config(TAGS));
    const relabelled = config(TAGS);
    relabelled.template.custom[1]!.label = { zh: '结算方式', en: 'Settlement' };
    const b = parseRadarSettings(relabelled);
    expect(scoringFingerprint(a)).not.toBe(scoringFingerprint(b));
    expect(scoringFingerprint(a)).toBe(scoringFingerprint(parseRadarSettings(config(TAGS))));
  });
});

describe('custom tag rules are checked against the team\'s fields', () => {
  const withRule = (rule: Record<string, unknown>, reason?: Record<string, string>) => config({
    bad: { label: { zh: '坏', en: 'Bad' }, severity: 'B', route: 'manager', when: { all: [rule] }, ...(reason ? { reason } : {}) },
  });
  const problems = (raw: unknown): string[] => {
    try {
      parseRadarSettings(raw);
    } catch (err) {
      return (err as { problems: string[] }).problems;
    }
    throw new Error('expected the settings to be refused');
  };

  it('an unknown field id is refused, naming the key path, the id and the allowed ids', () => {
    const [p, ...rest] = problems(withRule({ field: 'contractEdn', op: 'within_days', value: 30 }));
    expect(rest).toEqual([]);
    expect(p).toContain('scoring.customTags.bad.when.all.0.field');
    expect(p).toContain('"contractEdn"');
    expect(p).toMatch(/expected .*revenue.*contractEnd.*payMethod/);
  });

  it('an unknown placeholder in the reason is refused', () => {
    const p = problems(withRule({ field: 'contractEnd', op: 'within_days', value: 30 }, { zh: '到期 {contractEdn}', en: 'due {contractEnd}' }));
    expect(p).toHaveLength(1);
    expect(p[0]).toContain('scoring.customTags.bad.reason.zh');
    expect(p[0]).toContain('{contractEdn}');
  });

  it('operators must fit the custom field: dates for within_days, option values for a select', () => {
    expect(problems(withRule({ field: 'payMethod', op: 'within_days', value: 30 }))[0]).toContain('scoring.customTags.bad.when.all.0.op');
    const p = problems(withRule({ field: 'payMethod', op: 'in', value: ['cash', 'cheque'] }))[0]!;
    expect(p).toContain('scoring.customTags.bad.when.all.0.value');
    expect(p).toContain('"cheque"');
    expect(p).toContain('cash, transfer');
  });

  it('a rule on a custom field the template does not have yet is refused; with the field it loads', () => {
    const raw = { scoring: { customTags: TAGS } };
    expect(problems(raw).map((p) => p.split(':')[1]!.trim())).toEqual(['scoring.customTags.contract_due.when.all.0.field', 'scoring.customTags.cash_negotiation.when.all.0.field']);
    expect(Object.keys(parseRadarSettings(config(TAGS)).scoring.customTags ?? {})).toEqual(['contract_due', 'cash_negotiation']);
  });
});

describe('radar settings set with a custom tag on a custom field', () => {
  it('is refused while the field does not exist (naming the key, the id and the allowed ids), and accepted once it does', () => {
    const { ctx, teamId } = book();
    ctx.settings = parseRadarSettings({});
    ctx.settingsResolver = createSettingsResolver(null);
    const tag = JSON.parse(JSON.stringify(TAGS.contract_due)) as typeof TAGS.contract_due;
    let message = '';
    try {
      changeSetting(ctx, teamId, { key: 'scoring.customTags.contract_due', value: tag, actor: 'boss@example.com' });
    } catch (err) {
      message = (err as Error).message;
    }
    expect(message).toContain('scoring.customTags.contract_due.when.all.0.field: unknown field "contractEnd"');
    expect(message).toMatch(/expected a built-in or custom field id: contacts, lastContact, .*notes/);
    expect(settingsHistory(ctx, teamId)).toHaveLength(0);
    changeSetting(ctx, teamId, { key: 'template.custom', value: config({}).template.custom, actor: 'boss@example.com' });
    changeSetting(ctx, teamId, { key: 'scoring.customTags.contract_due', value: tag, actor: 'boss@example.com' });
    // The change re-scored the week: the stored custom value makes the tag fire.
    const due = ctx.repos.customers.customerByName(teamId, 'Due Co')!.id;
    expect(ctx.repos.scores.scoresForWeek(teamId, WEEK).find((s) => s.customerId === due)!.tags).toContain('contract_due');
  });
});

describe('ask and the digest with custom tags', () => {
  it('"哪些客户是合同到期" / "which customers are contract due" lists the customers with that tag', () => {
    const { ctx, teamId } = book();
    const boss = ctx.repos.teams.upsertMember({ teamId, email: 'boss@example.com', name: 'Boss', role: 'manager' });
    for (const [q, locale] of [['哪些客户是合同到期', 'zh'], ['which customers are contract due', 'en']] as const) {
      const r = ask(ctx, teamId, boss, q);
      expect(r.answer).toMatchObject({ kind: 'list', filters: { tags: ['contract_due'] } });
      expect((r.answer as Extract<typeof r.answer, { kind: 'list' }>).rows.map((row) => row.name)).toEqual(['Due Co']);
      // The card's title names the tag as configured, in the asker's language.
      expect(r.card.title).toContain(locale === 'zh' ? '合同到期' : 'Contract due');
    }
  });

  it('two teams with the same custom tag id each see their own label (no process-wide names)', () => {
    const { ctx, teamId } = book();
    const boss = ctx.repos.teams.upsertMember({ teamId, email: 'boss@example.com', name: 'Boss', role: 'manager' });
    const other: AppContext = { ...ctx, settings: parseRadarSettings(config({ contract_due: { ...TAGS.contract_due, label: { zh: '续约提醒', en: 'Renewal due' } } })) };
    const first = ask(ctx, teamId, boss, 'which customers are contract due');
    const second = ask(other, teamId, boss, 'which customers are renewal due');
    expect(first.card.title).toContain('Contract due');
    expect(second.card.title).toContain('Renewal due');
    // Asked again after the other team's question, the first keeps its own name.
    expect(ask(ctx, teamId, boss, 'which customers are contract due').card.title).toContain('Contract due');
    expect(ask(ctx, teamId, boss, 'which customers are renewal due').answer).not.toMatchObject({ filters: { tags: ['contract_due'] } });
    prepareDigestWeek(other, teamId, WEEK);
    const model = withUnreachable(digestModel(other, teamId, WEEK), reachableOn());
    const due = ctx.repos.customers.customerByName(teamId, 'Due Co')!.id;
    const flag = digestCard(model, 'en', teamTagLabels(other.settings)).blocks.find((x): x is Extract<Block, { type: 'text' }> => x.type === 'text' && x.unit === `flag:${due}`)!;
    expect(flag.text.filter((x): x is string => typeof x === 'string').join('')).toContain('Renewal due');
  });
});
