// ChatPort over the Feishu/Lark Open API (official node-sdk). Sends carry a `uuid` derived from our
// idempotency key, so a retry of the same send never posts twice (Feishu dedupes a uuid for an hour).
// A card too large for one message is continued in replies; the ref keeps their ids (`parts`) so an
// update patches the same messages instead of posting new ones.
import { FEISHU_DELIVERY } from '../limits.js';
import { EMAIL_LOOKUP_TTL, TtlCache } from '../../shared/ttl-cache.js';
import { createHash } from 'node:crypto';
import type * as lark from '@larksuiteoapi/node-sdk';
import type { Logger } from 'pino';
import { ChatDeliveryError, type ChatPort, type Destination, type MessageRef, type SendOptions } from '../../../src/app/ports/chat.port.js';
import type { CardSpec } from '../../../src/ui/card.js';
import type { Card2 } from '../render/card-v2.types.js';
import { renderCard, supersededCard } from '../render/render-card.js';
import { MAX_UUID_LENGTH, MESSAGE_UPDATE_EXPIRED_CODE } from '../limits.js';
import { FeishuApiError, toDeliveryError } from './open-api.js';

/** The patch was refused because the message is older than Feishu's 14-day update window. */
export function isUpdateExpired(e: unknown): boolean {
  const cause = e instanceof ChatDeliveryError ? e.cause : e;
  return cause instanceof FeishuApiError && cause.code === MESSAGE_UPDATE_EXPIRED_CODE;
}
import { FeishuChartUploader, type ChartPngRenderer } from './chart-upload.js';

/** `uuid` for part `part` of the send keyed `key`: a hash, so any key length fits the 50-char limit. */
export function sendUuid(key: string, part = 0): string {
  return `sr${createHash('sha256').update(`${key}\u0000${part}`).digest('hex')}`.slice(0, Math.min(34, MAX_UUID_LENGTH));
}

interface SentMessage {
  message_id?: string;
  chat_id?: string;
}

const MAX_RETIRED_REMEMBERED = 1000;

export class FeishuChatPort implements ChatPort {
  readonly platform = 'feishu' as const;
  readonly delivery = FEISHU_DELIVERY;
  private readonly emailCache: TtlCache<string>;
  /** Parts recently turned into "superseded" notices (see update()). */
  private readonly retired = new Set<string>();

  /** Chart uploads (im/v1/images), shared with the listeners' replies. */
  readonly charts: FeishuChartUploader;

  constructor(
    private readonly client: lark.Client,
    private readonly logger: Logger,
    private readonly now: () => Date = () => new Date(),
    renderChartPng?: ChartPngRenderer,
  ) {
    this.charts = new FeishuChartUploader(client, renderChartPng, logger);
    this.emailCache = new TtlCache({ ...EMAIL_LOOKUP_TTL, now: () => now().getTime() });
  }

  messagesFor(card: CardSpec): number {
    return renderCard(card).length;
  }

  async send(to: Destination, card: CardSpec, options: SendOptions): Promise<MessageRef> {
    const cards = renderCard(await this.charts.prepare(card));
    const first = options.threadOf
      ? await this.reply(options.threadOf.messageId, cards[0]!, sendUuid(options.idempotencyKey, 0))
      : await this.create(to, cards[0]!, sendUuid(options.idempotencyKey, 0));
    const messageId = first.message_id;
    if (!messageId) throw toDeliveryError(new Error('no message_id in the answer'), 'send');
    const channel = first.chat_id ?? options.threadOf?.channel ?? (to.kind === 'user' ? to.userId : to.channelId);
    // Continuations reply to the first message so they stay together; each part has its own uuid.
    const parts: string[] = [];
    for (let i = 1; i < cards.length; i += 1) {
      parts.push(await this.replyForId(messageId, cards[i]!, sendUuid(options.idempotencyKey, i)));
    }
    // `parts` is always set on new sends (even empty), so an update knows it may add continuations.
    return { platform: 'feishu', channel, messageId, parts };
  }

