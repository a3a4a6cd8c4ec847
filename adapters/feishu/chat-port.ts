// ChatPort over the Feishu/Lark Open API (official node-sdk). Sends carry a `uuid` derived from our
// idempotency key, so a retry of the same send never posts twice (Feishu dedupes a uuid for an hour).
import { createHash } from 'node:crypto';
import type * as lark from '@larksuiteoapi/node-sdk';
import type { Logger } from 'pino';
import type { ChatPort, Destination, MessageRef, SendOptions } from '../../src/app/ports/chat.port.js';
import type { CardSpec } from '../../src/ui/card.js';
import type { Card2 } from './render/card-v2.types.js';
import { renderCard } from './render/render-card.js';
import { MAX_UUID_LENGTH } from './limits.js';
import { toDeliveryError } from './open-api.js';

/** `uuid` for part `part` of the send keyed `key`: a hash, so any key length fits the 50-char limit. */
export function sendUuid(key: string, part = 0): string {
  return `sr${createHash('sha256').update(`${key}\u0000${part}`).digest('hex')}`.slice(0, Math.min(34, MAX_UUID_LENGTH));
}

interface SentMessage {
  message_id?: string;
  chat_id?: string;
}

const POSITIVE_TTL_MS = 6 * 60 * 60 * 1000;
const NEGATIVE_TTL_MS = 10 * 60 * 1000;

export class FeishuChatPort implements ChatPort {
  readonly platform = 'feishu' as const;
  private readonly emailCache = new Map<string, { id: string | null; until: number }>();

  constructor(
    private readonly client: lark.Client,
    private readonly logger: Logger,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async send(to: Destination, card: CardSpec, options: SendOptions): Promise<MessageRef> {
    const cards = renderCard(card);
    const first = options.threadOf
      ? await this.reply(options.threadOf.messageId, cards[0]!, sendUuid(options.idempotencyKey, 0))
      : await this.create(to, cards[0]!, sendUuid(options.idempotencyKey, 0));
    const messageId = first.message_id;
    if (!messageId) throw toDeliveryError(new Error('no message_id in the answer'), 'send');
    const channel = first.chat_id ?? options.threadOf?.channel ?? (to.kind === 'user' ? to.userId : to.channelId);
    // Continuations reply to the first message so they stay together; each part has its own uuid.
    for (let i = 1; i < cards.length; i += 1) {
      await this.reply(messageId, cards[i]!, sendUuid(options.idempotencyKey, i));
    }
    return { platform: 'feishu', channel, messageId };
  }

  async update(ref: MessageRef, card: CardSpec): Promise<void> {
    const cards = renderCard(card);
    try {
      await this.client.im.v1.message.patch({ path: { message_id: ref.messageId }, data: { content: JSON.stringify(cards[0]) } });
    } catch (e) {
      throw toDeliveryError(e, 'update message');
    }
    if (cards.length > 1) {
      // A patch can only replace one message: the overflow goes as replies, keyed by content so an
      // identical update never posts it twice.
      const key = `update:${ref.messageId}:${createHash('sha256').update(JSON.stringify(cards)).digest('hex')}`;
      for (let i = 1; i < cards.length; i += 1) await this.reply(ref.messageId, cards[i]!, sendUuid(key, i));
      this.logger.info({ messageId: ref.messageId, parts: cards.length }, 'feishu update continued in replies');
    }
  }

  async lookupUserByEmail(email: string): Promise<string | null> {
    const key = email.trim().toLowerCase();
    const now = this.now().getTime();
    const hit = this.emailCache.get(key);
    if (hit && hit.until > now) return hit.id;
    let res: { data?: { user_list?: Array<{ email?: string; user_id?: string }> } };
    try {
      res = await this.client.contact.v3.user.batchGetId({ params: { user_id_type: 'open_id' }, data: { emails: [key] } });
    } catch (e) {
      throw toDeliveryError(e, 'look up user by email');
    }
    const found = res.data?.user_list?.find((u) => (u.email ?? '').toLowerCase() === key)?.user_id ?? null;
    this.emailCache.set(key, { id: found, until: now + (found ? POSITIVE_TTL_MS : NEGATIVE_TTL_MS) });
    return found;
  }

  /** Send a raw Card 2.0 (used by listeners for answers to messages). */
  async sendRaw(to: Destination, card: Card2, uuid: string): Promise<SentMessage> {
    return this.create(to, card, uuid);
  }

  /** Reply to a message with a raw Card 2.0. */
  async reply(messageId: string, card: Card2, uuid: string): Promise<SentMessage> {
    try {
      const res = await this.client.im.v1.message.reply({
        path: { message_id: messageId },
        data: { msg_type: 'interactive', content: JSON.stringify(card), uuid },
      });
      return res.data ?? {};
    } catch (e) {
      throw toDeliveryError(e, 'reply to message');
    }
  }

  /** Patch a message with a raw Card 2.0 (slow callback results). */
  async patchRaw(messageId: string, card: Card2): Promise<void> {
    try {
      await this.client.im.v1.message.patch({ path: { message_id: messageId }, data: { content: JSON.stringify(card) } });
    } catch (e) {
      throw toDeliveryError(e, 'update message');
    }
  }

  private async create(to: Destination, card: Card2, uuid: string): Promise<SentMessage> {
    const [receiveIdType, receiveId] = to.kind === 'user' ? (['open_id', to.userId] as const) : (['chat_id', to.channelId] as const);
    try {
      const res = await this.client.im.v1.message.create({
        params: { receive_id_type: receiveIdType },
        data: { receive_id: receiveId, msg_type: 'interactive', content: JSON.stringify(card), uuid },
      });
      return res.data ?? {};
    } catch (e) {
      throw toDeliveryError(e, 'send message');
    }
  }
}
