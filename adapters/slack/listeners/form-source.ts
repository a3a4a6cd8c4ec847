// A modal remembers the message it was opened from (in private_metadata, with the form id), so that
// on submit the app knows the context (digest or DM) and the message itself can be brought up to date
// instead of posting a second copy.
import type { MessageRef } from '../../../src/app/ports/chat.port.js';
import { PRIVATE_METADATA_MAX } from '../limits.js';

interface Meta {
  f: string;
  c?: string;
  t?: string;
}

export function encodeFormMeta(formId: string, source: MessageRef | null): string {
  const meta: Meta = source ? { f: formId, c: source.channel, t: source.messageId } : { f: formId };
  const json = JSON.stringify(meta);
  // A form id alone always fits; drop the source rather than cut the form id.
  return json.length <= PRIVATE_METADATA_MAX ? json : JSON.stringify({ f: formId });
}

/** Reads what encodeFormMeta wrote; a bare string (older modals, renderModal's default) is the form id. */
export function decodeFormMeta(raw: string | undefined): { formId: string; source: MessageRef | null } {
  if (!raw) return { formId: '', source: null };
  try {
    const meta = JSON.parse(raw) as Partial<Meta>;
    if (meta && typeof meta === 'object' && typeof meta.f === 'string') {
      const source = typeof meta.c === 'string' && typeof meta.t === 'string' ? { platform: 'slack' as const, channel: meta.c, messageId: meta.t } : null;
      return { formId: meta.f, source };
    }
  } catch {
    // not JSON: a plain form id
  }
  return { formId: raw, source: null };
}
