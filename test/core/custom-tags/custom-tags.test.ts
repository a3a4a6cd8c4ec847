// Custom problem tags: the rule schema (errors name the key) and the evaluation of each operator.
import { describe, expect, it } from 'vitest';
import { conditionHolds, evaluateCustomTags, type CustomTagCondition, type RuleEntry } from '../../../src/core/custom-tags/custom-tags.js';
import { parseScoringConfig } from '../../../src/core/customer-risk/weights.js';
import { EMPTY_ENTRY } from '../../../src/core/weekly-report/template.js';

// 2026-W49 runs Mon 2026-11-30 … Sun 2026-12-06: dates are judged against that Sunday.
const WEEK = '2026-W49';
const entry = (values: Partial<RuleEntry>): RuleEntry => ({ ...EMPTY_ENTRY, ...values });
const holds = (c: CustomTagCondition, e: RuleEntry) => conditionHolds(c, e, WEEK);

const CONTRACT_DUE = {
  label: { zh: '合同到期', en: 'Contract ending' },
  severity: 'B' as const,
  route: 'manager' as const,
  when: { all: [{ field: 'contractEnd', op: 'within_days' as const, value: 30 }] },
};

describe('custom tag schema (scoring.customTags)', () => {
  it('accepts a rule and fills nothing else in', () => {
    const cfg = parseScoringConfig({ customTags: { contract_due: CONTRACT_DUE } });
    expect(cfg.customTags.contract_due).toEqual(CONTRACT_DUE);
    expect(parseScoringConfig(undefined).customTags).toEqual({});
  });

  it.each([
    [{ Contract: CONTRACT_DUE }, /scoring\.customTags\.Contract: tag id must be lowercase/],
    [{ overdue: CONTRACT_DUE }, /scoring\.customTags\.overdue: overdue is a built-in tag/],
    [{ t: { ...CONTRACT_DUE, severity: 'C' } }, /scoring\.customTags\.t\.severity/],
    [{ t: { ...CONTRACT_DUE, route: 'boss' } }, /scoring\.customTags\.t\.route/],
    [{ t: { ...CONTRACT_DUE, label: { zh: '合同到期' } } }, /scoring\.customTags\.t\.label\.en/],
    [{ t: { ...CONTRACT_DUE, when: {} } }, /scoring\.customTags\.t\.when: needs all/],
    [{ t: { ...CONTRACT_DUE, when: { all: [{ field: 'receivable', op: 'gt', value: 'lots' }] } } }, /scoring\.customTags\.t\.when\.all\.0\.value: gt needs a number/],
    [{ t: { ...CONTRACT_DUE, when: { all: [{ field: 'receivable', op: 'within_days', value: 30 }] } } }, /scoring\.customTags\.t\.when\.all\.0\.op: within_days needs a date field; receivable is money/],
    [{ t: { ...CONTRACT_DUE, when: { any: [{ field: 'stage', op: 'in', value: 'won' }] } } }, /scoring\.customTags\.t\.when\.any\.0\.value: in needs a list/],
    [{ t: { ...CONTRACT_DUE, when: { all: [{ field: 'x', op: 'like', value: 1 }] } } }, /scoring\.customTags\.t\.when\.all\.0\.op/],
    [{ t: { ...CONTRACT_DUE, when: { all: [{ field: 'x', op: 'past', value: 3 }] } } }, /scoring\.customTags\.t\.when\.all\.0\.value: past takes no value/],
    [{ t: { ...CONTRACT_DUE, colour: 'red' } }, /scoring\.customTags\.t/],
  ])('refuses %j naming the key', (customTags, message) => {
    expect(() => parseScoringConfig({ customTags })).toThrow(message);
  });
});

