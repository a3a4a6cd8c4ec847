// ChatPort over the Slack Web API. Sends are made safe to retry with message metadata carrying our
// idempotency key: when an earlier attempt may have landed, recent history is searched first. The
// same metadata finds a card's continuations in the thread when it is updated.
import { SLACK_DELIVERY } from '../limits.js';
import { EMAIL_LOOKUP_TTL, TtlCache } from '../../shared/ttl-cache.js';
import { WebClient } from '@slack/web-api';
import type { KnownBlock } from '@slack/types';
import type { Logger } from 'pino';
import type { CardSpec } from '../../../src/ui/card.js';
import type { ChatPort, Destination, MessageRef, SendOptions, UserProfile } from '../../../src/app/ports/chat.port.js';
import { renderMessage, renderSuperseded, SUPERSEDED_TEXT, type SlackMessage } from '../render/message.render.js';
import { platformErrorCode, toDeliveryError } from './slack-errors.js';
import { toSlackLogger } from './slack-logger.js';
import { DEFAULT_REQUEST_TIMEOUT_MS } from '../config.js';
import { keyOf, partOfKey, radarMetadata } from '../render/message-metadata.js';
import { SlackChartUploader, type ChartPngRenderer } from './chart-upload.js';

export { RADAR_EVENT_TYPE } from '../render/message-metadata.js';

export interface SlackChatPortOptions {
  botToken: string;
  /** Web API base URL, e.g. `https://slack.com/api/` or a loopback fake. */
  apiUrl: string;
  logger: Logger;
  /** Retries inside one Web API call (default 0: the outbox owns retries). */
  retries?: number;
  timeoutMs?: number;
  /** How many recent messages to search for an earlier attempt (default 50). */
  historyLimit?: number;
  now?: () => Date;
  /** Draws chart images (injected at composition); without it, charts are sent as their numbers. */
  renderChartPng?: ChartPngRenderer;
}

/** Slack locales (`zh-CN`, `en-US`, …) → ours; anything else is unknown. */
const toLocale = (locale: string | undefined): UserProfile['locale'] => (locale?.startsWith('zh') ? 'zh' : locale?.startsWith('en') ? 'en' : null);

export class SlackChatPort implements ChatPort {
  readonly platform = 'slack' as const;
  readonly delivery = SLACK_DELIVERY;
  readonly client: WebClient;
  private readonly dmChannels = new Map<string, string>();
  private readonly emails: TtlCache<string>;
  private readonly profiles = new Map<string, UserProfile>();
  /** First messages of multi-part sends in this process, so a retry resumes the continuations. */
  private readonly partial = new Map<string, MessageRef>();
  private readonly log: Logger;
  /** Chart uploads, shared with the listeners' replies. */
  readonly charts: SlackChartUploader;

  constructor(private readonly opts: SlackChatPortOptions) {
    this.log = opts.logger.child({ component: 'slack-chat' });
    this.emails = new TtlCache({ ...EMAIL_LOOKUP_TTL, now: () => (opts.now?.() ?? new Date()).getTime() });
    this.client = new WebClient(opts.botToken, {
      slackApiUrl: opts.apiUrl,
      // Let the outbox decide when to come back: no silent 30-minute retry loops inside a send.
      rejectRateLimitedCalls: true,
      retryConfig: { retries: opts.retries ?? 0 },
      timeout: opts.timeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS,
      logger: toSlackLogger(opts.logger, 'slack-web'),
    });
    this.charts = new SlackChartUploader(this.client, opts.renderChartPng, this.log, opts.timeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS);
  }

  messagesFor(card: CardSpec): number {
    return renderMessage(card).length;
  }

