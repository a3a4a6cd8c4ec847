// The question set: real-sounding questions in Chinese and English (paraphrases, typos, pinyin, mixed
// script) over a fixed book, each with its expected answer computed from the raw data. Written in two
// halves: the grammar was developed against the first; the second is held out and reported apart.
import { beforeAll, describe, expect, it } from 'vitest';
import { ask } from '../../src/app/ask/ask.service.js';
import type { Member } from '../../src/core/team.js';
import { buildBook, type Book } from './ask-book.js';
import {
  better, card, check, list, missing, movers, names, newFlags, overdueTasks, recovered, tasks, top, unclear, W, wk, worse, type Expected,
} from './ask-expect.js';

type Case = [question: string | ((b: Book) => string), expected: (b: Book) => Expected, asker?: string];

const ZM = '张敏 Zhang Min';
const taskCustomer = (b: Book) => b.customers.find((c) => c.id === b.tasks.find((t) => t.state === 'open')!.customerId)!.name;
const tasksOfName = (b: Book, name: string) => tasks(b, (t) => t.customerId === b.customer(name).id);
const assignedTo = (b: Book, name: string) => tasks(b, (t) => t.assigneeId === b.member(name).id);

export const DEV: readonly Case[] = [
  ['华星集团怎么样', () => card('华星集团')],
  ['华星集团上周怎么样', () => card('华星集团', wk(1))],
  ['how is Redwood Labs doing', () => card('Redwood Labs')],
  ['huaxingjituan', () => card('华星集团')],
  ['hxjt', () => card('华星集团')],
  ['蓝海科技最近情况', () => card('蓝海科技')],
  ['Redwod Labs', () => card('Redwood Labs')],
  ['天成科技上周的情况', () => card('天成科技', wk(1))],
  ['what about Hooli Logistics last week', () => card('Hooli Logistics', wk(1))],
  ['信诚物流 W45 怎么样', () => card('信诚物流', '2026-W45')],
  ['本周新增的问题客户', (b) => newFlags(b, W, wk(1))],
  ['上周的问题客户', (b) => list(names(b, wk(1), { flagged: true }))],
  ['哪些客户变差了', (b) => worse(b, W, wk(1))],
  ['customers getting worse', (b) => worse(b, W, wk(1))],
  ['指数上升最多的客户', (b) => movers(b, W, wk(1), 1, 10)],
  ['new red flags', (b) => newFlags(b, W, wk(1))],
  ['key accounts in red', (b) => list(names(b, W, { flagged: true, tier: 'key' }))],
  ['top 5 risks', (b) => top(b, 5)],
  ['风险最高的五个客户', (b) => top(b, 5)],
  ['李伟的客户', (b) => list(names(b, W, { rep: 'Li Wei' }))],
  ["Li Wei's customers", (b) => list(names(b, W, { rep: 'Li Wei' }))],
  ['华东上周新增的A级客户', (b) => newFlags(b, wk(1), wk(2), { region: 'East', grade: 'A' })],
  ['key accounts getting worse since W40', (b) => worse(b, W, '2026-W40', { tier: 'key' })],
  ['华东的A级客户', (b) => list(names(b, W, { region: 'East', grade: 'A' }))],
  ['投诉多的客户', (b) => list(names(b, W, { tag: 'complaints' }))],
  ['脱险的客户', (b) => recovered(b, W, wk(1))],
  ['上个月新增的问题客户', (b) => newFlags(b, '2026-W44', '2026-W39')],
  ['最近4周恶化的重点客户', (b) => worse(b, W, wk(4), { tier: 'key' })],
  ['A级客户', (b) => list(names(b, W, { grade: 'A' }))],
  ['B类客户有哪些', (b) => list(names(b, W, { grade: 'B' }))],
  ['华南的问题客户', (b) => list(names(b, W, { region: 'South', flagged: true }))],
  ['software customers in East', (b) => list(names(b, W, { region: 'East', industry: 'software' }))],
  ['重点客户', (b) => list(names(b, W, { tier: 'key' }))],
  ['大客户里哪些变差了', (b) => worse(b, W, wk(1), { tier: 'key' })],
  ['上周好转的客户', (b) => better(b, wk(1), wk(2))],
  ['customers that improved since W44', (b) => better(b, W, '2026-W44')],
  ['customers that recovered last week', (b) => recovered(b, wk(1), wk(2))],
  ['沟通困难的客户', (b) => list(names(b, W, { tag: 'silent' }))],
  ['declining customers in North', (b) => list(names(b, W, { tag: 'declining', region: 'North' }))],
  ['前三名', (b) => top(b, 3)],
  ['top 10 riskiest key accounts', (b) => top(b, 10, { tier: 'key' })],
  ['3 riskiest customers in West', (b) => top(b, 3, { region: 'West' })],
  ['Zhao Qiang的问题客户', (b) => list(names(b, W, { rep: 'Zhao Qiang', flagged: true }))],
  ['赵强的客户', (b) => list(names(b, W, { rep: 'Zhao Qiang' }))],
  ['郭军负责的客户', (b) => list(names(b, W, { rep: 'Guo Jun' }))],
  ['李伟上周新增的问题客户', (b) => newFlags(b, wk(1), wk(2), { rep: 'Li Wei' })],
  ['第45周的问题客户', (b) => list(names(b, '2026-W45', { flagged: true }))],
  ['W46 red flags', (b) => list(names(b, '2026-W46', { flagged: true }))],
  ['两周前的问题客户', (b) => list(names(b, wk(2), { flagged: true }))],
  ['本月新增预警', (b) => newFlags(b, W, '2026-W44')],
  ['which accounts got worse last week', (b) => worse(b, wk(1), wk(2))],
  ['biggest risers since W40', (b) => movers(b, W, '2026-W40', 1, 10)],
  ['指数下降最多的5个客户', (b) => movers(b, W, wk(1), -1, 5)],
  ['华东区的拖款客户', (b) => list(names(b, W, { region: 'East', tag: 'overdue' }))],
  ['my customers', (b) => list(names(b, W, { rep: 'Li Wei' })), 'Li Wei'],
  ['我的问题客户', (b) => list(names(b, W, { rep: 'Li Wei', flagged: true })), 'Li Wei'],
  ['逾期任务', (b) => overdueTasks(b)],
  ['我的任务', (b) => assignedTo(b, ZM), ZM],
  ['张敏负责的任务', (b) => assignedTo(b, ZM)],
  ['open tasks', (b) => tasks(b, () => true, ['open'])],
  ['已认领的任务', (b) => tasks(b, () => true, ['claimed'])],
  ['所有任务', (b) => tasks(b, () => true, ['open', 'claimed', 'done', 'dismissed', 'snoozed'])],
  [(b) => `${taskCustomer(b)}的任务`, (b) => tasksOfName(b, taskCustomer(b))],
  ['财务王芳的任务', (b) => assignedTo(b, '财务 王芳 Wang Fang')],
  ['tasks for Zhang Min', (b) => assignedTo(b, ZM)],
  ['done tasks', (b) => tasks(b, () => true, ['done'])],
  ['本周新增的任务', (b) => tasks(b, (t) => t.createdWeek === W)],
  ['A级任务', (b) => tasks(b, (t) => t.grade === 'A')],
  ['拖款任务', (b) => tasks(b, (t) => t.tag === 'overdue')],
  ['谁还没交周报', (b) => missing(b, W)],
  ['上周谁没交周报', (b) => missing(b, wk(1))],
  ["who hasn't submitted last week", (b) => missing(b, wk(1))],
  ["'; DROP TABLE customers; --", () => unclear],
  ['本周新增的火星客户', () => unclear],
  ['asdfgh customers', () => unclear],
  ['上周怎么样', () => unclear],
  ['哪些客户喜欢吃火锅', () => unclear],
  ['customers who like pizza', () => unclear],
  ['王五的客户', () => unclear],
  ['Acme Ltd怎么样', () => card('Acme Ltd')],
];

