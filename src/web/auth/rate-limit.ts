// A fixed-window counter per key (the client address): sign-in attempts beyond the budget get 429.
// In memory on purpose: one process serves the dashboard, and a restart forgiving everyone is fine.
export interface RateLimiter {
  /** Count one attempt; false when the key is over budget for the current window. */
  hit(key: string, nowMs: number): boolean;
}

export function createRateLimiter(options: { max: number; windowMs: number; maxKeys?: number }): RateLimiter {
  const windows = new Map<string, { start: number; count: number }>();
  const maxKeys = options.maxKeys ?? 10_000;
  return {
    hit(key, nowMs) {
      let w = windows.get(key);
      if (!w || nowMs - w.start >= options.windowMs) {
        // Bound memory under a flood of distinct addresses: drop finished windows, then the oldest.
        if (windows.size >= maxKeys) {
          for (const [k, v] of windows) if (nowMs - v.start >= options.windowMs) windows.delete(k);
          if (windows.size >= maxKeys) windows.delete(windows.keys().next().value as string);
        }
        w = { start: nowMs, count: 0 };
        windows.set(key, w);
      }
      w.count += 1;
      return w.count <= options.max;
    },
  };
}