  /** The returned ref lists the continuations' ts in `parts` (empty for a card that fits one message). */
  async send(to: Destination, card: CardSpec, options: SendOptions): Promise<MessageRef> {
    const parts = renderMessage(await this.charts.prepare(card));
    // A DM is posted to the user's id (Slack puts it in the app's DM with them and answers with the D…
    // id): no conversations.open per recipient, which would cost a Tier-3 call for each rep of a fan-out.
    // Only a history lookup needs the D… id before posting.
    let channel = to.kind === 'user' ? (this.dmChannels.get(to.userId) ?? to.userId) : to.channelId;
    const key = options.idempotencyKey;
    let first = this.partial.get(key) ?? null;
    let sent = new Map<number, string>();
    if (!first && options.maybeSentBefore) {
      if (to.kind === 'user') channel = await this.openDm(to.userId);
      first = await this.findEarlier(channel, key, options.threadOf?.messageId);
      if (first) {
        this.log.info({ key }, 'found an earlier attempt; not sending again');
        if (parts.length > 1) sent = await this.continuationsOf(first, key);
      }
    } else if (first && parts.length > 1) {
      sent = await this.continuationsOf(first, key);
    }
    if (!first) {
      const threadTs = options.threadOf?.messageId;
      const ts = await this.post(channel, parts[0] as SlackMessage, key, 0, threadTs);
      if (to.kind === 'user' && /^D/.test(ts.channel)) this.dmChannels.set(to.userId, ts.channel);
      first = { platform: 'slack', channel: ts.channel, messageId: ts.ts };
    }
    const continuations: string[] = [];
    if (parts.length > 1) {
      this.partial.set(key, first);
      // Continuations go in the first message's thread (or the thread we were asked to reply in).
      const thread = options.threadOf?.messageId ?? first.messageId;
      for (let i = 1; i < parts.length; i++) {
        const ts = sent.get(i) ?? (await this.post(first.channel, parts[i] as SlackMessage, key, i, thread)).ts;
        continuations.push(ts);
      }
      this.partial.delete(key);
    }
    return { platform: 'slack', channel: first.channel, messageId: first.messageId, parts: continuations };
  }

  /**
   * Update the head and every continuation (found in the thread by our metadata, so a stale `ref.parts`
   * cannot cause a second copy); continuations the card no longer needs are retired to a one-line
   * "superseded" note without buttons. Returns the new shape when the continuations changed.
   */
  async update(ref: MessageRef, card: CardSpec): Promise<MessageRef | void> {
    const parts = renderMessage(await this.charts.prepare(card));
    const head = parts[0] as SlackMessage;
    await this.edit(ref.channel, ref.messageId, head);
    // A card that fitted one message and still does needs no thread lookup.
    if (parts.length === 1 && ref.parts !== undefined && ref.parts.length === 0) return;
    const continuations = await this.updateContinuations(ref, parts);
    const same = ref.parts !== undefined && ref.parts.length === continuations.length && ref.parts.every((ts, i) => ts === continuations[i]);
    if (!same) return { platform: 'slack', channel: ref.channel, messageId: ref.messageId, parts: continuations };
  }

  /**
   * Timezone and language from the user's Slack profile: one `users.info` with `include_locale` per
   * member and process (cached; users.lookupByEmail has `tz` but never `locale`). A rate limit is
   * thrown as such, so a sync stops reading profiles until later.
   */
  async userProfile(userId: string): Promise<UserProfile | null> {
    const cached = this.profiles.get(userId);
    if (cached) return cached;
    try {
      const res = await this.client.users.info({ user: userId, include_locale: true });
      if (!res.user || res.user.deleted) return null;
      const profile: UserProfile = { timezone: res.user.tz || null, locale: toLocale(res.user.locale) };
      this.profiles.set(userId, profile);
      return profile;
    } catch (err) {
      if (platformErrorCode(err) === 'user_not_found') return null;
      throw toDeliveryError(err, 'users.info');
    }
  }

  async lookupUserByEmail(email: string): Promise<string | null> {
    const k = email.trim().toLowerCase();
    const hit = this.emails.get(k);
    if (hit !== undefined) return hit;
    let id: string | null;
    try {
      const res = await this.client.users.lookupByEmail({ email: k });
      id = res.user?.deleted ? null : (res.user?.id ?? null);
    } catch (err) {
      if (platformErrorCode(err) !== 'users_not_found') throw toDeliveryError(err, 'users.lookupByEmail');
      id = null;
    }
    this.emails.set(k, id);
    return id;
  }

  /** DM channel id for a user (cached): history lookups need the D… id, not the user id. */
  async openDm(userId: string): Promise<string> {
    const cached = this.dmChannels.get(userId);
    if (cached) return cached;
    try {
      const res = await this.client.conversations.open({ users: userId });
      const id = res.channel?.id;
      if (!id) throw new Error('conversations.open returned no channel');
      this.dmChannels.set(userId, id);
      return id;
    } catch (err) {
      throw toDeliveryError(err, 'conversations.open');
    }
  }