export const HELD_OUT: readonly Case[] = [
  ['华星集团这周咋样', () => card('华星集团')],
  ['华星集团上星期情况如何', () => card('华星集团', wk(1))],
  ['tell me about Acme Ltd', () => card('Acme Ltd')],
  ['Acme Ltd last week', () => card('Acme Ltd', wk(1))],
  ['lanhaikeji', () => card('蓝海科技')],
  ['鼎盛贸易的情况', () => card('鼎盛贸易')],
  ["How's 星辰物流 doing this week", () => card('星辰物流')],
  ['信诚物流2周前怎么样', () => card('信诚物流', wk(2))],
  ['本周有哪些新的问题客户', (b) => newFlags(b, W, wk(1))],
  ['这周新出现的风险客户', (b) => newFlags(b, W, wk(1))],
  ['newly flagged customers this week', (b) => newFlags(b, W, wk(1))],
  ['which customers are new red flags this week', (b) => newFlags(b, W, wk(1))],
  ['上周新增了哪些问题客户', (b) => newFlags(b, wk(1), wk(2))],
  ['最近变差的客户有哪些', (b) => worse(b, W, wk(1))],
  ['哪些客户在恶化', (b) => worse(b, W, wk(1))],
  ['who is getting worse', (b) => worse(b, W, wk(1))],
  ['accounts deteriorating since 2026-W40', (b) => worse(b, W, '2026-W40')],
  ['自第40周以来变差的大客户', (b) => worse(b, W, '2026-W40', { tier: 'key' })],
  ['涨幅最大的客户', (b) => movers(b, W, wk(1), 1, 10)],
  ['风险上升最快的3个客户', (b) => movers(b, W, wk(1), 1, 3)],
  ['top 3 risers this week', (b) => movers(b, W, wk(1), 1, 3)],
  ['哪些客户好转了', (b) => better(b, W, wk(1))],
  ['customers improving this week', (b) => better(b, W, wk(1))],
  ['哪些客户脱险了', (b) => recovered(b, W, wk(1))],
  ['no longer flagged this week', (b) => recovered(b, W, wk(1))],
  ['上周恢复正常的客户', (b) => recovered(b, wk(1), wk(2))],
  ['上周有哪些问题客户', (b) => list(names(b, wk(1), { flagged: true }))],
  ["last week's red flags", (b) => list(names(b, wk(1), { flagged: true }))],
  ['flagged accounts last week', (b) => list(names(b, wk(1), { flagged: true }))],
  ['问题客户', (b) => list(names(b, W, { flagged: true }))],
  ['red flags in the South', (b) => list(names(b, W, { flagged: true, region: 'South' }))],
  ['华北的重点客户', (b) => list(names(b, W, { tier: 'key', region: 'North' }))],
  ['KA客户有哪些变差了', (b) => worse(b, W, wk(1), { tier: 'key' })],
  ['key accounts with complaints', (b) => list(names(b, W, { tier: 'key', tag: 'complaints' }))],
  ['strategic accounts at risk', (b) => list(names(b, W, { tier: 'key', flagged: true }))],
  ['重点客户中的问题客户', (b) => list(names(b, W, { tier: 'key', flagged: true }))],
  ['风险最大的十个客户', (b) => top(b, 10)],
  ['前5名风险客户', (b) => top(b, 5, { flagged: true })],
  ['the five riskiest accounts', (b) => top(b, 5)],
  ['top 3 risks in East', (b) => top(b, 3, { region: 'East' })],
  ['riskiest customers in Central', (b) => top(b, 10, { region: 'Central' })],
  ['Li Wei的客户', (b) => list(names(b, W, { rep: 'Li Wei' }))],
  ['liwei的客户', (b) => list(names(b, W, { rep: 'Li Wei' }))],
  ['customers of Zhao Qiang', (b) => list(names(b, W, { rep: 'Zhao Qiang' }))],
  ['accounts owned by Guo Jun', (b) => list(names(b, W, { rep: 'Guo Jun' }))],
  ['黄丽的问题客户', (b) => list(names(b, W, { rep: 'Huang Li', flagged: true }))],
  ["Sophia Lin's red flags", (b) => list(names(b, W, { rep: 'Sophia Lin', flagged: true }))],
  ['刘洋负责的A级客户', (b) => list(names(b, W, { rep: 'Liu Yang', grade: 'A' }))],
  ['周杰上周的问题客户', (b) => list(names(b, wk(1), { rep: 'Zhou Jie', flagged: true }))],
  ['a级客户', (b) => list(names(b, W, { grade: 'A' }))],
  ['grade B accounts', (b) => list(names(b, W, { grade: 'B' }))],
  ['B级的华东客户', (b) => list(names(b, W, { grade: 'B', region: 'East' }))],
  ['西部的A类客户', (b) => list(names(b, W, { grade: 'A', region: 'West' }))],
  ['拖款的客户', (b) => list(names(b, W, { tag: 'overdue' }))],
  ['overdue customers in North', (b) => list(names(b, W, { tag: 'overdue', region: 'North' }))],
  ['quiet customers', (b) => list(names(b, W, { tag: 'silent' }))],
  ['需求变更多的客户', (b) => list(names(b, W, { tag: 'requirement_churn' }))],
  ['low fit accounts', (b) => list(names(b, W, { tag: 'low_fit' }))],
  ['软件行业的问题客户', (b) => list(names(b, W, { industry: 'software', flagged: true }))],
  ['retail customers getting worse', (b) => worse(b, W, wk(1), { industry: 'retail' })],
  ['医疗行业上周新增的问题客户', (b) => newFlags(b, wk(1), wk(2), { industry: 'healthcare' })],
  ['第46周新增的问题客户', (b) => newFlags(b, '2026-W46', '2026-W45')],
  ['new red flags since W44', (b) => newFlags(b, W, '2026-W44')],
  ['近三周新增的问题客户', (b) => newFlags(b, W, wk(3))],
  ['过去两周变差的客户', (b) => worse(b, W, wk(2))],
  ['逾期的任务', (b) => overdueTasks(b)],
  ['overdue tasks', (b) => overdueTasks(b)],
  ['过期未完成的任务', (b) => overdueTasks(b)],
  ['my tasks', (b) => assignedTo(b, ZM), ZM],
  ['分给我的任务', (b) => assignedTo(b, ZM), ZM],
  ["Zhang Min's tasks", (b) => assignedTo(b, ZM)],
  ['张敏的待办', (b) => assignedTo(b, ZM)],
  ['未认领的任务', (b) => tasks(b, () => true, ['open'])],
  ['claimed follow-ups', (b) => tasks(b, () => true, ['claimed'])],
  ['completed tasks', (b) => tasks(b, () => true, ['done'])],
  [(b) => `tasks on ${taskCustomer(b)}`, (b) => tasksOfName(b, taskCustomer(b))],
  ['本周谁没交周报', (b) => missing(b, W)],
  ['missing reports last week', (b) => missing(b, wk(1))],
  ['哪些销售上周没交周报', (b) => missing(b, wk(1))],
  ['DROP TABLE tasks;', () => unclear],
  ['上周的火锅客户', () => unclear],
  ['which customers play golf', () => unclear],
  ['xyzzy的客户', () => unclear],
  ['客户满意度最高的', () => unclear],
];

