// How we talk to the Open API through the official SDK: our own HTTP instance (a timeout, response
// headers kept for x-ogw-ratelimit-reset, non-zero `code` turned into an error) and a logger for the
// SDK that never prints secrets or payloads.
import * as lark from '@larksuiteoapi/node-sdk';
import type { Logger } from 'pino';
import { ChatDeliveryError } from '../../../src/app/ports/chat.port.js';
import { PlatformError } from '../../../src/app/ports/platform-error.js';
import { text } from '../../../src/core/i18n.js';
import { CHAT_RATE_LIMIT_CODE, DEFAULT_RATE_LIMIT_WAIT_MS, RATE_LIMIT_CODES } from '../limits.js';

/**
 * An Open API failure: HTTP status (0 = no answer), Feishu's numeric `code` (as `feishuCode`: `code` is
 * our snake_case one), and the reset header if any.
 */
export class FeishuApiError extends PlatformError {
  declare readonly code: 'feishu_api_error';
  constructor(
    readonly status: number,
    readonly feishuCode: number | null,
    message: string,
    readonly rateLimitResetMs: number | null,
    options?: { cause?: unknown },
  ) {
    super('feishu_api_error', message, {
      ...options,
      userMessage: text('飞书开放平台返回了错误：请稍后再试，或检查应用权限', 'The Feishu Open API answered with an error: try again later, or check the app\'s permissions'),
    });
    this.name = 'FeishuApiError';
  }
}

/**
 * Codes that will fail the same way on every retry: bad receive id, bot not in chat, user outside
 * the bot's availability, cross-app open_id, invalid card content, message recalled/deleted.
 * @see https://open.feishu.cn/document/server-docs/im-v1/message/create
 * @see https://open.feishu.cn/document/server-docs/api-call-guide/generic-error-code
 */
export const PERMANENT_CODES: ReadonlySet<number> = new Set([
  230001, // invalid request parameter (e.g. receive_id)
  230002, // bot/user is not in the chat
  230006, // bot ability not enabled
  230011, // message recalled
  230013, // bot has no availability to this user
  230017, // bot is not the chat owner / not allowed
  230025, // message content too long
  230027, // lacking permission
  230099, // failed to create card content
  230110, // message deleted
  99992351, 99992352, 99992361, // invalid open_id / user_id, open_id cross app
  99992402, // field validation failed
  99991672, 99991679, // app lacks the scope
]);

function headerValue(headers: unknown, name: string): string | undefined {
  if (!headers || typeof headers !== 'object') return undefined;
  const h = headers as { get?: (n: string) => unknown } & Record<string, unknown>;
  const v = typeof h.get === 'function' ? h.get(name) : h[name];
  return typeof v === 'string' ? v : typeof v === 'number' ? String(v) : undefined;
}

function resetMs(headers: unknown): number | null {
  const raw = headerValue(headers, 'x-ogw-ratelimit-reset');
  const seconds = raw === undefined ? NaN : Number(raw);
  return Number.isFinite(seconds) && seconds >= 0 ? Math.ceil(seconds * 1000) : null;
}

type AxiosLikeError = { response?: { status?: number; data?: unknown; headers?: unknown }; code?: string; message?: string };

/** Our HttpInstance for lark.Client: timeout, headers kept, non-zero `code` thrown as FeishuApiError. */
export function createHttpInstance(timeoutMs: number): lark.HttpInstance {
  const base = lark.defaultHttpInstance;
  const request = async (opts: lark.HttpRequestOptions<unknown>): Promise<any> => {
    const wantsHeaders = (opts as { $return_headers?: boolean }).$return_headers === true;
    let res: { data: unknown; headers: unknown };
    try {
      res = await base.request({ ...opts, timeout: timeoutMs, $return_headers: true } as lark.HttpRequestOptions<unknown>);
    } catch (e) {
      const err = e as AxiosLikeError;
      const status = err.response?.status ?? 0;
      const body = err.response?.data as { code?: unknown; msg?: unknown } | undefined;
      const code = typeof body?.code === 'number' ? body.code : null;
      const what = status === 0 ? `no answer (${err.code ?? 'network error'})` : `HTTP ${status}`;
      throw new FeishuApiError(status, code, `${what}${code !== null ? ` code ${code}` : ''}: ${typeof body?.msg === 'string' ? body.msg : err.message ?? ''}`, resetMs(err.response?.headers), { cause: e });
    }
    const data = res.data as { code?: unknown; msg?: unknown } | null;
    if (data && typeof data === 'object' && typeof data.code === 'number' && data.code !== 0) {
      throw new FeishuApiError(200, data.code, `code ${data.code}: ${typeof data.msg === 'string' ? data.msg : ''}`, resetMs(res.headers));
    }
    return wantsHeaders ? res : res.data;
  };
  const withMethod = (method: string) => (url: string, opts?: lark.HttpRequestOptions<unknown>) => request({ ...opts, url, method });
  const withData = (method: string) => (url: string, data?: unknown, opts?: lark.HttpRequestOptions<unknown>) => request({ ...opts, url, data, method });
  return {
    request,
    get: withMethod('GET'),
    delete: withMethod('DELETE'),
    head: withMethod('HEAD'),
    options: withMethod('OPTIONS'),
    post: withData('POST'),
    put: withData('PUT'),
    patch: withData('PATCH'),
  } as lark.HttpInstance;
}

