// RADAR_RATE_LIMITS: the outbox's send budgets for workspaces with other quotas than the documented
// defaults. A comma-separated list of `scope=LIMIT/UNIT[+LIMIT/UNIT…]`, units s, min or h, e.g.
//   RADAR_RATE_LIMITS=slack.workspace=100/min+10/s,feishu.app=20/s+600/min
// Each named scope replaces that scope's default windows; scopes not named keep their defaults.
import type { RateLimits, WindowLimit } from './rate-limiter.js';

const UNIT_MS: Record<string, number> = { s: 1_000, min: 60_000, h: 3_600_000 };

export class RateLimitsSpecError extends Error {
  readonly code = 'invalid_rate_limits';
  constructor(message: string) {
    super(`RADAR_RATE_LIMITS: ${message}`);
    this.name = 'RateLimitsSpecError';
  }
}

function parseWindows(scope: string, text: string): WindowLimit[] {
  return text.split('+').map((part) => {
    const m = /^\s*(\d+)\s*\/\s*(s|min|h)\s*$/.exec(part);
    if (!m || Number(m[1]) < 1) throw new RateLimitsSpecError(`${scope}: expected LIMIT/UNIT such as 300/min or 20/s (units s, min, h; limit ≥ 1), got "${part.trim()}"`);
    return { limit: Number(m[1]), perMs: UNIT_MS[m[2]!]! };
  });
}

/**
 * The defaults (the platforms' own windows, from each adapter's limits.ts) with the spec's scopes replaced;
 * throws RateLimitsSpecError naming the scope at fault.
 */
export function parseRateLimits(spec: string | null | undefined, defaults: RateLimits): RateLimits {
  const limits: Record<string, readonly WindowLimit[]> = { ...defaults };
  if (!spec || !spec.trim()) return limits;
  for (const item of spec.split(',').map((s) => s.trim()).filter(Boolean)) {
    const eq = item.indexOf('=');
    const scope = eq > 0 ? item.slice(0, eq).trim() : '';
    if (!scope) throw new RateLimitsSpecError(`expected scope=LIMIT/UNIT, got "${item}"`);
    if (!(scope in defaults)) throw new RateLimitsSpecError(`${scope}: unknown scope (expected one of ${Object.keys(defaults).join(', ')})`);
    limits[scope] = parseWindows(scope, item.slice(eq + 1));
  }
  return limits;
}
