// A click must act on the customer it sits beside. A long digest is split across Slack messages and
// Feishu cards; for every number of flags from 1 to 80 (so the split falls at every position), every
// part that shows a customer's buttons also shows that customer's text, right above them.
import { describe, expect, it } from 'vitest';
import { digestCard } from '../../src/app/digest/digest.view.js';
import type { DigestModel } from '../../src/core/digest/digest.types.js';
import { decodeAction, type ActionRef } from '../../src/ui/action.js';
import { renderMessage } from '../../adapters/slack/render/message.render.js';
import { renderCard } from '../../adapters/feishu/render/render-card.js';
import { digestOf } from '../core/digest/digest-fixture.js';
import { SlackChatPort } from '../../adapters/slack/transport/chat-port.js';
import { FeishuChatPort } from '../../adapters/feishu/transport/chat-port.js';
import { createLarkClient } from '../../adapters/feishu/transport/open-api.js';
import { silentLogger } from '../../src/runtime/logging/logger.js';
import { startFakeSlackApi } from '../fakes/slack-api.fake.js';
import { startFakeFeishuApi } from '../fakes/feishu-api.fake.js';

const base = digestOf();

/** The fixture's digest with `n` flags, each a distinct customer with its own tasks. */
function withFlags(n: number): { model: DigestModel; customerOfTask: Map<string, string>; nameOf: Map<string, string> } {
  const customerOfTask = new Map<string, string>();
  const nameOf = new Map<string, string>();
  const flags = Array.from({ length: n }, (_, i) => {
    const like = base.flags[i % base.flags.length]!;
    const customerId = 1000 + i;
    const customerName = `测试客户${String(i + 1).padStart(2, '0')}号`;
    nameOf.set(String(customerId), customerName);
    const tasks = like.tasks.map((t, j) => ({ ...t, id: customerId * 10 + j, customerId, customerName }));
    for (const t of tasks) customerOfTask.set(String(t.id), String(customerId));
    const primary = like.primaryTaskId === null ? null : tasks[Math.max(0, like.tasks.findIndex((t) => t.id === like.primaryTaskId))]!.id;
    return { ...like, customerId, customerName, tasks, primaryTaskId: primary };
  });
  return { model: { ...base, flags, counts: { ...base.counts, flagged: n } }, customerOfTask, nameOf };
}

/** The customer an action acts on (details by customer id, task buttons by their task's customer). */
function customerOf(action: ActionRef, customerOfTask: Map<string, string>): string | null {
  if (action.kind === 'customer.details') return action.args.customerId ?? null;
  if (action.kind.startsWith('task.')) return customerOfTask.get(action.args.taskId ?? '') ?? null;
  return null;
}

/** Checks one message's Slack blocks; returns the customers whose buttons it shows. */
function checkSlackBlocks(blocks: any[], customerOfTask: Map<string, string>, nameOf: Map<string, string>, where: string): string[] {
  const seen: string[] = [];
  blocks.forEach((block, i) => {
    if (block.type !== 'actions') return;
    const customers = new Set(block.elements.map((el: { value: string }) => customerOf(decodeAction(el.value)!, customerOfTask)).filter((c: string | null): c is string => c !== null));
    if (customers.size === 0) return;
    expect(customers.size, where).toBe(1);
    const [customer] = [...customers] as string[];
    expect(JSON.stringify(blocks[i - 1] ?? null), `${where}: buttons of ${nameOf.get(customer!)}`).toContain(nameOf.get(customer!)!);
    seen.push(customer!);
  });
  return seen;
}

