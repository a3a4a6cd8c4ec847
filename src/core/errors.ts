// The error hierarchy. Every error sales-radar throws is a RadarError:
//   - `code`: snake_case, stable, for programs and logs (`import_bad_row`, `team_not_found`);
//   - `message`: English, for operators and logs; names the field and what is expected;
//   - `userMessage`: what a person may be shown, in zh and en;
//   - `cause`: the standard ES2022 cause, when the error wraps another.
// Each subsystem has one base class deriving from RadarError (CoreError here, StorageError, AppError,
// PlatformError, ConfigError, CliError, RadarRuntimeError, ChartRenderError, WebError); concrete
// errors derive from their subsystem's base. test/boundaries.test.ts keeps it that way.
import { say, text, type Locale, type LocalizedText } from './i18n.js';

/** What a person is told when the failure is ours (an invariant broke), not something they can fix. */
export const INTERNAL_ERROR: LocalizedText = text('内部错误，请稍后再试', 'Internal error, please try again');

/** The shape every `code` has. */
export const ERROR_CODE = /^[a-z][a-z0-9_]*$/;

export interface RadarErrorOptions {
  cause?: unknown;
  /** Defaults to INTERNAL_ERROR: pass one whenever the person can act on the failure. */
  userMessage?: LocalizedText;
}

/** A log-safe summary: name, code and our own message; foreign causes only by name and code. */
export interface ErrorSummary {
  name: string;
  code?: string | number;
  message?: string;
  cause?: ErrorSummary;
}

const MAX_CAUSE_DEPTH = 4;

export class RadarError extends Error {
  readonly code: string;
  readonly userMessage: LocalizedText;

  constructor(code: string, message: string, options: RadarErrorOptions = {}) {
    super(message, 'cause' in options ? { cause: options.cause } : undefined);
    this.name = new.target.name;
    this.code = code;
    this.userMessage = options.userMessage ?? INTERNAL_ERROR;
  }

  /** What JSON.stringify (and so a log line) shows: never the fields or foreign messages, which may carry secrets. */
  toJSON(): ErrorSummary {
    return summarizeError(this);
  }
}

/**
 * A summary safe to log. Our messages are written not to carry secrets; a foreign error's message
 * (an HTTP client's, the SDK's) may quote a URL, header or payload, so only its name and code are kept.
 */
export function summarizeError(err: unknown, depth = 0): ErrorSummary {
  if (err instanceof RadarError) {
    const out: ErrorSummary = { name: err.name, code: err.code, message: err.message };
    if (err.cause !== undefined && depth < MAX_CAUSE_DEPTH) out.cause = summarizeError(err.cause, depth + 1);
    return out;
  }
  if (err instanceof Error) {
    const code = (err as { code?: unknown }).code;
    return typeof code === 'string' || typeof code === 'number' ? { name: err.name, code } : { name: err.name };
  }
  return { name: typeof err };
}

/** What to tell a person about `err` in their language: its userMessage, or the generic internal error. */
export function userMessageOf(err: unknown, locale: Locale): string {
  return say(locale, err instanceof RadarError ? err.userMessage : INTERNAL_ERROR);
}

/** The base of errors raised by the pure domain (src/core). */
export class CoreError extends RadarError {}
