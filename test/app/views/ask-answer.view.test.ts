import { describe, expect, it } from 'vitest';
import { askAnswerCard, describeFilters } from '../../../src/app/ask/ask-answer.view.js';
import { answerQuestion, askQuestion, type Answer, type Asker } from '../../../src/core/ask/answer.js';
import { parseQuestion } from '../../../src/core/ask/parse-question.js';
import type { Locale } from '../../../src/core/i18n.js';
import { decodeAction, encodeAction } from '../../../src/ui/action.js';
import type { Block, Button, CardSpec, Inline } from '../../../src/ui/card.js';
import { asFinance, askData, asLiWei, asOwner, CUSTOMERS, WEEK } from '../../core/ask/ask-fixture.js';

const answer = (q: string, asker: Asker = asOwner, data = askData()): Answer => answerQuestion(parseQuestion(q), data, asker);

const inline = (parts: readonly Inline[]) =>
  parts.map((p) => (typeof p === 'string' ? p : 'bold' in p ? p.bold : 'mention' in p ? `@${p.mention.name}` : 'colored' in p ? p.colored : p.label)).join('');

function textOf(card: CardSpec): string {
  const out = [card.title, card.summary];
  for (const b of card.blocks) {
    if (b.type === 'text' || b.type === 'note') out.push(inline(b.text), b.type === 'text' && b.button ? b.button.label : '');
    else if (b.type === 'actions') out.push(...b.buttons.map((x) => x.label));
    else if (b.type === 'heading') out.push(b.text);
    else if (b.type === 'table') out.push(...b.columns.map((c) => c.label), ...b.rows.flatMap((r) => Object.values(r)));
    else if (b.type === 'fields') out.push(...b.fields.flatMap((f) => [f.label, inline(f.value)]));
    else if (b.type === 'chart') out.push(b.title);
  }
  return out.join('\n');
}

const buttons = (card: CardSpec): Button[] =>
  card.blocks.flatMap((b: Block) => (b.type === 'actions' ? [...b.buttons] : b.type === 'text' && b.button ? [b.button] : []));

/** English cards carry no Chinese of ours (customer names aside). */
const chineseOutsideNames = (s: string) => {
  let rest = s;
  for (const c of CUSTOMERS) rest = rest.split(c.name).join('');
  return /[\u4e00-\u9fff]/.test(rest.replace(/李伟/g, '').replace(/逾期 45 天, 应收 ¥50,000/g, ''));
};

