// A modal remembers the message it was opened from (in private_metadata, with the form id), so that
// on submit the app knows the context (digest or DM) and the message itself can be brought up to date
// instead of posting a second copy. It also remembers whether that message was a continuation (which
// must never be overwritten with the card's head) and whether the form came from the App Home.
import type { MessageRef } from '../../../src/app/ports/chat.port.js';
import { PRIVATE_METADATA_MAX } from '../limits.js';

interface Meta {
  f: string;
  c?: string;
  t?: string;
  /** 1: the source message is a continuation of a card. */
  p?: 1;
  /** 1: opened from the App Home tab. */
  h?: 1;
}

export interface FormOrigin {
  /** The message the form was opened from. */
  source: MessageRef | null;
  /** That message is a continuation (thread reply) of a larger card, not its head. */
  continuation?: boolean;
  /** The form was opened from the App Home tab. */
  fromHome?: boolean;
}

export interface DecodedFormMeta {
  formId: string;
  source: MessageRef | null;
  continuation: boolean;
  fromHome: boolean;
}

export function encodeFormMeta(formId: string, origin: FormOrigin | MessageRef | null): string {
  const o: FormOrigin = origin === null ? { source: null } : 'messageId' in origin ? { source: origin } : origin;
  const meta: Meta = { f: formId };
  if (o.source) Object.assign(meta, { c: o.source.channel, t: o.source.messageId }, o.continuation ? { p: 1 } : {});
  if (o.fromHome) meta.h = 1;
  const json = JSON.stringify(meta);
  // A form id alone always fits; drop the source rather than cut the form id.
  return json.length <= PRIVATE_METADATA_MAX ? json : JSON.stringify({ f: formId, ...(o.fromHome ? { h: 1 } : {}) });
}

/** Reads what encodeFormMeta wrote; a bare string (older modals, renderModal's default) is the form id. */
export function decodeFormMeta(raw: string | undefined): DecodedFormMeta {
  const none = { source: null, continuation: false, fromHome: false };
  if (!raw) return { formId: '', ...none };
  try {
    const meta = JSON.parse(raw) as Partial<Meta>;
    if (meta && typeof meta === 'object' && typeof meta.f === 'string') {
      const source = typeof meta.c === 'string' && typeof meta.t === 'string' ? { platform: 'slack' as const, channel: meta.c, messageId: meta.t } : null;
      return { formId: meta.f, source, continuation: source !== null && meta.p === 1, fromHome: meta.h === 1 };
    }
  } catch {
    // not JSON: a plain form id
  }
  return { formId: raw, ...none };
}
