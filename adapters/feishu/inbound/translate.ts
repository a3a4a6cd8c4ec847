// Feishu payloads → neutral inbound events. Pure: no I/O; malformed input gives null.
import type { InboundEvent } from '../../../src/app/inbound.js';
import { decodeAction } from '../../../src/ui/action.js';
import { ACTION_VALUE_KEY, PART_VALUE_KEY } from '../render/blocks.js';
import { FORM_CANCEL_KEY, FORM_ID_KEY, formIdFromButtonName } from '../render/render-form.js';
import { messageContent } from './message-content.js';

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown): string | null => (typeof v === 'string' && v.length > 0 ? v : null);

/** What we need of `im.message.receive_v1`. */
export interface MessageInfo {
  messageId: string;
  chatId: string;
  event: Extract<InboundEvent, { type: 'message' }>;
  /** Set when the message type carries no text (image, file, sticker…): answer with a hint, not the router. */
  unsupportedType?: string;
}

/**
 * A message for the bot: any p2p message, or a group message that @mentions the bot. Text and rich
 * text (`post`) give their text; other types are returned with `unsupportedType` set.
 * Mention keys (`@_user_1`) of the bot are removed; other mentions become `@name`.
 * @see https://open.feishu.cn/document/server-docs/im-v1/message/events/receive
 */
export function translateMessage(event: unknown, botOpenId: string | null): MessageInfo | null {
  if (!isObject(event) || !isObject(event.message) || !isObject(event.sender)) return null;
  const m = event.message;
  const sender = event.sender;
  if (sender.sender_type !== undefined && sender.sender_type !== 'user') return null;
  const userId = isObject(sender.sender_id) ? str(sender.sender_id.open_id) : null;
  const messageId = str(m.message_id);
  const chatId = str(m.chat_id);
  if (!userId || !messageId || !chatId) return null;
  const content = messageContent(m.message_type, m.content);
  if (!content) return null;
  let text = content.kind === 'text' ? content.text : '';
  const mentions = Array.isArray(m.mentions) ? m.mentions.filter(isObject) : [];
  const isDirect = m.chat_type === 'p2p';
  const mentionsBot = mentions.some((x) => botOpenId !== null && isObject(x.id) && x.id.open_id === botOpenId);
  if (!isDirect && !mentionsBot) return null;
  for (const x of mentions) {
    const key = str(x.key);
    if (!key) continue;
    const isBot = isObject(x.id) && x.id.open_id === botOpenId;
    text = text.split(key).join(isBot ? '' : `@${str(x.name) ?? ''}`);
  }
  text = text.replace(/\s+/g, ' ').trim();
  return {
    messageId,
    chatId,
    event: { type: 'message', actor: { platform: 'feishu', userId }, text, channelId: chatId, isDirect },
    ...(content.kind === 'unsupported' ? { unsupportedType: content.messageType } : {}),
  };
}

/** Where a callback came from: the clicked message, its chat, and which part of a continued card (1 = first). */
export interface CardActionOrigin {
  messageId: string | null;
  chatId: string | null;
  part: number;
}

/** A `card.action.trigger` callback, classified. */
export type CardActionInfo =
  | ({ kind: 'event'; event: Extract<InboundEvent, { type: 'action' | 'formSubmitted' | 'formCancelled' }> } & CardActionOrigin)
  /** A form submit whose formId we could not find. */
  | { kind: 'unknownForm'; userId: string; messageId: string | null };

function formValues(raw: Record<string, unknown>): Record<string, string | string[]> {
  const values: Record<string, string | string[]> = {};
  for (const [k, v] of Object.entries(raw)) {
    if (Array.isArray(v)) values[k] = v.filter((x) => x !== null && x !== undefined).map(String);
    else if (v === null || v === undefined) values[k] = '';
    else if (typeof v === 'object') continue;
    else values[k] = String(v); // date_picker "2024-04-01 +0800" is passed as-is: the core parses it
  }
  return values;
}

/**
 * Translate a card callback. `formIdFor` recovers the formId of a form card we returned earlier when
 * the submit carries none.
 * @see https://open.feishu.cn/document/uAjLw4CM/ukzMukzMukzM/feishu-cards/card-callback-communication
 */
export function translateCardAction(event: unknown, formIdFor: (messageId: string) => string | undefined): CardActionInfo | null {
  if (!isObject(event) || !isObject(event.action) || !isObject(event.operator)) return null;
  const userId = str(event.operator.open_id);
  if (!userId) return null;
  const messageId = isObject(event.context) ? str(event.context.open_message_id) : null;
  const channel = isObject(event.context) ? str(event.context.open_chat_id) : null;
  const value = isObject(event.action.value) ? event.action.value : {};
  const actor = { platform: 'feishu' as const, userId };
  const message = messageId ? { platform: 'feishu' as const, channel: channel ?? '', messageId } : null;
  const partNo = Number(value[PART_VALUE_KEY]);
  const origin: CardActionOrigin = { messageId, chatId: channel, part: Number.isInteger(partNo) && partNo > 1 ? partNo : 1 };

  // The submit button's name carries the formId (survives restarts); the in-memory map is a fallback
  // for form cards sent before names carried it.
  const formId = str(value[FORM_ID_KEY]) ?? formIdFromButtonName(event.action.name) ?? (messageId ? formIdFor(messageId) : undefined) ?? null;
  if (value[FORM_CANCEL_KEY] !== undefined) {
    return formId ? { kind: 'event', ...origin, event: { type: 'formCancelled', actor, formId, message } } : null;
  }
  if (isObject(event.action.form_value)) {
    if (!formId) return { kind: 'unknownForm', userId, messageId };
    return { kind: 'event', ...origin, event: { type: 'formSubmitted', actor, formId, values: formValues(event.action.form_value), message } };
  }
  const encoded = str(value[ACTION_VALUE_KEY]);
  const action = encoded ? decodeAction(encoded) : null;
  if (!action) return null;
  return { kind: 'event', ...origin, event: { type: 'action', actor, action, message } };
}
