import { describe, expect, it } from 'vitest';
import { answerQuestion, askQuestion, type Answer, type Asker } from '../../../src/core/ask/answer.js';
import { buildCustomerIndex } from '../../../src/core/ask/match-customer.js';
import { parseQuestion } from '../../../src/core/ask/parse-question.js';
import {
  asFinance, asLiWei, askData, asManager, asOwner, asWangFang, CUSTOMERS, LI_WEI, WANG_FANG, WEEK,
} from './ask-fixture.js';
import { expectKind } from '../../support/expect-kind.js';

const ask = (q: string, asker: Asker = asOwner, data = askData()) => answerQuestion(parseQuestion(q), data, asker);
const listNames = (a: Answer) => (a.kind === 'list' ? a.rows.map((r) => r.name) : null);

describe('answerQuestion: customers', () => {
  it('answers a lookup with everything the customer card needs', () => {
    const a = expectKind(ask('华星科技怎么样？'), 'customer');
    expect(a.customerId).toBe(1);
    expect(a.card.customer.name).toBe('华星科技');
    expect(a.card.score?.index).toBe(87);
    expect(a.card.history.map((h) => h.index)).toEqual([60, 84, 87]);
    expect(a.card.lastEntry?.values.overdueDays).toBe(45);
    expect(a.card.openTasks.map((t) => t.task.id)).toEqual([11]); // the done task is not shown
    expect(a.card.openTasks[0]?.assignee?.name).toBe('Zhao Min');
    expect(a.card.rep?.name).toBe(LI_WEI.name);
    expect(a.card.week).toBe(WEEK);
  });

  it('finds by pinyin and alias, with a prebuilt index too', () => {
    const data = askData({ index: buildCustomerIndex(CUSTOMERS) });
    expect(ask('hxkj', asOwner, data)).toMatchObject({ kind: 'customer', customerId: 1 });
    expect(ask('how is Acme doing?', asOwner, data)).toMatchObject({ kind: 'customer', customerId: 3 });
  });

  it('a customer without a score or entry still gets a card', () => {
    const a = ask('华星物流');
    expect(a).toMatchObject({ kind: 'customer', customerId: 2, card: { score: null, lastEntry: null, history: [] } });
  });

  it('ambiguous names give candidates, unknown names a helpful answer', () => {
    const data = askData({ customers: CUSTOMERS.map((c) => (c.id === 1 ? { ...c, aliases: [] } : c)) });
    const a = ask('华星', asOwner, data);
    expect(expectKind(a, 'candidates').candidates.map((c) => c.customerId).sort()).toEqual([1, 2]);
    const none = ask('华星汽车');
    expect(none).toMatchObject({ kind: 'help', reason: 'not_found', query: '华星汽车' });
    expect(expectKind(none, 'help').suggestions.length).toBeGreaterThan(0);
  });
});

describe('answerQuestion: lists', () => {
  it('overdue more than 30 days, longest first, from the entries', () => {
    const a = expectKind(ask('逾期超过30天的客户'), 'list');
    expect(listNames(a)).toEqual(['北京银河软件', '华星科技']); // 95 days (older entry), 45 days
    expect(a.rows[1]?.overdueDays).toBe(45);
    expect(a.rows[1]?.keyFact?.zh).toBe('逾期 45 天, 应收 ¥50,000');
    expect(a.sort).toBe('overdueDays');
  });

  it('tag filters come from the scorer', () => {
    expect(listNames(ask('overdue customers'))).toEqual(['华星科技', '深圳市腾达电子有限公司']);
    expect(listNames(ask('投诉多的客户'))).toEqual(['Globex International Holdings']);
    expect(listNames(ask('silent customers'))).toEqual(['华星科技', 'ACME Corp']);
    expect(listNames(ask('需求变动'))).toEqual(['Initech']);
  });

  it('grade and region, with Chinese region names in the data', () => {
    expect(listNames(ask('A-grade in East'))).toEqual(['华星科技', 'ACME Corp']);
    expect(listNames(ask('华南的客户'))).toEqual(['深圳市腾达电子有限公司', 'Globex International Holdings']);
    expect(listNames(ask('B 类客户'))).toEqual(['深圳市腾达电子有限公司', 'Globex International Holdings', 'Initech']);
    expect(listNames(ask('red flags'))).toHaveLength(5);
  });

  it('top N by index, Chinese numerals included', () => {
    expect(listNames(ask('top 3 risks'))).toEqual(['华星科技', 'ACME Corp', '深圳市腾达电子有限公司']);
    const a = ask('风险最高的两个客户');
    expect(listNames(a)).toEqual(['华星科技', 'ACME Corp']);
    expect(expectKind(a, 'list').total).toBe(CUSTOMERS.length);
  });

  it('rep filters by name or email and says when nobody matches', () => {
    expect(listNames(ask('customers of wang fang'))?.sort()).toEqual(['ACME Corp', '北京银河软件', '华星物流', '长城汽车'].sort());
    expect(listNames(ask('李伟的逾期客户'))).toEqual(['华星科技', '深圳市腾达电子有限公司']);
    // A name that is neither a member nor a customer is not understood, never a (empty) list.
    expect(ask('王五的客户')).toMatchObject({ kind: 'help', reason: 'not_understood', unknown: '王五' });
    expect(listNames(ask('李伟的客户'))?.length).toBe(4);
    expect(listNames(ask('li wei的客户'))?.length).toBe(4); // 李伟 ↔ Li Wei through pinyin
  });

  it('region and industry synonyms; unknown places fall back to industry', () => {
    expect(listNames(ask('软件行业的客户'))?.sort()).toEqual(['Initech', '北京银河软件', '华星科技'].sort());
    expect(listNames(ask('customers in logistics'))).toEqual(['华星物流']);
  });
});

