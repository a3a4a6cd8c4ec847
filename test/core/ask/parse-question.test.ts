import { describe, expect, it } from 'vitest';
import { cleanQuestion, detectLocale, parseQuestion, type Question } from '../../../src/core/ask/parse-question.js';
import { parseEnNumber, parseZhNumber } from '../../../src/core/ask/numerals.js';

const customer = (query: string): Question => ({ kind: 'customer', query });
const list = (filters: Record<string, unknown>, sort: 'index' | 'overdueDays' = 'index', limit?: number): Question =>
  (limit === undefined ? { kind: 'list', filters, sort } : { kind: 'list', filters, limit, sort }) as Question;
const missing: Question = { kind: 'missing' };
const help: Question = { kind: 'help' };

const CASES: ReadonlyArray<[string, Question]> = [
  // customer lookups, zh and en, with mentions, punctuation and filler
  ['华星科技怎么样？', customer('华星科技')],
  ['华星科技怎么样?', customer('华星科技')],
  ['华星科技最近怎么样', customer('华星科技')],
  ['华星科技的情况', customer('华星科技')],
  ['请问华星科技最近如何？', customer('华星科技')],
  ['帮我看看华星', customer('华星')],
  ['查一下腾达', customer('腾达')],
  ['华星', customer('华星')],
  ['huaxing', customer('huaxing')],
  ['hxkj', customer('hxkj')],
  ['Acme', customer('Acme')],
  ['ACME Corp.', customer('ACME Corp')],
  ['how is Acme doing?', customer('Acme')],
  ["how's Acme doing", customer('Acme')],
  ['tell me about 华星', customer('华星')],
  ['what about Globex?', customer('Globex')],
  ['Acme status', customer('Acme')],
  ['<@U0123ABC> how is Acme doing', customer('Acme')],
  ['<@U0123ABC|radar> 华星科技怎么样', customer('华星科技')],
  ['@_user_1 华星科技怎么样？', customer('华星科技')],
  ['@_user_1 华星科技', customer('华星科技')],
  ['/radar Acme', customer('Acme')],
  ['please tell me about Initech!', customer('Initech')],
  ['华东电力怎么样', { kind: 'customer', query: '电力', name: '华东电力', scope: { subject: null, filters: { region: 'East' } } } as Question],
  ['华星科技，怎么样？', customer('华星科技')],
  ['华星科技有什么风险', customer('华星科技')],
  ['how are things with Acme?', customer('Acme')],
  ['any updates on Globex', customer('Globex')],
  ['<https://acme.example.com|Acme> status', customer('Acme')],
  ['ｈｕａｘｉｎｇ', customer('huaxing')],
  // lists with tag filters
  ['overdue customers', list({ tags: ['overdue'] })],
  ['<@U1> overdue customers?', list({ tags: ['overdue'] })],
  ['逾期超过30天的客户', list({ tags: ['overdue'], minOverdueDays: 31 }, 'overdueDays')],
  ['@_user_1 逾期超过三十天的客户？', list({ tags: ['overdue'], minOverdueDays: 31 }, 'overdueDays')],
  ['逾期30天以上的客户', list({ tags: ['overdue'], minOverdueDays: 30 }, 'overdueDays')],
  ['逾期超过一个月的客户', list({ tags: ['overdue'], minOverdueDays: 31 }, 'overdueDays')],
  ['customers overdue more than 90 days', list({ tags: ['overdue'], minOverdueDays: 91 }, 'overdueDays')],
  ['overdue 60+ days', list({ tags: ['overdue'], minOverdueDays: 60 }, 'overdueDays')],
  ['投诉多的客户', list({ tags: ['complaints'] })],
  ['customers with complaints', list({ tags: ['complaints'] })],
  ['silent customers', list({ tags: ['silent'] })],
  ['沟通困难的客户', list({ tags: ['silent'] })],
  ['需求变动大的客户', list({ tags: ['requirement_churn'] })],
  ['贡献下滑的客户', list({ tags: ['declining'] })],
  ['成交周期拉长的客户', list({ tags: ['cycle_slip'] })],
  ['适配度低的客户', list({ tags: ['low_fit'] })],
  // grades, regions, industries
  ['A-grade in East', list({ grade: 'A', region: 'East' })],
  ['A级客户', list({ grade: 'A' })],
  ['B 类客户', list({ grade: 'B' })],
  ['华东的A级客户', list({ grade: 'A', region: 'East' })],
  ['华南客户', list({ region: 'South' })],
  ['华北的逾期客户', list({ tags: ['overdue'], region: 'North' })],
  ['software customers in East', list({ region: 'East', industry: 'software' })],
  // an unknown word is checked against the team and the stored regions when answered
  ['customers in Shanghai', list({ rep: 'Shanghai' })],
  ['red flags', list({ flagged: true })],
  ['问题客户', list({ flagged: true })],
  ['重点客户', list({ tier: 'key' })],
  // top N with digits, Chinese numerals and English words
  ['top 5 risks', list({}, 'index', 5)],
  ['/radar top 5 risks', list({}, 'index', 5)],
  ['top five risks in North', list({ region: 'North' }, 'index', 5)],
  ['top risks', list({}, 'index', 10)],
  ['风险最高的5个客户', list({}, 'index', 5)],
  ['风险最高的五个客户', list({}, 'index', 5)],
  ['前十', list({}, 'index', 10)],
  ['前三十名客户', list({}, 'index', 30)],
  ['风险最高的三个华南客户', list({ region: 'South' }, 'index', 3)],
  // reps and "mine"
  ['李伟的客户', list({ rep: '李伟' })],
  ['李伟负责的逾期客户', list({ rep: '李伟', tags: ['overdue'] })],
  ['customers of Wang Fang', list({ rep: 'Wang Fang' })],
  ["Wang Fang's overdue customers", list({ rep: 'Wang Fang', tags: ['overdue'] })],
  ['我的客户', list({ mine: true })],
  ['my customers', list({ mine: true })],
  // missing reports
  ['谁还没交周报', missing],
  ['谁还没交周报？', missing],
  ['@_user_1 哪些人没提交周报', missing],
  ['周报提交情况', missing],
  ["who hasn't submitted?", missing],
  ['who hasn’t submitted yet', missing],
  ['missing reports', missing],
  ['<@U1> who didn\'t submit', missing],
  // help, empty, gibberish
  ['help', help],
  ['帮助', help],
  ['怎么用？', help],
  ['你好', help],
  ['', help],
  ['   ', help],
  ['？？？', help],
  ['<@U123>', help],
  ['@_user_1', help],
  ['😀🎉🔥', help],
  ['1234 5678', help],
  ['!!! ### $$$', help],
];

