// How an Answer shows on Feishu, decided once for both listeners: as the body of a card callback reply
// ({toast, card}), as private cards, or as cards replying to a message. Pure.
import { formOf, type Answer } from '../../../src/app/answer.js';
import type { Card2, CardCallbackResponse } from '../render/card-v2.types.js';
import { renderCard } from '../render/render-card.js';
import { renderFormCard } from '../render/render-form.js';
import { FIXED_TEXT, fixedText } from '../../shared/fixed-text.js';

/** A minimal card with one line of text (used when an answer has text but no card). */
export function noticeCard(title: string, text: string, tone: 'green' | 'grey' | 'red' = 'grey'): Card2 {
  return renderCard({ title, tone, summary: text, blocks: [{ type: 'text', text: [text] }] })[0]!;
}

const raw = (data: Card2) => ({ type: 'raw' as const, data });

/** What replaces a saved form that has no card of its own to show: its notice, in green. */
const savedNotice = (a: Answer): Card2 => noticeCard(fixedText(FIXED_TEXT.done), a.toast?.text ?? '', 'green');

/** Where a callback's answer goes (see placeAnswer). */
export type Placement = 'inPlace' | 'private' | 'toastOnly';

/**
 * Where a callback answer may show. Card 2.0 content is shared: answering with a card replaces the
 * message for everyone who received it. So in the managers' group a card or form meant for the clicker
 * (details, resolve/snooze forms) goes to their private chat; and a click in a continuation card
 * (part > 1) never gets a card back (it would overwrite that part with the first page): shared updates
 * reach every part through the outbox refresh, so the click gets a toast.
 */
export function placeAnswer(a: Answer, origin: { chatId: string | null; part: number }, managerChatId: string | null): Placement {
  const shared = managerChatId !== null && origin.chatId === managerChatId;
  const continuation = origin.part > 1;
  if (a.reply || formOf(a)) return shared || continuation ? 'private' : 'inPlace';
  if (a.update || a.formDone) return continuation ? 'toastOnly' : 'inPlace';
  return 'inPlace';
}

/** The toast for an answer given without its card. */
export function toastOf(a: Answer): CardCallbackResponse {
  if (a.toast) return { toast: { type: a.toast.tone, content: a.toast.text } };
  if (a.update) return { toast: { type: 'success', content: fixedText(FIXED_TEXT.updated) } };
  return {};
}

/** What goes in the person's private chat for an answer placed 'private', and the formId it shows (if a form). */
export function privateCards(a: Answer): { cards: Card2[]; formId: string | null } {
  const form = formOf(a);
  if (form) return { cards: [renderFormCard(form)], formId: form.formId };
  const card = a.reply ?? a.update;
  if (card) return { cards: renderCard(card), formId: null };
  if (a.toast) return { cards: [toastCard(a.toast)], formId: null };
  return { cards: [], formId: null };
}

const toastCard = (t: NonNullable<Answer['toast']>): Card2 =>
  noticeCard(t.tone === 'error' ? '⚠️' : 'ℹ️', t.text, t.tone === 'error' ? 'red' : 'grey');

/** The cards answering a message (a question in a chat), one per part, and the formId they show (if a form). */
export function replyCards(a: Answer): { cards: Card2[]; formId: string | null } {
  const form = formOf(a);
  if (form) return { cards: [renderFormCard(form)], formId: form.formId };
  const card = a.update ?? a.reply;
  if (card) return { cards: renderCard(card), formId: null };
  if (a.formDone) return { cards: [savedNotice(a)], formId: null };
  return { cards: a.toast ? [toastCard(a.toast)] : [], formId: null };
}

/** The line a group sees when the answer goes only to the asker; null when the answer may show in the group. */
export const publicNoteOf = (a: Answer): string | null => a.privately?.publicNote ?? null;

/** An answer that is only a notice (once the callback is answered, it can only go to the private chat). */
export const isToastOnly = (a: Answer): boolean => !!a.toast && !a.update && !a.reply && !formOf(a) && !a.formDone;

/**
 * The callback reply, plus any continuation cards that did not fit (to send as replies) and the formId
 * the reply's card shows (to remember for the submit). An update has no extras: it restores a message
 * the outbox also refreshes, continuations included, so replying them again would add messages on
 * every click. A form that was saved must not stay on screen: without a card to show, a notice replaces it.
 */
export function toCallbackResponse(a: Answer): { body: CardCallbackResponse; extra: Card2[]; formId: string | null } {
  const toast = a.toast ? { toast: { type: a.toast.tone, content: a.toast.text } } : {};
  if (a.fieldErrors) {
    return { body: { toast: { type: 'error', content: fixedText(FIXED_TEXT.fixFields) }, card: raw(renderFormCard(a.fieldErrors)) }, extra: [], formId: a.fieldErrors.formId };
  }
  if (a.openForm) return { body: { ...toast, card: raw(renderFormCard(a.openForm)) }, extra: [], formId: a.openForm.formId };
  if (a.reply) {
    const [first, ...extra] = renderCard(a.reply);
    return { body: { ...toast, card: raw(first!) }, extra, formId: null };
  }
  if (a.update) return { body: { ...toast, card: raw(renderCard(a.update)[0]!) }, extra: [], formId: null };
  if (a.formDone) return { body: { ...toast, card: raw(savedNotice(a)) }, extra: [], formId: null };
  return { body: toast, extra: [], formId: null };
}
