// What the Feishu listeners share: the router, the inbound log, the chat port, the bot's identity.
import type { Logger } from 'pino';
import type { InboundEvent, Router } from '../../../src/app/inbound.js';
import type { Answer } from '../../../src/app/answer.js';
import { routeSafely } from '../../shared/route.js';
import type { InboundLog } from '../../../src/app/ports/delivery.port.js';
import { ChatDeliveryError } from '../../../src/app/ports/chat.port.js';
import type { FeishuChatPort } from '../transport/chat-port.js';
import type { WorkLane } from '../../shared/work-lane.js';

export interface ListenerContext {
  router: Router;
  inbound: InboundLog;
  chat: FeishuChatPort;
  logger: Logger;
  now: () => Date;
  /**
   * The managers' group chat. A card there is shared by everyone (Card 2.0 updates are seen by all who
   * received it), so cards and forms meant for one person go to their private chat instead.
   */
  managerChatId: string | null;
  /** The bot's open_id (from GET /open-apis/bot/v3/info), null until known. */
  botOpenId: () => string | null;
  /** Remember which form a message shows, for submits that carry no formId. */
  forms: FormMemory;
  /** Track background work (slow callbacks, message answers) so stop() and tests can await it. */
  track: (work: Promise<unknown>) => void;
  /** Where work after an answer runs (routing a deferred click, private sends, patches): it yields to incoming requests. */
  lane: WorkLane;
  /** Clicks whose routing waits on the lane (card-action.listener acks a click first when others wait). */
  pressure: Pressure;
}

/**
 * How many clicks are waiting for (or in) their routing on the work lane. None: a click is routed on
 * the next turn of the event loop and answered in its own callback reply. Some: a burst, where the
 * click is acknowledged at once and its result follows.
 */
export class Pressure {
  private waiting = 0;
  /** Count `routing` as waiting until it settles. */
  around<T>(routing: Promise<T>): Promise<T> {
    this.waiting += 1;
    const done = () => {
      this.waiting -= 1;
    };
    routing.then(done, done);
    return routing;
  }
  busy(): boolean {
    return this.waiting > 0;
  }
}

/** A small bounded map message_id → formId. */
export class FormMemory {
  private readonly map = new Map<string, string>();
  constructor(private readonly max = 2000) {}
  set(messageId: string, formId: string): void {
    this.map.delete(messageId);
    this.map.set(messageId, formId);
    if (this.map.size > this.max) this.map.delete(this.map.keys().next().value!);
  }
  get(messageId: string): string | undefined {
    return this.map.get(messageId);
  }
}

/** Longest platform-requested wait a direct answer sits out before trying once more. */
const MAX_DIRECT_WAIT_MS = 10_000;

/**
 * Direct answers (replies to questions, private cards) do not go through the outbox, so a rate limit
 * (429 / 99991400 / 230020) would lose them: wait as long as Feishu asks, once, and try again. Sends
 * carry a uuid, so the retry never posts twice.
 */
export async function retryOnceIfRateLimited<T>(send: () => Promise<T>, logger: Logger): Promise<T> {
  try {
    return await send();
  } catch (err) {
    if (!(err instanceof ChatDeliveryError) || err.code !== 'rate_limited') throw err;
    const wait = Math.min(err.retryAfterMs ?? 1000, MAX_DIRECT_WAIT_MS);
    logger.warn({ waitMs: wait }, 'feishu rate limit on a direct answer; retrying once');
    await new Promise((resolve) => setTimeout(resolve, wait));
    return send();
  }
}

/**
 * Route an event. A failure becomes an error toast; a card's chart pictures are uploaded first (those
 * Card 2.0 cannot draw natively: see vchart.ts), and a failed upload shows the charts' numbers.
 */
export function routeFeishu(ctx: ListenerContext, event: InboundEvent): Promise<Answer> {
  return routeSafely({ router: ctx.router, logger: ctx.logger, prepareCharts: (card) => ctx.chat.charts.prepare(card) }, event);
}
