// Web API failures → ChatDeliveryError, so the outbox knows whether to wait, retry or give up.
import { ChatDeliveryError } from '../../../src/app/ports/chat.port.js';

/** Slack `error` codes that a later retry may cure. Everything else is permanent. */
const TRANSIENT = new Set([
  'internal_error', 'fatal_error', 'service_unavailable', 'request_timeout', 'timeout', 'rate_limited',
  'team_added_to_org', 'ekm_access_denied',
]);

/** Pull the HTTP status, platform error code or network cause out of a @slack/web-api error. */
export function toDeliveryError(err: unknown, method: string): ChatDeliveryError {
  if (err instanceof ChatDeliveryError) return err;
  const e = err as { code?: string; retryAfter?: number; statusCode?: number; headers?: Record<string, string>; data?: { error?: string }; message?: string };
  const what = `slack ${method}`;
  switch (e?.code) {
    case 'slack_webapi_rate_limited_error': {
      const seconds = typeof e.retryAfter === 'number' && Number.isFinite(e.retryAfter) ? e.retryAfter : 1;
      return new ChatDeliveryError('rate_limited', `${what}: rate limited`, Math.max(0, seconds * 1000), { cause: err });
    }
    case 'slack_webapi_http_error': {
      const status = e.statusCode ?? 0;
      if (status === 429) {
        const ra = Number.parseInt(e.headers?.['retry-after'] ?? '', 10);
        return new ChatDeliveryError('rate_limited', `${what}: HTTP 429`, Number.isFinite(ra) ? ra * 1000 : null, { cause: err });
      }
      const kind = status >= 500 || status === 408 ? 'transient' : 'permanent';
      return new ChatDeliveryError(kind, `${what}: HTTP ${status}`, null, { cause: err });
    }
    case 'slack_webapi_request_error':
      // Network failure, dropped connection or our timeout: the request may or may not have landed.
      return new ChatDeliveryError('transient', `${what}: request failed`, null, { cause: err });
    case 'slack_webapi_platform_error': {
      const code = e.data?.error ?? 'unknown_error';
      if (code === 'ratelimited') return new ChatDeliveryError('rate_limited', `${what}: ${code}`, null, { cause: err });
      return new ChatDeliveryError(TRANSIENT.has(code) ? 'transient' : 'permanent', `${what}: ${code}`, null, { cause: err });
    }
    default:
      return new ChatDeliveryError('transient', `${what}: ${e?.message ?? 'unknown failure'}`, null, { cause: err });
  }
}

/** The platform error code of a Web API error, if it is one (`users_not_found`, …). */
export function platformErrorCode(err: unknown): string | null {
  const e = err as { code?: string; data?: { error?: string } };
  return e?.code === 'slack_webapi_platform_error' ? (e.data?.error ?? null) : null;
}
