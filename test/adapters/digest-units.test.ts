// A click must act on the customer it sits beside. A long digest is split across Slack messages and
// Feishu cards; for every number of flags from 1 to 80 (so the split falls at every position), every
// part that shows a customer's buttons also shows that customer's text, right above them.
import { describe, expect, it } from 'vitest';
import { digestCard } from '../../src/app/views/digest.view.js';
import { buildDigest } from '../../src/core/digest/build-digest.js';
import type { DigestModel } from '../../src/core/digest/digest.types.js';
import { decodeAction, type ActionRef } from '../../src/ui/action.js';
import { renderMessage } from '../../adapters/slack/render/message.render.js';
import { renderCard } from '../../adapters/feishu/render/render-card.js';
import { digestInput } from '../core/digest/digest-fixture.js';

const base = buildDigest(digestInput());

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

describe('a customer\'s text and its buttons stay together at every split point', () => {
  it('Slack: each actions block follows the section naming its customer, in the same message', () => {
    let split = 0;
    for (let n = 1; n <= 80; n += 1) {
      const { model, customerOfTask, nameOf } = withFlags(n);
      const messages = renderMessage(digestCard(model, n % 2 ? 'zh' : 'en'));
      if (messages.length > 1) split += 1;
      const seen = new Set<string>();
      messages.forEach((m, page) => {
        m.blocks.forEach((block, i) => {
          if (block.type !== 'actions') return;
          const customers = new Set(block.elements.map((el) => customerOf(decodeAction((el as { value: string }).value)!, customerOfTask)).filter((c): c is string => c !== null));
          if (customers.size === 0) return;
          expect(customers.size, `n=${n} page ${page + 1}`).toBe(1);
          const [customer] = [...customers];
          const above = JSON.stringify(m.blocks[i - 1] ?? null);
          expect(above, `n=${n} page ${page + 1}: buttons of ${nameOf.get(customer!)}`).toContain(nameOf.get(customer!)!);
          seen.add(customer!);
        });
      });
      expect(seen.size, `n=${n}`).toBe(n);
    }
    expect(split).toBeGreaterThan(20);
  });

  it('Feishu: each button row follows the text naming its customer, in the same card', () => {
    let split = 0;
    for (let n = 1; n <= 80; n += 1) {
      const { model, customerOfTask, nameOf } = withFlags(n);
      const cards = renderCard(digestCard(model, n % 2 ? 'zh' : 'en'));
      if (cards.length > 1) split += 1;
      const seen = new Set<string>();
      cards.forEach((card, part) => {
        card.body.elements.forEach((el, i) => {
          const values = JSON.stringify(el).match(/"a":"[^"]*"/g) ?? [];
          const customers = new Set(values.map((v) => customerOf(decodeAction(JSON.parse(`{${v}}`).a)!, customerOfTask)).filter((c): c is string => c !== null));
          if (customers.size === 0) return;
          expect(customers.size, `n=${n} card ${part + 1}`).toBe(1);
          const [customer] = [...customers];
          const above = JSON.stringify(card.body.elements[i - 1] ?? null);
          expect(above, `n=${n} card ${part + 1}: buttons of ${nameOf.get(customer!)}`).toContain(nameOf.get(customer!)!);
          seen.add(customer!);
        });
      });
      expect(seen.size, `n=${n}`).toBe(n);
    }
    expect(split).toBeGreaterThan(5);
  });
});