const unclear = (unknown: string): Question => ({ kind: 'unclear', scope: { subject: null, filters: {} }, unknown });

// Words no slot takes are never answered with a list.
const NEW_CASES: ReadonlyArray<[string, Partial<Question> & Record<string, unknown>]> = [
  ['lorem ipsum dolor sit amet consectetur adipiscing elit sed do eiusmod tempor', unclear('lorem ipsum dolor sit amet consectetur adipiscing elit sed do eiusmod tempor')],
  ["'; DROP TABLE customers; --", { kind: 'unclear', unknown: 'DROP TABLE --' }],
  ['本周新增的问题客户', { kind: 'list', filters: { flagged: true }, change: 'new', time: { kind: 'this_week' } }],
  ['上周的问题客户', { kind: 'list', filters: { flagged: true }, time: { kind: 'last_week' } }],
  ['哪些客户变差了', { kind: 'list', filters: {}, change: 'worse' }],
  ['customers getting worse', { kind: 'list', filters: {}, change: 'worse' }],
  ['指数上升最多的客户', { kind: 'list', change: 'worse', sort: 'rise', limit: 10 }],
  ['new red flags', { kind: 'list', filters: { flagged: true }, change: 'new' }],
  ['key accounts in red', { kind: 'list', filters: { flagged: true, tier: 'key' } }],
  ['top 5 risks', { kind: 'list', filters: {}, limit: 5, sort: 'index' }],
  ['华东上周新增的A级客户', { kind: 'list', filters: { grade: 'A', region: 'East' }, change: 'new', time: { kind: 'last_week' } }],
  ['key accounts getting worse since W40', { kind: 'list', filters: { tier: 'key' }, change: 'worse', time: { kind: 'since', week: { year: null, week: 40 } } }],
  ['自2026-W40以来恢复的客户', { kind: 'list', change: 'recovered', time: { kind: 'since', week: { year: 2026, week: 40 } } }],
  ['最近四周新增的问题客户', { kind: 'list', change: 'new', time: { kind: 'last_n_weeks', n: 4 } }],
  ['上个月好转的客户', { kind: 'list', change: 'better', time: { kind: 'last_month' } }],
  ['逾期任务', { kind: 'tasks', filters: { overdue: true } }],
  ['逾期回款的任务', { kind: 'tasks', filters: { tags: ['overdue'] } }],
  ['我的任务', { kind: 'tasks', filters: { mine: true } }],
  ['my open tasks', { kind: 'tasks', filters: { mine: true, states: ['open'] } }],
  ['张敏负责的任务', { kind: 'tasks', filters: {}, who: '张敏' }],
  ['华星集团上周怎么样', { kind: 'customer', query: '华星集团', time: { kind: 'last_week' } }],
  ['李伟的客户', { kind: 'list', filters: { rep: '李伟' } }],
  ['上周谁没交周报', { kind: 'missing', time: { kind: 'last_week' } }],
  ['第40周的问题客户', { kind: 'list', time: { kind: 'week', week: { year: null, week: 40 } } }],
];