describe('conditions', () => {
  it('gt / gte / lt / lte on numbers (built-in and custom fields)', () => {
    const e = entry({ receivable: 100_000, custom: { deposit: 5 } });
    expect(holds({ field: 'receivable', op: 'gt', value: 100_000 }, e)).toBe(false);
    expect(holds({ field: 'receivable', op: 'gte', value: 100_000 }, e)).toBe(true);
    expect(holds({ field: 'receivable', op: 'lt', value: 100_001 }, e)).toBe(true);
    expect(holds({ field: 'receivable', op: 'lte', value: 99_999 }, e)).toBe(false);
    expect(holds({ field: 'deposit', op: 'gt', value: 4 }, e)).toBe(true);
    // An empty field never compares.
    expect(holds({ field: 'overdueDays', op: 'lt', value: 10 }, e)).toBe(false);
  });

  it('gt / lt on dates against a date', () => {
    const e = entry({ expectedClose: '2026-12-20' });
    expect(holds({ field: 'expectedClose', op: 'gt', value: '2026-12-19' }, e)).toBe(true);
    expect(holds({ field: 'expectedClose', op: 'lt', value: '2026-12-20' }, e)).toBe(false);
    expect(holds({ field: 'expectedClose', op: 'lte', value: '2026-12-20' }, e)).toBe(true);
  });

  it('eq / ne / in, case-insensitive on text', () => {
    const e = entry({ stage: 'live', custom: { paymentMethod: 'Cash' } });
    expect(holds({ field: 'paymentMethod', op: 'eq', value: 'cash' }, e)).toBe(true);
    expect(holds({ field: 'paymentMethod', op: 'ne', value: 'cash' }, e)).toBe(false);
    expect(holds({ field: 'paymentMethod', op: 'ne', value: 'transfer' }, e)).toBe(true);
    expect(holds({ field: 'stage', op: 'in', value: ['won', 'live'] }, e)).toBe(true);
    expect(holds({ field: 'stage', op: 'in', value: ['lost'] }, e)).toBe(false);
    // ne on an empty field: nothing is known, so it does not match.
    expect(holds({ field: 'health', op: 'ne', value: 'green' }, e)).toBe(false);
  });

  it('within_days: from the week\'s end up to N days later', () => {
    const c = { field: 'contractEnd', op: 'within_days' as const, value: 30 };
    expect(holds(c, entry({ custom: { contractEnd: '2026-12-06' } }))).toBe(true); // the week's end itself
    expect(holds(c, entry({ custom: { contractEnd: '2027-01-05' } }))).toBe(true); // day 30
    expect(holds(c, entry({ custom: { contractEnd: '2027-01-06' } }))).toBe(false); // day 31
    expect(holds(c, entry({ custom: { contractEnd: '2026-12-05' } }))).toBe(false); // already past
    expect(holds(c, entry({ custom: { contractEnd: 'soon' } }))).toBe(false);
    expect(holds(c, entry({}))).toBe(false);
  });

  it('past: before the week\'s end', () => {
    const c = { field: 'expectedClose', op: 'past' as const };
    expect(holds(c, entry({ expectedClose: '2026-12-05' }))).toBe(true);
    expect(holds(c, entry({ expectedClose: '2026-12-06' }))).toBe(false);
    expect(holds(c, entry({}))).toBe(false);
  });

  it('empty / not_empty (blank text counts as empty)', () => {
    expect(holds({ field: 'notes', op: 'empty' }, entry({}))).toBe(true);
    expect(holds({ field: 'notes', op: 'empty' }, entry({ notes: '  ' }))).toBe(true);
    expect(holds({ field: 'notes', op: 'not_empty' }, entry({ notes: '续约谈判中' }))).toBe(true);
    expect(holds({ field: 'contractEnd', op: 'empty' }, entry({ custom: { contractEnd: null } }))).toBe(true);
    expect(holds({ field: 'contractEnd', op: 'not_empty' }, entry({ custom: { contractEnd: '2027-01-01' } }))).toBe(true);
  });
});

describe('evaluateCustomTags', () => {
  const cash = {
    label: { zh: '现金大额应收', en: 'Large cash receivable' }, severity: 'A' as const, route: 'finance' as const,
    when: { all: [{ field: 'paymentMethod', op: 'eq' as const, value: 'cash' }, { field: 'receivable', op: 'gt' as const, value: 100_000 }] },
  };

  it('all: every condition; the reason quotes each value', () => {
    const [m] = evaluateCustomTags({ cash_receivable: cash }, entry({ receivable: 150_000, custom: { paymentMethod: 'cash' } }), WEEK);
    expect(m).toEqual({
      tag: 'cash_receivable', severity: 'A', route: 'finance', label: cash.label,
      reason: { zh: '现金大额应收：paymentMethod为 cash，应收未收 150,000（> 100,000）', en: 'Large cash receivable: paymentMethod is cash, Receivable 150,000 (> 100,000)' },
    });
    expect(evaluateCustomTags({ cash_receivable: cash }, entry({ receivable: 90_000, custom: { paymentMethod: 'cash' } }), WEEK)).toEqual([]);
  });

  it('any: at least one, quoting only those that hold', () => {
    const tag = { ...CONTRACT_DUE, when: { any: [{ field: 'complaints', op: 'gte' as const, value: 3 }, { field: 'faults', op: 'gte' as const, value: 3 }] } };
    const [m] = evaluateCustomTags({ unhappy: tag }, entry({ complaints: 1, faults: 4 }), WEEK);
    expect(m?.reason.en).toBe('Contract ending: Product faults 4 (≥ 3)');
    expect(evaluateCustomTags({ unhappy: tag }, entry({ complaints: 1, faults: 1 }), WEEK)).toEqual([]);
  });

  it('a reason template fills {field} and {field.days}', () => {
    const tag = { ...CONTRACT_DUE, reason: { zh: '合同将于 {contractEnd} 到期（{contractEnd.days} 天内）', en: 'Contract ends {contractEnd} (in {contractEnd.days} days)' } };
    const [m] = evaluateCustomTags({ contract_due: tag }, entry({ custom: { contractEnd: '2026-12-23' } }), WEEK);
    expect(m?.reason).toEqual({ zh: '合同将于 2026-12-23 到期（17 天内）', en: 'Contract ends 2026-12-23 (in 17 days)' });
  });

  it('no entry, no match; tags keep their configured order', () => {
    expect(evaluateCustomTags({ contract_due: CONTRACT_DUE }, null, WEEK)).toEqual([]);
    const e = entry({ receivable: 150_000, custom: { paymentMethod: 'cash', contractEnd: '2026-12-10' } });
    expect(evaluateCustomTags({ contract_due: CONTRACT_DUE, cash_receivable: cash }, e, WEEK).map((m) => m.tag)).toEqual(['contract_due', 'cash_receivable']);
  });
});
