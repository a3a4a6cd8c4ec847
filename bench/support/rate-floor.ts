// The rate-limit floor: the least time sliding-window limits allow for `n` calls, all windows at once.
// Greedy is optimal: every call goes at the earliest instant all windows allow, and under "at most
// `limit` calls in any `perMs` span" call k can go no sooner than call k-limit plus perMs, for every
// window. Taking only the binding window (max over windows of (ceil(n/limit)-1)·perMs) undercounts when
// windows combine: at 300/min with ≤ 20 in any second, the 300 calls of each minute need 15 seconds of
// it, so 600 calls take 74 s, not 60.
export interface FloorWindow {
  limit: number;
  perMs: number;
}

/** Time from the first call to the last (ms); 0 for n ≤ 1 or no windows. */
export function rateLimitFloorMs(n: number, windows: readonly FloorWindow[]): number {
  if (n <= 1 || windows.length === 0) return 0;
  const t = new Float64Array(n);
  for (let k = 1; k < n; k++) {
    let at = t[k - 1]!;
    for (const w of windows) if (k >= w.limit) at = Math.max(at, t[k - w.limit]! + w.perMs);
    t[k] = at;
  }
  return t[n - 1]!;
}
