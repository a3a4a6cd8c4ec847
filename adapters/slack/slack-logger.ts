// Bolt and the Web client log through @slack/logger's interface; route them into our pino logger so
// nothing goes to stdout and redaction applies. Their debug output can contain payloads: kept at debug.
import { LogLevel, type Logger as SlackLogger } from '@slack/bolt';
import type { Logger } from 'pino';

const str = (msgs: unknown[]): string =>
  msgs.map((m) => (m instanceof Error ? m.message : typeof m === 'string' ? m : safeJson(m))).join(' ');

function safeJson(v: unknown): string {
  try {
    return JSON.stringify(v)?.slice(0, 500) ?? String(v);
  } catch {
    return String(v);
  }
}

export function toSlackLogger(logger: Logger, name = 'slack'): SlackLogger {
  const log = logger.child({ component: name });
  let level: LogLevel = LogLevel.INFO;
  return {
    debug: (...m: unknown[]) => log.debug(str(m)),
    info: (...m: unknown[]) => log.info(str(m)),
    warn: (...m: unknown[]) => log.warn(str(m)),
    error: (...m: unknown[]) => log.error(str(m)),
    setLevel: (l: LogLevel) => void (level = l),
    getLevel: () => level,
    setName: () => undefined,
  };
}
