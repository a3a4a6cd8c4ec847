// pino JSON logs to stderr (stdout stays clean for CLI output such as `radar flags --json`).
// Secrets are redacted by key wherever they appear; never log tokens or full payloads.
import { pino, type Logger } from 'pino';

export type { Logger };

const REDACT_PATHS = [
  'token', 'botToken', 'appToken', 'signingSecret', 'appSecret', 'encryptKey', 'verificationToken',
  'authorization', 'headers.authorization', 'headers["x-slack-signature"]', 'headers["x-lark-signature"]',
  '*.token', '*.botToken', '*.appToken', '*.signingSecret', '*.appSecret', '*.encryptKey', '*.verificationToken',
  '*.authorization',
];

export function createLogger(options: { level?: string; name?: string } = {}): Logger {
  return pino(
    {
      name: options.name ?? 'sales-radar',
      level: options.level ?? 'info',
      redact: { paths: REDACT_PATHS, censor: '[redacted]' },
      base: undefined,
    },
    pino.destination({ fd: 2, sync: true }),
  );
}

/** A logger that drops everything (tests, quiet CLI runs). */
export function silentLogger(): Logger {
  return pino({ level: 'silent' });
}
