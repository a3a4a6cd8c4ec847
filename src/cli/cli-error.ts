import { RadarError } from '../core/errors.js';
import { say, text, type Locale, type LocalizedText } from '../core/i18n.js';

export interface CliErrorOptions {
  cause?: unknown;
  /** Defaults to `cli_usage` (a bad argument or option) for exit code 2, else `cli_failed`. */
  code?: string;
  /** Defaults to the message in both languages: CLI messages are written for the operator, in English. */
  userMessage?: LocalizedText;
}

/**
 * An error the CLI prints as one clear line (no stack trace) and exits with `exitCode`.
 * The base of errors raised by the command line (src/cli).
 */
export class CliError extends RadarError {
  constructor(message: string, readonly exitCode = 2, options: CliErrorOptions = {}) {
    super(options.code ?? (exitCode === 2 ? 'cli_usage' : 'cli_failed'), message, {
      ...('cause' in options ? { cause: options.cause } : {}),
      userMessage: options.userMessage ?? text(message, message),
    });
    this.name = 'CliError';
  }
}

/** The language errors are told in: `--lang` when given, else RADAR_LOCALE, else Chinese (the team default). */
export function cliLocale(argv: readonly string[], env: Readonly<Record<string, string | undefined>>): Locale {
  const at = argv.findIndex((a) => a === '--lang' || a.startsWith('--lang='));
  const lang = at < 0 ? undefined : argv[at]!.startsWith('--lang=') ? argv[at]!.slice('--lang='.length) : argv[at + 1];
  if (lang === 'zh' || lang === 'en') return lang;
  return env.RADAR_LOCALE === 'en' ? 'en' : 'zh';
}

/**
 * What the CLI prints for one of our errors that no command turned into a CliError: what happened, in
 * the operator's language, then the code and the English detail (which names the field or file).
 */
export function radarErrorText(err: RadarError, locale: Locale): string {
  const said = say(locale, err.userMessage);
  return `radar: ${said}\n${said === err.message ? '' : `  (${err.code}: ${err.message})\n`}`;
}