let book: Book;
beforeAll(() => {
  book = buildBook();
}, 60_000);

function run(cases: readonly Case[]): { ok: number; failures: string[] } {
  const failures: string[] = [];
  let ok = 0;
  for (const [q, exp, askerName] of cases) {
    const question = typeof q === 'string' ? q : q(book);
    const asker: Member = askerName ? book.member(askerName) : book.member('刘总 Liu');
    const { answer } = ask(book.ctx, book.teamId, asker, question);
    const why = check(answer, exp(book), book);
    if (why === null) ok++;
    else failures.push(`${question}: ${why}`);
  }
  return { ok, failures };
}

describe('the question set', () => {
  it('has at least 150 questions in two halves', () => {
    expect(DEV.length + HELD_OUT.length).toBeGreaterThanOrEqual(150);
  });

  it('answers the development half at ≥ 95% exact', () => {
    const { ok, failures } = run(DEV);
    const pct = (100 * ok) / DEV.length;
    console.log(`ask question set, development half: ${ok}/${DEV.length} exact (${pct.toFixed(1)}%)${failures.length ? `\n  ${failures.join('\n  ')}` : ''}`);
    expect(pct).toBeGreaterThanOrEqual(95);
  });

  it('answers the held-out half at ≥ 95% exact', () => {
    const { ok, failures } = run(HELD_OUT);
    const pct = (100 * ok) / HELD_OUT.length;
    console.log(`ask question set, held-out half: ${ok}/${HELD_OUT.length} exact (${pct.toFixed(1)}%)${failures.length ? `\n  ${failures.join('\n  ')}` : ''}`);
    expect(pct).toBeGreaterThanOrEqual(95);
  });
});