describe('parseQuestion', () => {
  it('has a broad table', () => {
    expect(CASES.length).toBeGreaterThanOrEqual(40);
  });

  it.each(CASES)('%j', (input, expected) => {
    expect(parseQuestion(input)).toEqual(expected);
  });

  it.each(NEW_CASES)('slots of %j', (input, expected) => {
    expect(parseQuestion(input)).toMatchObject(expected);
  });

  it('never throws on fuzz input and always returns a known kind', () => {
    let seed = 42;
    const rand = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    const alphabet = ['a', 'Z', '华', '星', '？', '?', ' ', '<', '@', '>', '_', '1', '三', '十', '😀', '\u0000', '\u200b', 'é', '\\', '(', '[', '*', '+', '逾期', 'top', '的客户'];
    for (let i = 0; i < 500; i++) {
      const len = Math.floor(rand() * 40);
      const s = Array.from({ length: len }, () => alphabet[Math.floor(rand() * alphabet.length)]).join('');
      const q = parseQuestion(s);
      expect(['customer', 'list', 'tasks', 'missing', 'unclear', 'help']).toContain(q.kind);
    }
    for (const odd of ['华'.repeat(100_000), 'a '.repeat(50_000), '😀'.repeat(10_000), '\u0000\u0001\u0002', '\ud800']) {
      expect(() => parseQuestion(odd)).not.toThrow();
    }
    expect(parseQuestion(undefined as unknown as string)).toEqual(help);
    expect(parseQuestion(42 as unknown as string)).toEqual(help);
  });

  it('parses a very long question quickly', () => {
    const started = performance.now();
    parseQuestion(`逾期超过30天的客户${'。'.repeat(1000)}${'x'.repeat(50_000)}`);
    expect(performance.now() - started).toBeLessThan(500);
  });
});

describe('cleanQuestion and detectLocale', () => {
  it('strips mentions, punctuation and filler, and folds width', () => {
    expect(cleanQuestion('<@U123> 请问，华星科技怎么样？')).toBe('华星科技怎么样');
    expect(cleanQuestion('@_user_1  please   show me ＡＣＭＥ！')).toBe('ACME');
    expect(cleanQuestion('逾期 &gt; 30 天')).toBe('逾期 > 30 天');
  });

  it('detects Chinese and English', () => {
    expect(detectLocale('华星科技怎么样？')).toBe('zh');
    expect(detectLocale('@_user_1 逾期超过30天的客户')).toBe('zh');
    expect(detectLocale('how is Acme doing')).toBe('en');
    expect(detectLocale('')).toBe('en');
    expect(detectLocale(undefined)).toBe('en');
  });
});

describe('numerals', () => {
  it.each([['三十', 30], ['十', 10], ['十五', 15], ['二十五', 25], ['两', 2], ['一百零五', 105], ['五', 5], ['30', 30]] as const)('zh %s', (s, n) => {
    expect(parseZhNumber(s)).toBe(n);
  });
  it.each([['ten', 10], ['twenty five', 25], ['twenty-five', 25], ['5', 5]] as const)('en %s', (s, n) => {
    expect(parseEnNumber(s)).toBe(n);
  });
  it('rejects non-numbers', () => {
    expect(parseZhNumber('华星')).toBeNull();
    expect(parseEnNumber('acme')).toBeNull();
  });
});
