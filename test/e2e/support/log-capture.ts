// A real pino logger whose JSON lines go to memory, so a test can read everything the bot logged
// (and assert that no secret ever appears in it). Deliberately without redaction paths: a secret
// that only stays out of the logs thanks to a redaction rule keyed by field name is still caught
// if it is ever logged under another name or inside a message string.
import { Writable } from 'node:stream';
import { pino, type Logger } from 'pino';

export interface CapturedLog {
  logger: Logger;
  /** Every line written so far, raw. */
  text(): string;
  /** Parsed lines. */
  lines(): Array<Record<string, unknown>>;
}

export function captureLogs(level = 'debug'): CapturedLog {
  const chunks: string[] = [];
  const sink = new Writable({
    write(chunk: Buffer | string, _enc, done) {
      chunks.push(chunk.toString());
      done();
    },
  });
  const logger = pino({ name: 'sales-radar-e2e', level, base: undefined }, sink);
  return {
    logger,
    text: () => chunks.join(''),
    lines: () => chunks.join('').split('\n').filter((l) => l.trim() !== '').map((l) => JSON.parse(l) as Record<string, unknown>),
  };
}
