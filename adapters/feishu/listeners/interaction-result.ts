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
  updated: '已更新 / Updated',
} as const;

/** A minimal card with one line of text (used when a result has text but no card). */
export function noticeCard(title: string, text: string, tone: 'green' | 'grey' | 'red' = 'grey'): Card2 {
  return renderCard({ title, tone, summary: text, blocks: [{ type: 'text', text: [text] }] })[0]!;
}

const raw = (data: Card2) => ({ type: 'raw' as const, data });

/** Where a callback's result goes (see placeResult). */
export type Placement = 'inPlace' | 'toastOnly';

/**
 * Where a callback result may show. Card 2.0 content is shared: answering with a card replaces the
 * message for everyone who received it. A click in a continuation card (part > 1) never gets a card
 * back (it would overwrite that part with the first page): shared updates reach every part through
 * the outbox refresh, so the click gets a toast.
 */
export function placeResult(result: InteractionResult, origin: { part: number }): Placement {
  return origin.part > 1 && result.type !== 'none' ? 'toastOnly' : 'inPlace';
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
