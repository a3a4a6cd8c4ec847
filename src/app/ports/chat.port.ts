// What the app needs from a chat platform. Each adapter implements it over the official SDK.
import type { PlatformName } from '../../core/team.js';
import type { CardSpec } from '../../ui/card.js';
import type { Locale } from '../../core/i18n.js';

/** A connected chat platform, by the name its adapter gives itself ('slack', 'feishu', …). */
export type Platform = PlatformName;

/** Where a sent message lives, so it can be updated in place later. */
export interface MessageRef {
  platform: Platform;
  /** Slack channel id / Feishu chat id (or the user's id for a DM before it is known). */
  channel: string;
  /** Slack `ts` / Feishu `message_id`. */
  messageId: string;
  /**
   * Continuation messages of a card too large for one message, in order (Feishu message ids; Slack finds
   * its own by metadata). Kept so an update edits them instead of posting new ones.
   */
  parts?: string[];
}

/** A conversation target: a user (DM) or a channel/group. */
export type Destination = { kind: 'user'; userId: string } | { kind: 'channel'; channelId: string };

export interface SendOptions {
  /** Our own key: a retry with the same key never posts twice (Feishu `uuid`, Slack metadata lookup). */
  idempotencyKey: string;
  /** Post as a reply in the thread of this message (Slack) / reply to it (Feishu). */
  threadOf?: MessageRef;
  /**
   * An earlier attempt with this key may have reached the platform (crash or timeout after sending).
   * Ports without a native idempotency key look for the key among recent messages before sending.
   */
  maybeSentBefore?: boolean;
}

/** Which budget a rate limit is about: one conversation's (Feishu 230020) or the whole app's. */
export type RateLimitScope = 'conversation' | 'app';

/** Failure of a platform call, classified so delivery knows whether to retry. */
export class ChatDeliveryError extends Error {
  constructor(
    readonly code: 'rate_limited' | 'transient' | 'permanent',
    message: string,
    /** Milliseconds the platform asked us to wait, when it said so. */
    readonly retryAfterMs: number | null = null,
    options?: { cause?: unknown; limit?: RateLimitScope },
  ) {
    super(message, options);
    this.name = 'ChatDeliveryError';
    this.limit = options?.limit ?? null;
  }

  /** For a rate limit: whose budget ran out, when the platform says (null: assume all of them). */
  readonly limit: RateLimitScope | null;
}

/** At most `limit` calls in any `perMs` window. */
export interface SendWindow {
  limit: number;
  perMs: number;
}

/**
 * How a platform limits sending, as its adapter knows it: windows by scope kind (e.g. `slack.channel`,
 * `feishu.app`), and the two scopes a message counts against — its conversation, and the whole app or
 * workspace. Scope keys are `kind:id`.
 */
export interface DeliveryLimits {
  windows: Readonly<Record<string, readonly SendWindow[]>>;
  scopes(conversation: string): { conversation: string; app: string };
}

export interface ChatPort {
  readonly platform: Platform;
  /** Its send limits; unset: `<platform>.conversation` / `<platform>.app` scopes with no windows. */
  readonly delivery?: DeliveryLimits;
  /**
   * Send a card. A card too large for one message is split: the first message is returned,
   * continuations go to its thread. Throws ChatDeliveryError.
   */
  send(to: Destination, card: CardSpec, options: SendOptions): Promise<MessageRef>;
  /**
   * Replace the content of a message we sent earlier, continuations included. Returns the message's new
   * shape when it changed (parts added or retired), so the caller can keep it. Throws ChatDeliveryError.
   */
  update(ref: MessageRef, card: CardSpec): Promise<MessageRef | void>;
  /** Platform user id for an email, or null when the person has no account here. */
  lookupUserByEmail(email: string): Promise<string | null>;
  /** The person's own timezone and language, where the platform tells us (Slack does; optional). */
  userProfile?(userId: string): Promise<UserProfile | null>;
  /**
   * How many messages sending (or updating) this card takes — one per part of a card too large for one
   * message — so the sender's pacing counts each call the platform will count. Default 1.
   */
  messagesFor?(card: CardSpec): number;
}

export interface UserProfile {
  /** IANA timezone, e.g. `Europe/Berlin`. */
  timezone: string | null;
  locale: Locale | null;
}