describe('askAnswerCard', () => {
  it('renders a list as a table with Details buttons, in both languages', () => {
    const a = answer('逾期超过30天的客户');
    const zh = askAnswerCard(a, 'zh');
    expect(zh.title).toBe(`逾期≥31天的客户（${WEEK}） · 2 个`);
    expect(zh.tone).toBe('red');
    const table = zh.blocks.find((b) => b.type === 'table');
    expect(table?.type === 'table' && table.rows.map((r) => [r.customer, r.key])).toEqual([['北京银河软件', '95'], ['华星科技', '45']]);
    expect(table?.type === 'table' && table.columns.map((c) => c.label)).toContain('逾期天数');
    expect(textOf(zh)).toContain('逾期≥31天');
    const actions = buttons(zh).map((b) => decodeAction(encodeAction(b.action)));
    expect(actions).toEqual([{ kind: 'customer.details', args: { customerId: '6' } }, { kind: 'customer.details', args: { customerId: '1' } }]);
    expect(encodeAction(buttons(zh)[1]!.action)).toBe('customer.details|customerId=1');

    const en = askAnswerCard(a, 'en');
    expect(en.title).toBe(`Customers · ≥31 days overdue, ${WEEK} (2)`);
    expect(textOf(en)).toContain('≥31 days overdue');
    expect(chineseOutsideNames(textOf(en))).toBe(false);
  });

  it('a list without a day threshold shows the main reason; empty lists say so', () => {
    const card = askAnswerCard(answer('top 3 risks'), 'en');
    const table = card.blocks.find((b) => b.type === 'table');
    expect(table?.type === 'table' && table.columns.map((c) => c.key)).toEqual(['rank', 'customer', 'index', 'grade', 'tags', 'key', 'rep']);
    expect(table?.type === 'table' && table.rows[0]?.key).toBe('逾期 45 天, 应收 ¥50,000');
    expect(card.summary).toMatch(/^Top 3 risks, 2026-W40 · top 3: 华星科技 87/);
    expect(textOf(card)).toContain('5 more not shown');
    const empty = askAnswerCard(answer('逾期超过300天的客户'), 'zh');
    expect(textOf(empty)).toContain('没有符合条件的客户');
    expect(empty.blocks.some((b) => b.type === 'table')).toBe(false);
  });

  it('marks a rep’s list as theirs only', () => {
    expect(textOf(askAnswerCard(answer('top risks', asLiWei), 'zh'))).toContain('仅你负责的客户');
  });

  it('missing reports: mentions with Remind buttons; self view for reps', () => {
    const card = askAnswerCard(answer('谁还没交周报'), 'zh');
    expect(card.title).toBe(`未交周报 · ${WEEK}`);
    const remind = buttons(card).map((b) => b.action);
    expect(remind).toEqual([{ kind: 'rep.remind', args: { memberId: '4', week: WEEK } }]);
    expect(card.blocks.some((b) => b.type === 'text' && b.text.some((p) => typeof p === 'object' && 'mention' in p && p.mention.ids?.slack === 'U4'))).toBe(true);
    const self = askAnswerCard(answer("who hasn't submitted", asLiWei), 'en');
    expect(self.summary).toBe(`Your report for ${WEEK} is in ✅`);
    const none = askAnswerCard(answer('谁还没交周报', asOwner, askData({ missingReps: [] })), 'zh');
    expect(none.tone).toBe('green');
  });

  it('candidates: one line and one Details button per customer', () => {
    const data = askData({ customers: CUSTOMERS.map((c) => (c.id === 1 ? { ...c, aliases: [] } : c)) });
    const card = askAnswerCard(answer('华星', asOwner, data), 'zh');
    expect(card.title).toBe('「华星」匹配到 2 个客户');
    expect(buttons(card).map((b) => b.action.args.customerId).sort()).toEqual(['1', '2']);
    expect(textOf(card)).toContain('你指的是哪一个');
    expect(textOf(askAnswerCard(answer('华星', asOwner, data), 'en'))).toContain('Which one do you mean?');
  });

  it('help: examples in the asker’s language, suggestions for unknown names', () => {
    const zh = askAnswerCard(answer('帮助'), 'zh');
    expect(textOf(zh)).toContain('逾期超过30天的客户');
    expect(textOf(zh)).toContain('谁还没交周报');
    const en = askAnswerCard(answer('help'), 'en');
    expect(textOf(en)).toContain('top 5 risks');
    expect(chineseOutsideNames(textOf(en))).toBe(false);
    const notFound = askAnswerCard(answer('华星汽车'), 'zh');
    expect(textOf(notFound)).toContain('没有找到客户「华星汽车」');
    expect(textOf(notFound)).toContain('你是不是要找');
    expect(buttons(notFound).length).toBeGreaterThan(0);
    const { answer: gibberish, locale } = askQuestion('😀😀', askData(), asOwner);
    expect(textOf(askAnswerCard(gibberish, locale))).toContain("Sorry, I didn't understand that.");
  });

  it('refusals are polite and grey', () => {
    const zh = askAnswerCard(answer('overdue customers', asFinance), 'zh');
    expect(zh.tone).toBe('grey');
    expect(zh.summary).toMatch(/^抱歉/);
    const en = askAnswerCard(answer('how is Acme doing', { memberId: null, role: 'legal' }), 'en');
    expect(en.summary).toMatch(/^Sorry/);
    expect(buttons(en)).toEqual([]);
  });

  it('titles say what was asked; a question not understood says what was and was not', () => {
    expect(askAnswerCard(answer('top 5 risks'), 'en').title).toBe(`Top 5 risks, ${WEEK}`);
    expect(askAnswerCard(answer('风险最高的5个客户'), 'zh').title).toBe(`风险最高的 5 个客户（${WEEK}）`);
    expect(askAnswerCard(answer('new red flags'), 'en').title).toMatch(/^New red flags, 2026-W40 vs 2026-W39 \(\d+\)$/);
    const zh = textOf(askAnswerCard(answer('本周新增的火星客户'), 'zh'));
    expect(zh).toContain('看懂了：客户 · 本周 · 新增预警');
    expect(zh).toContain('没看懂：「火星」');
    const en = askAnswerCard(answer("'; DROP TABLE customers; --"), 'en');
    expect(en.blocks.some((b) => b.type === 'table')).toBe(false);
    expect(textOf(en)).toContain('Not understood: "DROP TABLE --"');
    expect(textOf(en).match(/^• /gm)?.length).toBe(3);
  });

  it('a customer answer renders as the shared customer card', () => {
    const card = askAnswerCard(answer('华星科技怎么样'), 'zh');
    expect(card.title).toBe('客户：华星科技');
    expect(card.tone).toBe('red');
    expect(card.blocks.some((b) => b.type === 'chart')).toBe(true);
  });

  it('every answer kind gives a well-formed card in both locales', () => {
    const questions = ['华星科技', '华星', '华星汽车', 'top 5 risks', '谁还没交周报', 'help', '😀', 'overdue customers'];
    for (const q of questions) {
      for (const asker of [asOwner, asLiWei, asFinance]) {
        for (const locale of ['zh', 'en'] as Locale[]) {
          const card = askAnswerCard(answer(q, asker), locale);
          expect(card.title.length).toBeGreaterThan(0);
          expect(typeof card.summary).toBe('string');
          expect(Array.isArray(card.blocks)).toBe(true);
          expect(JSON.stringify(card)).not.toContain('undefined');
          for (const b of buttons(card)) expect(decodeAction(encodeAction(b.action))).toEqual(b.action);
        }
      }
    }
  });

  it('describes filters', () => {
    expect(describeFilters({ region: 'East', grade: 'A', tags: ['complaints'] }, 5, 'zh')).toBe('华东 · A级 · 投诉多 · 前5');
    expect(describeFilters({ region: 'East', industry: 'software' }, null, 'en')).toBe('East · software');
    expect(describeFilters({ region: 'Shanghai', industry: 'software' }, null, 'zh')).toBe('Shanghai · 软件');
    expect(describeFilters({ rep: 'Li Wei', flagged: true }, null, 'en')).toBe("Li Wei's customers · flagged A/B");
  });
});