  private async post(channel: string, msg: SlackMessage, key: string, part: number, threadTs?: string): Promise<{ channel: string; ts: string }> {
    try {
      const res = await this.client.chat.postMessage({
        channel,
        text: msg.text,
        blocks: msg.blocks,
        ...(threadTs ? { thread_ts: threadTs } : {}),
        metadata: radarMetadata(key, part),
        unfurl_links: false,
        unfurl_media: false,
      });
      if (!res.ts) throw new Error('chat.postMessage returned no ts');
      return { channel: res.channel ?? channel, ts: res.ts };
    } catch (err) {
      throw toDeliveryError(err, 'chat.postMessage');
    }
  }

  /** Look for our key among recent messages (or replies of `threadTs`). */
  private async findEarlier(channel: string, key: string, threadTs?: string): Promise<MessageRef | null> {
    const limit = this.opts.historyLimit ?? 50;
    try {
      const res = threadTs
        ? await this.client.conversations.replies({ channel, ts: threadTs, include_all_metadata: true, limit })
        : await this.client.conversations.history({ channel, include_all_metadata: true, limit });
      const hit = (res.messages ?? []).find((m) => partOfKey(m.metadata, key) === 0);
      return hit?.ts ? { platform: 'slack', channel, messageId: hit.ts } : null;
    } catch (err) {
      throw toDeliveryError(err, threadTs ? 'conversations.replies' : 'conversations.history');
    }
  }

  private async edit(channel: string, ts: string, msg: SlackMessage): Promise<void> {
    try {
      await this.client.chat.update({ channel, ts, text: msg.text, blocks: msg.blocks as KnownBlock[] });
    } catch (err) {
      throw toDeliveryError(err, 'chat.update');
    }
  }

  /** Continuations of the send with this key already in the thread: part number → ts. */
  private async continuationsOf(first: MessageRef, key: string): Promise<Map<number, string>> {
    const found = new Map<number, string>();
    for (const m of await this.replies(first)) {
      const p = partOfKey(m.metadata, key);
      if (p !== null && p > 0 && m.ts) found.set(p, m.ts);
    }
    return found;
  }

  /** Brings every continuation up to date; returns the ts of those that now show the card, in order. */
  private async updateContinuations(ref: MessageRef, parts: SlackMessage[]): Promise<string[]> {
    // Continuations carry the same key as the first message; find them by part number.
    const replies = await this.replies(ref);
    const head = replies.find((m) => m.ts === ref.messageId);
    const key = (head ? keyOf(head.metadata) : null) ?? `update:${ref.messageId}`;
    const byPart = new Map<number, { ts: string; text?: string }>();
    for (const m of replies) {
      const p = partOfKey(m.metadata, key);
      if (p !== null && p > 0 && m.ts) byPart.set(p, { ts: m.ts, text: m.text });
    }
    // Parts we know from the ref but did not see (a thread longer than one page of replies).
    ref.parts?.forEach((ts, i) => {
      if (!byPart.has(i + 1)) byPart.set(i + 1, { ts });
    });
    const current: string[] = [];
    for (let i = 1; i < parts.length; i++) {
      const part = parts[i] as SlackMessage;
      const known = byPart.get(i);
      if (known) await this.edit(ref.channel, known.ts, part);
      current.push(known?.ts ?? (await this.post(ref.channel, part, key, i, ref.messageId)).ts);
    }
    // The card shrank: leftovers must not keep live buttons for flags that moved or went away.
    const leftovers = [...byPart.entries()].filter(([p, m]) => p >= parts.length && m.text !== SUPERSEDED_TEXT).sort(([a], [b]) => a - b);
    for (const [, m] of leftovers) await this.edit(ref.channel, m.ts, renderSuperseded());
    return current;
  }

  private async replies(ref: MessageRef): Promise<Array<{ ts?: string; text?: string; metadata?: unknown }>> {
    try {
      const res = await this.client.conversations.replies({ channel: ref.channel, ts: ref.messageId, include_all_metadata: true, limit: 200 });
      return (res.messages ?? []) as Array<{ ts?: string; text?: string; metadata?: unknown }>;
    } catch (err) {
      if (platformErrorCode(err) === 'thread_not_found') return [];
      throw toDeliveryError(err, 'conversations.replies');
    }
  }
}
