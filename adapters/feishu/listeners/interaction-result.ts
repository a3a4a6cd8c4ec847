// InteractionResult → the body of a card callback reply ({toast, card}). Pure.
import type { InteractionResult } from '../../../src/app/inbound.js';
import type { Card2, CardCallbackResponse } from '../render/card-v2.types.js';
import { renderCard } from '../render/render-card.js';
import { renderFormCard } from '../render/render-form.js';

export const TEXT = {
  fixFields: '请修正标红的字段 / Please fix the fields marked in red',
  working: '正在处理… / Working on it…',
  cancelled: '已取消 / Cancelled',
  saved: '已完成 / Done',
  formExpired: '表单已过期，请重新打开 / This form has expired, please open it again',
  failed: '出错了，请稍后重试 / Something went wrong, please try again',
  closed: '表单已关闭 / Form closed',
  sentPrivately: '已私信发给你 / Sent to you privately',
  privateFailed: '无法私信发给你，请先和机器人开始单聊 / Could not send it to you privately; please open a chat with the bot first',
  updated: '已更新 / Updated',
  textOnly: '我只能读懂文字消息，请直接打字提问，例如「华星科技怎么样」/ I can only read text messages; please type your question, e.g. "how is Acme doing"',
} as const;

/** A minimal card with one line of text (used when a result has text but no card). */
export function noticeCard(title: string, text: string, tone: 'green' | 'grey' | 'red' = 'grey'): Card2 {
  return renderCard({ title, tone, summary: text, blocks: [{ type: 'text', text: [text] }] })[0]!;
}

const raw = (data: Card2) => ({ type: 'raw' as const, data });

/** Where a callback's result goes (see placeResult). */
export type Placement = 'inPlace' | 'private' | 'toastOnly';

/**
 * Where a callback result may show. Card 2.0 content is shared: answering with a card replaces the
 * message for everyone who received it. So in the managers' group a card or form meant for the clicker
 * (details, resolve/snooze forms) goes to their private chat; and a click in a continuation card
 * (part > 1) never gets a card back (it would overwrite that part with the first page): shared updates
 * reach every part through the outbox refresh, so the click gets a toast.
 */
export function placeResult(result: InteractionResult, origin: { chatId: string | null; part: number }, managerChatId: string | null): Placement {
  const shared = managerChatId !== null && origin.chatId === managerChatId;
  const continuation = origin.part > 1;
  switch (result.type) {
    case 'card':
    case 'openForm':
    case 'formErrors':
      return shared || continuation ? 'private' : 'inPlace';
    case 'replaceMessage':
    case 'formDone':
      return continuation ? 'toastOnly' : 'inPlace';
    case 'none':
    case 'toast':
      return 'inPlace';
  }
}

/** The toast for a result answered without its card. */
export function toastOf(result: InteractionResult): CardCallbackResponse {
  switch (result.type) {
    case 'toast':
      return { toast: { type: result.tone, content: result.text } };
    case 'replaceMessage':
      return { toast: { type: 'success', content: result.toast ?? TEXT.updated } };
    case 'formDone':
      return { toast: { type: 'success', content: result.toast } };
    default:
      return {};
  }
}

/** The cards to send privately for a result placed 'private', and the formId they show (if a form). */
export function privateCards(result: InteractionResult): { cards: Card2[]; formId: string | null } {
  switch (result.type) {
    case 'card':
      return { cards: renderCard(result.card), formId: null };
    case 'openForm':
    case 'formErrors':
      return { cards: [renderFormCard(result.form)], formId: result.form.formId };
    case 'toast':
      return { cards: [noticeCard(result.tone === 'error' ? '⚠️' : 'ℹ️', result.text, result.tone === 'error' ? 'red' : 'grey')], formId: null };
    default:
      return { cards: [], formId: null };
  }
}

/**
 * The callback reply, plus any continuation cards that did not fit (to send as replies) and the
 * formId the reply's card shows (to remember for the submit). A replaceMessage/formDone card has no
 * extras: it restores a message the outbox also refreshes, continuations included, so replying them
 * again would add messages on every click.
 */
export function toCallbackResponse(result: InteractionResult): { body: CardCallbackResponse; extra: Card2[]; formId: string | null } {
  switch (result.type) {
    case 'none':
      return { body: {}, extra: [], formId: null };
    case 'toast':
      return { body: { toast: { type: result.tone, content: result.text } }, extra: [], formId: null };
    case 'card': {
      const [first, ...extra] = renderCard(result.card);
      return { body: { card: raw(first!) }, extra, formId: null };
    }
    case 'replaceMessage': {
      const toast = result.toast ? { toast: { type: 'success' as const, content: result.toast } } : {};
      return { body: { ...toast, card: raw(renderCard(result.card)[0]!) }, extra: [], formId: null };
    }
    case 'openForm':
      return { body: { card: raw(renderFormCard(result.form)) }, extra: [], formId: result.form.formId };
    case 'formErrors':
      return {
        body: { toast: { type: 'error', content: TEXT.fixFields }, card: raw(renderFormCard(result.form)) },
        extra: [],
        formId: result.form.formId,
      };
    case 'formDone': {
      // The form card must not stay on screen after a successful submit.
      const card = result.card ? renderCard(result.card)[0]! : noticeCard(TEXT.saved, result.toast, 'green');
      return { body: { toast: { type: 'success', content: result.toast }, card: raw(card) }, extra: [], formId: null };
    }
  }
}
