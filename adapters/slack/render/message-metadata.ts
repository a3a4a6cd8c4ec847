// Our message metadata: every message the ChatPort posts carries `{ key, part }`, so a retry can find an
// earlier attempt, an update can find a card's continuations in the thread, and a click can tell a
// continuation from the head of a card.

/** `metadata.event_type` of every message we post. */
export const RADAR_EVENT_TYPE = 'radar_message';

export interface RadarMetadata {
  event_type: typeof RADAR_EVENT_TYPE;
  event_payload: { key: string; part: number };
}

export const radarMetadata = (key: string, part: number): RadarMetadata => ({ event_type: RADAR_EVENT_TYPE, event_payload: { key, part } });

/** Our idempotency key in a message's metadata, or null when the message is not one of ours. */
export function keyOf(metadata: unknown): string | null {
  const m = metadata as { event_type?: string; event_payload?: { key?: unknown } } | undefined;
  return m?.event_type === RADAR_EVENT_TYPE && typeof m.event_payload?.key === 'string' ? m.event_payload.key : null;
}

/** Part number (0 = head) of one of our messages, whatever its key; null when not ours. */
export function partOf(metadata: unknown): number | null {
  if (keyOf(metadata) === null) return null;
  const p = Number((metadata as { event_payload?: { part?: unknown } }).event_payload?.part ?? 0);
  return Number.isInteger(p) && p >= 0 ? p : 0;
}

/** Part number of a message of the send with this key; null for other messages. */
export function partOfKey(metadata: unknown, key: string): number | null {
  return keyOf(metadata) === key ? partOf(metadata) : null;
}
