import { describe, expect, it } from 'vitest';
import { buildCustomerIndex, matchCustomer, pinyinForms, type MatchResult } from '../../../src/core/ask/match-customer.js';
import { boundedDistance, coreName } from '../../../src/core/ask/name-folding.js';
import type { Customer } from '../../../src/core/team.js';
import { CUSTOMERS } from './ask-fixture.js';

const names = (r: MatchResult<Customer>): string[] =>
  r.kind === 'one' ? [r.customer.name] : r.kind === 'many' ? r.candidates.map((c) => c.name) : r.suggestions.map((c) => c.name);

const one = (query: string) => {
  const r = matchCustomer(query, CUSTOMERS);
  expect(r.kind, `${query} → ${JSON.stringify(names(r))}`).toBe('one');
  return r.kind === 'one' ? r.customer.name : '';
};

describe('matchCustomer', () => {
  it.each([
    ['华星科技', '华星科技'], // exact
    ['  华星科技 ', '华星科技'], // trimmed
    ['ACME Corp', 'ACME Corp'],
    ['acme corp', 'ACME Corp'], // case folding
    ['ＡＣＭＥ　ＣＯＲＰ', 'ACME Corp'], // width folding
    ['华星', '华星科技'], // alias
    ['腾达', '深圳市腾达电子有限公司'], // alias
    ['Acme', 'ACME Corp'], // alias / name without the legal suffix
    ['深圳市腾达电子', '深圳市腾达电子有限公司'], // prefix
    ['深圳腾达', '深圳市腾达电子有限公司'], // Chinese short form, characters in order
    ['银河', '北京银河软件'], // substring
    ['huaxing', '华星科技'], // pinyin of the alias 华星
    ['huaxingkeji', '华星科技'], // pinyin full
    ['hxkj', '华星科技'], // pinyin initials
    ['HXKJ', '华星科技'],
    ['tengda', '深圳市腾达电子有限公司'],
    ['changcheng', '长城汽车'], // polyphonic 长 read as chang
    ['ccqc', '长城汽车'],
    ['华兴科技', '华星科技'], // homophone
    ['华星物留', '华星物流'], // one wrong character
    ['acmee', 'ACME Corp'], // typo
    ['initec', 'Initech'], // missing letter
    ['intiech', 'Initech'], // transposition
    ['globex', 'Globex International Holdings'], // first word
    ['globx', 'Globex International Holdings'], // typo in first word
    ['Globex Intl', 'Globex International Holdings'], // abbreviation
  ])('%s → %s', (query, expected) => {
    expect(one(query)).toBe(expected);
  });

  it('returns ranked candidates when ambiguous', () => {
    const noAlias = CUSTOMERS.map((c) => (c.id === 1 ? { ...c, aliases: [] } : c));
    const r = matchCustomer('华星', noAlias);
    expect(r.kind).toBe('many');
    expect(names(r).sort()).toEqual(['华星物流', '华星科技'].sort());
    const h = matchCustomer('华', CUSTOMERS);
    expect(h.kind).toBe('many');
    expect(names(h)).toContain('华星科技');
  });

  it('prefers an exact name over a longer name that starts with it', () => {
    const book = [...CUSTOMERS, { ...CUSTOMERS[0]!, id: 99, name: '华星科技（上海）', aliases: [] }];
    const r = matchCustomer('华星科技', book);
    expect(r.kind === 'one' && r.customer.id).toBe(1);
  });

  it('unknown names give suggestions when something is close, none for gibberish', () => {
    const r = matchCustomer('华星汽车', CUSTOMERS);
    expect(r.kind).toBe('none');
    expect(names(r).length).toBeGreaterThan(0);
    expect(names(r).some((n) => n.startsWith('华星') || n === '长城汽车')).toBe(true);
    expect(matchCustomer('zzzzqqq', CUSTOMERS)).toEqual({ kind: 'none', suggestions: [] });
    expect(matchCustomer('', CUSTOMERS)).toEqual({ kind: 'none', suggestions: [] });
    expect(matchCustomer('!!!', CUSTOMERS)).toEqual({ kind: 'none', suggestions: [] });
  });

  it('two Latin letters inside a name or a bare legal form name no one ("New Co" is not ACME Corp)', () => {
    for (const q of ['co', 'Co.', 'corp', 'Corp', 'Ltd', '有限公司', 'me']) expect(matchCustomer(q, CUSTOMERS).kind, q).not.toBe('one');
    expect(names(matchCustomer('co', CUSTOMERS))).not.toContain('ACME Corp');
    // Longer pieces inside a name still find it; two Chinese characters still do.
    expect(one('cme corp')).toBe('ACME Corp');
    expect(one('银河')).toBe('北京银河软件');
  });

  it('never throws on odd input', () => {
    for (const q of ['😀', '\u0000', 'a'.repeat(10_000), '华'.repeat(5000), undefined, null, 42] as unknown[]) {
      expect(() => matchCustomer(q as string, CUSTOMERS)).not.toThrow();
    }
    expect(matchCustomer('x', [])).toEqual({ kind: 'none', suggestions: [] });
  });

  it('finds the right customer through a prebuilt index of 20,000 customers', () => {
    const book: Customer[] = Array.from({ length: 20_000 }, (_, i) => ({
      ...CUSTOMERS[0]!, id: i + 1, aliases: [],
      name: i % 3 === 0 ? `Company ${i} Ltd` : i % 3 === 1 ? `华星科技${i}号` : `长城物流${i}`,
    }));
    book.push({ ...CUSTOMERS[0]!, id: 50_001, name: '腾达电子', aliases: ['TD'] });
    // Speed is measured in bench/ask.bench.ts, not asserted here.
    const index = buildCustomerIndex(book);
    const r = matchCustomer('tengda', index);
    expect(r.kind === 'one' && r.customer.id).toBe(50_001);
    const typo = matchCustomer('compnay 303', index);
    expect(typo.kind === 'one' ? typo.customer.name : typo.kind === 'many' ? typo.candidates[0]?.name : null).toBe('Company 303 Ltd');
  });
});

describe('name folding', () => {
  it('strips legal suffixes and brackets', () => {
    expect(coreName('华星科技（上海）有限公司')).toBe('华星科技');
    expect(coreName('ACME Corp.')).toBe('acme');
    expect(coreName('Globex Holdings Ltd')).toBe('globex');
    expect(coreName('有限公司')).toBe('有限公司');
  });
  it('gives pinyin and initials', () => {
    expect(pinyinForms('华星科技')).toEqual({ full: 'huaxingkeji', initials: 'hxkj' });
    expect(pinyinForms('ACME')).toEqual({ full: '', initials: '' });
  });
  it('measures bounded edit distance', () => {
    expect(boundedDistance('acme', 'acmee', 2)).toBe(1);
    expect(boundedDistance('initech', 'intiech', 2)).toBe(1);
    expect(boundedDistance('abc', 'xyz', 1)).toBe(2);
    expect(boundedDistance('same', 'same', 0)).toBe(0);
  });
});