describe('answerQuestion: roles', () => {
  it('reps see only their own customers in lists', () => {
    const a = ask('top 10 risks', asLiWei);
    expect(a).toMatchObject({ kind: 'list', scope: 'own' });
    expect(expectKind(a, 'list').rows.every((r) => r.rep?.id === LI_WEI.id)).toBe(true);
    expect(listNames(ask('my customers', asWangFang))?.sort()).toEqual(['ACME Corp', '北京银河软件', '华星物流', '长城汽车'].sort());
  });

  it('a rep looking up someone else’s customer gets what an unknown name gets', () => {
    const without = askData({ customers: CUSTOMERS.filter((c) => c.id !== 3) });
    for (const q of ['how is Acme doing', 'Acme', 'Acme上周怎么样', 'tasks on Acme']) {
      expect(ask(q, asLiWei), q).toEqual(ask(q, asLiWei, without));
    }
    expect(ask('how is Acme doing', asLiWei)).toMatchObject({ kind: 'help', reason: 'not_found' });
    expect(ask('华星科技', asLiWei)).toMatchObject({ kind: 'customer', customerId: 1 });
  });

  it('ambiguity resolves to the rep’s own customer', () => {
    const data = askData({ customers: CUSTOMERS.map((c) => (c.id === 1 ? { ...c, aliases: [] } : c)) });
    expect(ask('华星', asLiWei, data)).toMatchObject({ kind: 'customer', customerId: 1 });
    expect(ask('华星', asWangFang, data)).toMatchObject({ kind: 'customer', customerId: 2 });
  });

  it('managers see all; other roles and strangers are refused', () => {
    expect(ask('how is Acme doing', asManager)).toMatchObject({ kind: 'customer', customerId: 3 });
    expect(ask('overdue customers', asFinance)).toMatchObject({ kind: 'refusal', reason: 'not_allowed' });
    expect(ask('how is Acme doing', { memberId: null, role: null })).toMatchObject({ kind: 'refusal', reason: 'not_allowed' });
    expect(ask('how is Acme doing', { memberId: null, role: 'rep' })).toMatchObject({ kind: 'refusal', reason: 'unknown_member' });
    expect(ask('overdue customers', { memberId: 1, role: 'ceo' as never })).toMatchObject({ kind: 'refusal' });
    const r = ask('华星科技', asFinance);
    expect(expectKind(r, 'refusal').message.zh).toMatch(/抱歉/);
  });

  it('missing reports: the team for managers, only themselves for reps', () => {
    expect(ask('谁还没交周报')).toMatchObject({ kind: 'missing', scope: 'team', reps: [{ id: WANG_FANG.id }] });
    expect(ask("who hasn't submitted", asWangFang)).toMatchObject({ kind: 'missing', scope: 'self', reps: [{ id: WANG_FANG.id }] });
    expect(ask("who hasn't submitted", asLiWei)).toMatchObject({ kind: 'missing', scope: 'self', reps: [] });
    expect(ask('missing reports', asOwner, askData({ missingReps: [LI_WEI, 999] }))).toMatchObject({ reps: [{ id: LI_WEI.id }] });
  });
});

describe('answerQuestion: help and robustness', () => {
  it('help for everyone, with examples naming a customer the asker can see', () => {
    const a = expectKind(ask('help', asWangFang), 'help');
    expect(a.reason).toBe('asked');
    expect(a.examples.length).toBeGreaterThanOrEqual(5);
    expect(a.examples[0]?.zh).toContain('华星物流');
    expect(ask('帮助', asFinance).kind).toBe('help');
  });

  it('askQuestion tells not-understood from asked-for help and picks the locale', () => {
    expect(askQuestion('😀😀😀', askData(), asOwner)).toMatchObject({ answer: { kind: 'help', reason: 'not_understood' }, locale: 'en' });
    expect(askQuestion('help', askData(), asOwner)).toMatchObject({ answer: { kind: 'help', reason: 'asked' } });
    expect(askQuestion('qwpoeiruty', askData(), asOwner)).toMatchObject({ answer: { kind: 'help', reason: 'not_found' } });
    expect(askQuestion('逾期客户', askData(), asOwner).locale).toBe('zh');
    expect(askQuestion('逾期客户', askData(), asOwner, 'en').locale).toBe('en');
  });

  it('never throws on fuzz input or broken data', () => {
    let seed = 7;
    const rand = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    const pieces = ['华星', '逾期', 'top', '5', '?', '😀', '<@U1>', '@_user_1', 'A级', 'East', '的客户', 'x', ' ', '\u0000', '三十', 'how is', '谁'];
    const askers: Asker[] = [asOwner, asLiWei, asFinance, { memberId: null, role: null }];
    for (let i = 0; i < 300; i++) {
      const s = Array.from({ length: Math.floor(rand() * 12) }, () => pieces[Math.floor(rand() * pieces.length)]).join('');
      const asker = askers[i % askers.length]!;
      expect(() => askQuestion(s, askData(), asker)).not.toThrow();
    }
    const broken = { customers: null, members: undefined, scores: [null], entriesLatest: 'x', tasks: null, missingReps: [null], week: WEEK } as never;
    for (const q of ['华星', 'overdue customers', '谁还没交周报', 'help']) {
      expect(() => askQuestion(q, broken, asOwner)).not.toThrow();
    }
    expect(() => answerQuestion({ kind: 'weird' } as never, askData(), asOwner)).not.toThrow();
    expect(() => askQuestion('a'.repeat(100_000), askData(), asOwner)).not.toThrow();
  });
});