describe('a rep asking about another rep’s customer', () => {
  it('gets exactly the answer a name unknown to the book gets, however it is phrased', async () => {
    const { askData } = await import('../../src/app/ask/ask.service.js');
    const { answerQuestion } = await import('../../src/core/ask/answer.js');
    const { parseQuestion } = await import('../../src/core/ask/parse-question.js');
    const rep = book.member('Li Wei');
    const asker = { memberId: rep.id, role: rep.role };
    const data = askData(book.ctx, book.teamId);
    const others = book.customers.filter((c) => c.ownerRepId !== rep.id).slice(0, 12);
    const phrasings = (n: string) => [n, `${n}怎么样`, `${n}上周怎么样`, `how is ${n} doing`, `${n}的任务`, `tasks on ${n}`, `${n}变差了吗`, `${n}的逾期情况`];
    let compared = 0;
    for (const c of others) {
      const without = { ...data, customers: data.customers.filter((x) => x.id !== c.id), index: undefined };
      for (const q of phrasings(c.name)) {
        const seen = answerQuestion(parseQuestion(q), data, asker);
        // A look-alike of the rep's own may match, never the other rep's customer.
        expect(seen.kind === 'customer' ? seen.customerId : null, q).not.toBe(c.id);
        expect(seen, q).toEqual(answerQuestion(parseQuestion(q), without, asker));
        compared++;
      }
    }
    expect(compared).toBe(others.length * 8);
  });
});
