// A scriptable in-process ChatPort that behaves like a platform with an idempotency check:
// a send with `maybeSentBefore` and a key it already delivered returns the earlier message
// (Feishu uuid / Slack metadata lookup); without that flag a repeat is a visible duplicate.
import { ChatDeliveryError, type ChatPort, type Destination, type MessageRef, type Platform, type SendOptions } from '../../../src/app/ports/chat.port.js';
import type { CardSpec } from '../../../src/ui/card.js';

/** What the platform does with one call: deliver, refuse, or deliver but answer late. */
export type Fault =
  | { kind: 'ok' }
  | { kind: 'error'; error: ChatDeliveryError | Error }
  /** Delivered, but the answer comes after `ms` (real time): our timeout fires first. */
  | { kind: 'late'; ms: number }
  /** The answer never comes (connection hangs); nothing was delivered. */
  | { kind: 'hang' };

export interface SendRecord { key: string; to: Destination; at: number; maybeSentBefore: boolean }

export class FakeChatPort implements ChatPort {
  /** Deliveries visible to users, per key (duplicates show as > 1). */
  readonly delivered = new Map<string, number>();
  readonly sends: SendRecord[] = [];
  readonly updates: Array<{ ref: MessageRef; card: CardSpec; at: number }> = [];
  private readonly refs = new Map<string, MessageRef>();
  private seq = 0;

  constructor(
    readonly platform: Platform,
    private readonly now: () => number,
    /** Decide each call's fate; default: all fine. */
    public fault: (call: { op: 'send' | 'update'; key: string; attempt: number }) => Fault = () => ({ kind: 'ok' }),
  ) {}

  private attempts = new Map<string, number>();

  async send(to: Destination, card: CardSpec, options: SendOptions): Promise<MessageRef> {
    const key = options.idempotencyKey;
    const attempt = (this.attempts.get(key) ?? 0) + 1;
    this.attempts.set(key, attempt);
    this.sends.push({ key, to, at: this.now(), maybeSentBefore: options.maybeSentBefore === true });
    const f = this.fault({ op: 'send', key, attempt });
    if (f.kind === 'error') throw f.error;
    if (f.kind === 'hang') return new Promise<MessageRef>(() => {});
    const existing = this.refs.get(key);
    let ref: MessageRef;
    if (existing && options.maybeSentBefore) {
      ref = existing;
    } else {
      const channel = to.kind === 'user' ? `D-${to.userId}` : to.channelId;
      ref = { platform: this.platform, channel, messageId: `m${++this.seq}` };
      this.refs.set(key, ref);
      this.delivered.set(key, (this.delivered.get(key) ?? 0) + 1);
    }
    if (f.kind === 'late') await new Promise((r) => setTimeout(r, f.ms));
    return ref;
  }

  async update(ref: MessageRef, card: CardSpec): Promise<void> {
    const f = this.fault({ op: 'update', key: ref.messageId, attempt: 1 });
    if (f.kind === 'error') throw f.error;
    this.updates.push({ ref, card, at: this.now() });
  }

  async lookupUserByEmail(): Promise<string | null> {
    return null;
  }
}

/** A settable clock whose sleep advances it at once. */
export function fakeClock(start = '2026-03-06T08:00:00.000Z') {
  let t = Date.parse(start);
  return {
    now: () => new Date(t),
    ms: () => t,
    advance: (ms: number) => { t += ms; },
    set: (iso: string | number) => { t = typeof iso === 'number' ? iso : Date.parse(iso); },
    sleep: async (ms: number) => { t += ms; },
  };
}

export const card = (title: string): CardSpec => ({ title, tone: 'blue', blocks: [{ type: 'text', text: [title] }], summary: title });

export const rateLimited = (ms: number) => new ChatDeliveryError('rate_limited', 'ratelimited', ms);
export const transient = (msg = 'HTTP 500') => new ChatDeliveryError('transient', msg);
export const permanent = (msg = 'user_not_found') => new ChatDeliveryError('permanent', msg);
