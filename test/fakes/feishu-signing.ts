// Builds inbound Feishu requests exactly as Feishu sends them: v2 envelopes (header with event_id,
// token, create_time, event_type), optionally encrypted with the encrypt key, plus signature headers.
import { createCipheriv, createHash, randomBytes, randomUUID } from 'node:crypto';

export interface SignedRequest {
  body: string;
  headers: Record<string, string>;
}

/** AES-256-CBC with key sha256(encryptKey); random IV prepended; base64. */
export function encryptPayload(encryptKey: string, plaintext: string, iv: Buffer = randomBytes(16)): string {
  const key = createHash('sha256').update(encryptKey, 'utf8').digest();
  const cipher = createCipheriv('aes-256-cbc', key, iv);
  return Buffer.concat([iv, cipher.update(plaintext, 'utf8'), cipher.final()]).toString('base64');
}

/** hex sha256(timestamp + nonce + encryptKey + body). */
export function signBody(timestamp: string, nonce: string, encryptKey: string, body: string): string {
  return createHash('sha256').update(timestamp + nonce + encryptKey + body, 'utf8').digest('hex');
}

export interface EnvelopeOptions {
  eventType: string;
  event: Record<string, unknown>;
  token: string;
  eventId?: string;
  /** ms since epoch, as a string in the envelope. */
  createTime?: number;
  appId?: string;
}

/** A v2 event / callback envelope. */
export function envelope(o: EnvelopeOptions): Record<string, unknown> {
  return {
    schema: '2.0',
    header: {
      event_id: o.eventId ?? randomUUID().replace(/-/g, ''),
      token: o.token,
      create_time: String(o.createTime ?? Date.now()),
      event_type: o.eventType,
      tenant_key: 'tenant_fake',
      app_id: o.appId ?? 'cli_a1b2c3d4e5f60718',
    },
    event: o.event,
  };
}

/** Encrypt (when a key is given) and sign a payload; `timestampSec` defaults to now. */
export function signRequest(payload: unknown, opts: { encryptKey?: string; timestampSec?: number; nonce?: string }): SignedRequest {
  const plain = JSON.stringify(payload);
  const body = opts.encryptKey ? JSON.stringify({ encrypt: encryptPayload(opts.encryptKey, plain) }) : plain;
  const timestamp = String(opts.timestampSec ?? Math.floor(Date.now() / 1000));
  const nonce = opts.nonce ?? randomBytes(8).toString('hex');
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (opts.encryptKey) {
    headers['x-lark-request-timestamp'] = timestamp;
    headers['x-lark-request-nonce'] = nonce;
    headers['x-lark-signature'] = signBody(timestamp, nonce, opts.encryptKey, body);
  }
  return { body, headers };
}

/** `card.action.trigger` event body (inside the envelope). */
export function cardActionEvent(o: {
  operator: string; value?: Record<string, string>; formValue?: Record<string, unknown>;
  messageId?: string; chatId?: string; tag?: string; name?: string; token?: string;
}): Record<string, unknown> {
  return {
    operator: { open_id: o.operator, tenant_key: 'tenant_fake' },
    token: o.token ?? `c-${randomUUID()}`,
    action: {
      tag: o.tag ?? 'button',
      ...(o.value ? { value: o.value } : {}),
      ...(o.name ? { name: o.name } : {}),
      ...(o.formValue ? { form_value: o.formValue } : {}),
    },
    host: 'im_message',
    context: { open_message_id: o.messageId ?? 'om_fake000001', open_chat_id: o.chatId ?? 'oc_chat1' },
  };
}

/** `im.message.receive_v1` event body for a text message. */
export function textMessageEvent(o: {
  sender: string; text: string; chatType: 'p2p' | 'group'; chatId?: string; messageId?: string;
  mentions?: Array<{ key: string; openId: string; name: string }>;
}): Record<string, unknown> {
  return {
    sender: { sender_id: { open_id: o.sender }, sender_type: 'user', tenant_key: 'tenant_fake' },
    message: {
      message_id: o.messageId ?? `om_${randomUUID().replace(/-/g, '')}`,
      chat_id: o.chatId ?? 'oc_chat1',
      chat_type: o.chatType,
      message_type: 'text',
      content: JSON.stringify({ text: o.text }),
      create_time: String(Date.now()),
      ...(o.mentions ? { mentions: o.mentions.map((m) => ({ key: m.key, id: { open_id: m.openId }, name: m.name, tenant_key: 'tenant_fake' })) } : {}),
    },
  };
}

/** The url_verification challenge (plain or encrypted like every other body). */
export function urlVerification(challenge: string, token: string): Record<string, unknown> {
  return { challenge, token, type: 'url_verification' };
}

/**
 * `im.message.receive_v1` for any message type with its raw content object (`post`, `image`, `file`,
 * `sticker`…), e.g. a post as Feishu delivers it: `{title, content: [[{tag:'text',text}, {tag:'at',user_id:'@_user_1'}]]}`.
 */
export function messageEvent(o: {
  sender: string; messageType: string; content: unknown; chatType: 'p2p' | 'group'; chatId?: string; messageId?: string;
  mentions?: Array<{ key: string; openId: string; name: string }>;
}): Record<string, unknown> {
  const ev = textMessageEvent({ sender: o.sender, text: '', chatType: o.chatType, chatId: o.chatId, messageId: o.messageId, mentions: o.mentions });
  const message = ev.message as Record<string, unknown>;
  message.message_type = o.messageType;
  message.content = JSON.stringify(o.content);
  return ev;
}
