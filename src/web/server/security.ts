// Response headers every dashboard page carries: a strict CSP (no script at all, styles only from our
// own origin), no framing, no sniffing, no referrer (a sign-in URL must not leak), no caching.
import { createHash } from 'node:crypto';

const STYLE_ATTR_RE = /\sstyle="([^"]*)"/g;

/**
 * The Content-Security-Policy for a page. Inline SVG from the chart renderer may carry style
 * attributes; rather than allow any inline style, each distinct one in this page is allowed by hash.
 */
export function contentSecurityPolicy(body: string | null): string {
  const hashes = new Set<string>();
  if (body) {
    for (const m of body.matchAll(STYLE_ATTR_RE)) {
      const value = m[1]!.replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
      hashes.add(`'sha256-${createHash('sha256').update(value).digest('base64')}'`);
    }
  }
  const styleAttr = hashes.size > 0 ? `; style-src-attr 'unsafe-hashes' ${[...hashes].join(' ')}` : '';
  return `default-src 'none'; style-src 'self'${styleAttr}; img-src 'self' data:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'`;
}

export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'referrer-policy': 'no-referrer',
  'cross-origin-opener-policy': 'same-origin',
  'cache-control': 'no-store',
};