/** Classify any Open API failure for delivery: rate_limited / transient / permanent. */
export function toDeliveryError(e: unknown, what: string): ChatDeliveryError {
  if (e instanceof ChatDeliveryError) return e;
  if (e instanceof FeishuApiError) {
    if (e.status === 429 || (e.feishuCode !== null && RATE_LIMIT_CODES.has(e.feishuCode))) {
      // 230020 is one chat's limit (5 messages/s per chat): the rest of the app may go on.
      const limit = e.feishuCode === CHAT_RATE_LIMIT_CODE ? 'conversation' : 'app';
      return new ChatDeliveryError('rate_limited', `${what}: rate limited (${e.message})`, e.rateLimitResetMs ?? DEFAULT_RATE_LIMIT_WAIT_MS, { cause: e, limit });
    }
    if (e.feishuCode !== null && PERMANENT_CODES.has(e.feishuCode)) return new ChatDeliveryError('permanent', `${what}: ${e.message}`, null, { cause: e });
    if (e.status === 0 || e.status >= 500 || e.status === 401) return new ChatDeliveryError('transient', `${what}: ${e.message}`, null, { cause: e });
    // Other 4xx answers describe our request: retrying the same request cannot succeed.
    if (e.status >= 400) return new ChatDeliveryError('permanent', `${what}: ${e.message}`, null, { cause: e });
    return new ChatDeliveryError('transient', `${what}: ${e.message}`, null, { cause: e });
  }
  return new ChatDeliveryError('transient', `${what}: ${e instanceof Error ? e.message : String(e)}`, null, { cause: e });
}

/**
 * A logger for the SDK. The SDK logs whole axios configs (the token request carries the app secret),
 * the long connection's URL (with its ticket) and, at debug level, every raw event payload
 * (`receive message, …; data: {…}`). So only strings (and error messages) are kept, known secrets
 * are scrubbed, URL query strings dropped and payloads replaced by their size: ids, types and sizes
 * reach our logs, customer data does not. The SDK passes its arguments as one array: flattened here.
 */
export function sdkLogger(logger: Logger, secrets: ReadonlyArray<string | undefined>): lark.Logger {
  const scrub = (s: string) => secrets.reduce<string>((acc, secret) => (secret ? acc.split(secret).join('[redacted]') : acc), s);
  const strings = (args: readonly unknown[]): string[] =>
    args.flatMap((a) => (Array.isArray(a) ? strings(a) : typeof a === 'string' ? [a] : a instanceof Error ? [a.message] : []));
  const text = (args: unknown[]) => sanitizeSdkText(scrub(strings(args).join(' '))).slice(0, 300);
  const to = (level: 'warn' | 'debug' | 'trace', fallback: string) => (...args: unknown[]) => {
    const t = text(args);
    if (t || level === 'warn') logger[level]({ src: 'lark-sdk' }, t || fallback);
  };
  return {
    error: to('warn', 'sdk error'),
    warn: to('warn', 'sdk warning'),
    info: to('debug', ''),
    debug: to('debug', ''),
    trace: to('trace', ''),
  };
}

/** Payloads → their size, URL query strings (tickets) and JSON blobs → a marker. */
export function sanitizeSdkText(s: string): string {
  return s
    .replace(/\bdata: ([\s\S]*)$/, (_m, data: string) => `data: [${Buffer.byteLength(data)} bytes]`)
    .replace(/\b((?:wss?|https?):\/\/[^\s?]+)\?\S*/g, '$1?[query hidden]')
    .replace(/\{[\s\S]*\}/g, (m) => `[${Buffer.byteLength(m)} bytes of JSON]`);
}

/** The SDK's own level, following ours: its info lines are our debug; its debug/trace only when we log them. */
export function sdkLoggerLevel(logger: Logger): lark.LoggerLevel {
  if (logger.isLevelEnabled('trace')) return lark.LoggerLevel.trace;
  if (logger.isLevelEnabled('debug')) return lark.LoggerLevel.debug;
  return lark.LoggerLevel.warn;
}

/** A lark.Client with its own token cache, our HTTP instance and a secret-free logger. */
export function createLarkClient(options: { appId: string; appSecret: string; domain: string; timeoutMs: number; logger: Logger }): lark.Client {
  return new lark.Client({
    appId: options.appId,
    appSecret: options.appSecret,
    domain: options.domain,
    // Own cache per client: the SDK default is one process-wide cache keyed by appId.
    cache: new lark.DefaultCache(),
    httpInstance: createHttpInstance(options.timeoutMs),
    logger: sdkLogger(options.logger, [options.appSecret]),
    loggerLevel: sdkLoggerLevel(options.logger),
  });
}
