// Bolt and the Web client log through @slack/logger's interface; route them into our pino logger so
// nothing goes to stdout and redaction applies. At debug level the SDKs log whole request bodies,
// API results and WebSocket envelopes, which carry customer names, notes and answers: every JSON
// payload in a line is replaced by its size and the ids that help debugging (type, envelope_id, …).
import { LogLevel, type Logger as SlackLogger } from '@slack/bolt';
import type { Logger } from 'pino';

/** Fields of a payload worth keeping in a log line: ids, types and outcomes, never content. */
const KEEP = ['type', 'envelope_id', 'event_id', 'ok', 'error', 'channel', 'ts', 'retry_attempt', 'accepts_response_payload', 'num_connections'];

function describePayload(raw: string): string {
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    return `<${Buffer.byteLength(raw)} bytes>`;
  }
  return describeValue(parsed, Buffer.byteLength(raw));
}

function describeValue(v: unknown, bytes?: number): string {
  const size = bytes ?? safeSize(v);
  if (typeof v !== 'object' || v === null) return `<${typeof v}, ${size} bytes>`;
  if (Array.isArray(v)) return `<array of ${v.length}, ${size} bytes>`;
  const o = v as Record<string, unknown>;
  const kept: string[] = [];
  for (const k of KEEP) {
    const x = o[k];
    if (typeof x === 'string' || typeof x === 'number' || typeof x === 'boolean') kept.push(`${k}=${String(x).slice(0, 40)}`);
  }
  // An envelope's inner payload type says what it was (block_actions, view_submission, …).
  const inner = o.payload as Record<string, unknown> | undefined;
  if (inner && typeof inner === 'object' && typeof inner.type === 'string') kept.push(`payload.type=${inner.type}`);
  return `<${[...kept, `${size} bytes`].join(' ')}>`;
}

function safeSize(v: unknown): number {
  try {
    return Buffer.byteLength(JSON.stringify(v) ?? '');
  } catch {
    return 0;
  }
}

/** A log line with every embedded JSON object/array (to the end of the line) summarised. */
export function scrubSdkMessage(text: string): string {
  const at = text.search(/[{[]/);
  if (at < 0) return text;
  return `${text.slice(0, at)}${describePayload(text.slice(at))}`;
}

const str = (msgs: unknown[]): string =>
  msgs
    .map((m) => (m instanceof Error ? m.message : typeof m === 'string' ? scrubSdkMessage(m) : describeValue(m)))
    .join(' ');

export function toSlackLogger(logger: Logger, name = 'slack'): SlackLogger {
  const log = logger.child({ component: name });
  let level: LogLevel = LogLevel.INFO;
  // The SDKs log every request and result at debug: summarising a payload (JSON.parse of a whole
  // request body) only when the line will be written keeps that cost off every click.
  return {
    debug: (...m: unknown[]) => { if (log.isLevelEnabled('debug')) log.debug(str(m)); },
    info: (...m: unknown[]) => { if (log.isLevelEnabled('info')) log.info(str(m)); },
    warn: (...m: unknown[]) => { if (log.isLevelEnabled('warn')) log.warn(str(m)); },
    error: (...m: unknown[]) => { if (log.isLevelEnabled('error')) log.error(str(m)); },
    setLevel: (l: LogLevel) => void (level = l),
    getLevel: () => level,
    setName: () => undefined,
  };
}