/** Checks one Feishu card's elements; returns the customers whose buttons it shows. */
function checkFeishuElements(elements: any[], customerOfTask: Map<string, string>, nameOf: Map<string, string>, where: string): string[] {
  const seen: string[] = [];
  elements.forEach((el, i) => {
    const values: string[] = JSON.stringify(el).match(/"a":"[^"]*"/g) ?? [];
    const customers = new Set(values.map((v) => customerOf(decodeAction(JSON.parse(`{${v}}`).a)!, customerOfTask)).filter((c): c is string => c !== null));
    if (customers.size === 0) return;
    expect(customers.size, where).toBe(1);
    const [customer] = [...customers];
    expect(JSON.stringify(elements[i - 1] ?? null), `${where}: buttons of ${nameOf.get(customer!)}`).toContain(nameOf.get(customer!)!);
    seen.push(customer!);
  });
  return seen;
}

describe('a customer\'s text and its buttons stay together at every split point', () => {
  it('Slack: each actions block follows the section naming its customer, in the same message', () => {
    let split = 0;
    for (let n = 1; n <= 80; n += 1) {
      const { model, customerOfTask, nameOf } = withFlags(n);
      const messages = renderMessage(digestCard(model, n % 2 ? 'zh' : 'en'));
      if (messages.length > 1) split += 1;
      const seen = messages.flatMap((m, page) => checkSlackBlocks(m.blocks, customerOfTask, nameOf, `n=${n} page ${page + 1}`));
      expect(new Set(seen).size, `n=${n}`).toBe(n);
    }
    expect(split).toBeGreaterThan(20);
  });

  it('Feishu: each button row follows the text naming its customer, in the same card', () => {
    let split = 0;
    for (let n = 1; n <= 80; n += 1) {
      const { model, customerOfTask, nameOf } = withFlags(n);
      const cards = renderCard(digestCard(model, n % 2 ? 'zh' : 'en'));
      if (cards.length > 1) split += 1;
      const seen = cards.flatMap((card, part) => checkFeishuElements(card.body.elements, customerOfTask, nameOf, `n=${n} card ${part + 1}`));
      expect(new Set(seen).size, `n=${n}`).toBe(n);
    }
    expect(split).toBeGreaterThan(5);
  });

  it('as the platforms store them: sent through the Slack Web API client and the Lark SDK to the loopback fakes', async () => {
    const slackApi = await startFakeSlackApi({});
    const feishuApi = await startFakeFeishuApi();
    try {
      const slack = new SlackChatPort({ botToken: 'xoxb-test', apiUrl: slackApi.url, logger: silentLogger(), timeoutMs: 2000 });
      const feishu = new FeishuChatPort(createLarkClient({ appId: 'cli_a1b2c3d4e5f60718', appSecret: 's', domain: feishuApi.url, timeoutMs: 2000, logger: silentLogger() }), silentLogger());
      for (const n of [24, 25, 26, 39, 40, 47, 48, 49, 60, 73, 80]) {
        const { model, customerOfTask, nameOf } = withFlags(n);
        const spec = digestCard(model, 'zh');
        const s = await slack.send({ kind: 'channel', channelId: 'C0MGR' }, spec, { idempotencyKey: `digest:${n}` });
        const slackMessages = slackApi.messages.filter((m) => m.ts === s.messageId || m.thread_ts === s.messageId);
        const slackSeen = slackMessages.flatMap((m, i) => checkSlackBlocks(m.blocks as any[], customerOfTask, nameOf, `slack n=${n} message ${i + 1}`));
        expect(new Set(slackSeen).size).toBe(n);
        const f = await feishu.send({ kind: 'channel', channelId: 'oc_managers' }, spec, { idempotencyKey: `digest:${n}` });
        const feishuMessages = [f.messageId, ...f.parts!].map((id) => feishuApi.messages.find((m) => m.message_id === id)!);
        const feishuSeen = feishuMessages.flatMap((m, i) => checkFeishuElements(m.card.body.elements, customerOfTask, nameOf, `feishu n=${n} card ${i + 1}`));
        expect(new Set(feishuSeen).size).toBe(n);
        if (n === 80) {
          expect(slackMessages.length).toBeGreaterThan(1);
          expect(feishuMessages.length).toBeGreaterThan(1);
        }
      }
    } finally {
      await slackApi.close();
      await feishuApi.close();
    }
  });
});