  /**
   * Patch the first message and every continuation we posted before; post only the parts beyond them and
   * turn parts no longer needed into a short "superseded" notice. Card 2.0 content is shared, so every
   * patch is what everyone in the chat sees. Returns the new ref when the list of parts changed.
   */
  async update(ref: MessageRef, card: CardSpec): Promise<MessageRef | void> {
    const cards = renderCard(await this.charts.prepare(card));
    try {
      await this.patchRaw(ref.messageId, cards[0]!);
    } catch (e) {
      if (!isUpdateExpired(e)) throw e;
      return this.repost(ref, card);
    }
    if (ref.parts === undefined) {
      // Sent before parts were tracked: we cannot tell which replies are ours, so post none.
      if (cards.length > 1) {
        this.logger.info({ messageId: ref.messageId, parts: cards.length }, 'feishu update: message predates part tracking; continuations not posted');
      }
      return;
    }
    const old = ref.parts;
    const parts: string[] = [];
    for (let i = 1; i < cards.length; i += 1) {
      const existing = old[i - 1];
      if (existing) {
        await this.patchRaw(existing, cards[i]!);
        parts.push(existing);
        continue;
      }
      // Stable per head and position: a retried update finds the part it posted instead of posting again.
      const id = await this.replyForId(ref.messageId, cards[i]!, sendUuid(`part:${ref.messageId}`, i));
      // Feishu answers a uuid seen within the hour with the earlier message as it is now: a part retired
      // a moment ago would keep showing the notice, so it gets the new content by patch.
      if (this.retired.delete(id)) await this.patchRaw(id, cards[i]!);
      parts.push(id);
    }
    for (const leftover of old.slice(parts.length)) {
      await this.patchRaw(leftover, supersededCard(card.title));
      this.remember(leftover);
    }
    if (parts.length !== old.length) {
      this.logger.info({ messageId: ref.messageId, from: old.length + 1, to: parts.length + 1 }, 'feishu update changed the number of parts');
      return { ...ref, parts };
    }
  }

  /**
   * The message is past the 14-day update window (its continuations too: sent with it): post the new
   * content as a reply in the old message's thread, so it sits under the card it replaces, and hand
   * back the new ref so later updates patch the new message. The uuid is keyed by the old message, so
   * a retried update finds the repost instead of posting twice.
   */
  private async repost(ref: MessageRef, card: CardSpec): Promise<MessageRef> {
    this.logger.info({ messageId: ref.messageId }, 'feishu update: message older than the 14-day update window; posting the new version in its thread');
    const next = await this.send({ kind: 'channel', channelId: ref.channel }, card, { idempotencyKey: `repost:${ref.messageId}`, threadOf: ref });
    return { ...next, channel: next.channel || ref.channel };
  }

  async lookupUserByEmail(email: string): Promise<string | null> {
    const key = email.trim().toLowerCase();
    const hit = this.emailCache.get(key);
    if (hit !== undefined) return hit;
    let res: { data?: { user_list?: Array<{ email?: string; user_id?: string }> } };
    try {
      res = await this.client.contact.v3.user.batchGetId({ params: { user_id_type: 'open_id' }, data: { emails: [key] } });
    } catch (e) {
      throw toDeliveryError(e, 'look up user by email');
    }
    const found = res.data?.user_list?.find((u) => (u.email ?? '').toLowerCase() === key)?.user_id ?? null;
    this.emailCache.set(key, found);
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

  /**
   * Send cards to one person's private chat with the bot (open_id): the first card, the rest as replies
   * to it. `key` makes retries idempotent. Returns the first message's id.
   */
  async sendPrivate(openId: string, cards: readonly Card2[], key: string): Promise<string> {
    const first = await this.create({ kind: 'user', userId: openId }, cards[0]!, sendUuid(key, 0));
    if (!first.message_id) throw toDeliveryError(new Error('no message_id in the answer'), 'send');
    for (let i = 1; i < cards.length; i += 1) await this.reply(first.message_id, cards[i]!, sendUuid(key, i));
    return first.message_id;
  }

  /**
   * A card only `openId` sees inside the group `chatId` (marked "仅对你可见"). Normal groups only (not
   * p2p chats nor topic groups); the card object goes as is, not stringified. Returns its message id.
   * @see https://open.feishu.cn/document/ukTMukTMukTM/uETOyYjLxkjM24SM5IjN
   */
  async sendEphemeral(chatId: string, openId: string, card: Card2): Promise<string> {
    try {
      const res = (await this.client.request({
        method: 'POST',
        url: '/open-apis/ephemeral/v1/send',
        data: { chat_id: chatId, open_id: openId, msg_type: 'interactive', card },
      })) as { data?: { message_id?: string } } | undefined;
      return res?.data?.message_id ?? '';
    } catch (e) {
      throw toDeliveryError(e, 'send ephemeral card');
    }
  }

  /** Patch a message with a raw Card 2.0 (slow callback results, parts of an update). */
  async patchRaw(messageId: string, card: Card2): Promise<void> {
    try {
      await this.client.im.v1.message.patch({ path: { message_id: messageId }, data: { content: JSON.stringify(card) } });
    } catch (e) {
      throw toDeliveryError(e, 'update message');
    }
  }

  private async replyForId(messageId: string, card: Card2, uuid: string): Promise<string> {
    const sent = await this.reply(messageId, card, uuid);
    if (!sent.message_id) throw toDeliveryError(new Error('no message_id in the reply'), 'reply to message');
    return sent.message_id;
  }

  private remember(retiredId: string): void {
    this.retired.add(retiredId);
    if (this.retired.size > MAX_RETIRED_REMEMBERED) this.retired.delete(this.retired.values().next().value!);
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
