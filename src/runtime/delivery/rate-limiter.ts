import type { ChatPort } from '../../app/ports/chat.port.js';
// Rate limits keyed by scope, so one fan-out stays inside every platform limit at once (per
// channel/chat and per workspace/app). Sliding windows: never more than `limit` calls in ANY span
// of `perMs` (a token bucket lets burst + rate through in a second, which overshoots "50/s").
// A pure calculator (tryAcquire) plus a thin async wrapper (acquire).
//
// Counted where the platform counts: the platform stamps a call when it ARRIVES, which is somewhere
// between our acquire and the answer. A call is counted at acquire (so concurrent callers see it) and,
// once answered, its stamp moves to the answer time (`done`/`refused`/`failed`): the window then frees
// no sooner than it can have freed at the platform, whatever the latency and its jitter. Counting only
// at acquire lets a call that left fast land inside the window of one that left slowly → 429.
//
// Adaptive: the configured limits are the budget a scope starts at and may never exceed. When the
// platform answers 429 anyway (a workspace with a smaller quota, other apps sharing it), the scope waits
// exactly as long as it was told (Retry-After / x-ogw-ratelimit-reset, to the millisecond the adapter
// parsed) and its budget is cut once (multiplicative decrease; more 429s for calls that left before the
// cut say nothing new); every run of successful calls afterwards gives a share back (additive
// increase), so pacing probes back up to the configured budget once the platform stops refusing.
//
// Replicas: N bot processes share one workspace's budget. Each is told its fleet share of the app-wide
// kinds (setFleetShare: 1/N), and the pauses the others were told (hold); its own pauses are announced
// to a listener (onPause) that passes them on. See fleet-pacing.ts.

/** At most `limit` calls within any `perMs` window. */
export interface WindowLimit {
  limit: number;
  perMs: number;
}

/**
 * Limits by scope kind. A scope key is `kind:id` (e.g. `slack.channel:D123`); every limit of its
 * kind applies (Feishu's app has both a per-second and a per-minute limit). Unknown kinds are free.
 */
export type RateLimits = Record<string, readonly WindowLimit[]>;

/** Every connected platform's own windows (each adapter's limits.ts says what its platform allows). */
export function limitsOf(ports: Readonly<Record<string, ChatPort | undefined>>): RateLimits {
  return Object.assign({}, ...Object.values(ports).map((p) => p?.delivery?.windows ?? {})) as RateLimits;
}

interface Window {
  rule: WindowLimit;
  /** Times of the calls inside the window, ascending. */
  stamps: number[];
}

interface Scope {
  kind: string;
  windows: Window[];
  pausedUntil: number;
  /** Share of the configured budget in use, (0, 1]: cut on each 429, grown back by successes. */
  share: number;
  /** Successful calls since the share last changed. */
  streak: number;
  /** When the share was last cut: a 429 for a call counted before this is the same episode. */
  cutAt: number;
}

/** One call counted against its scopes; hand it back with done/refused/failed once answered. */
export interface Permit {
  readonly keys: readonly string[];
  /** When it was counted (the limiter's clock). */
  readonly at: number;
  /** How long acquire waited for it. */
  readonly waitedMs: number;
  /** Platform calls it stands for (a long card posts several messages); default 1. */
  readonly calls?: number;
}

/** How adaptive pacing reacts. */
export interface AdaptivePacing {
  /** The share kept after a 429 (multiplicative decrease). */
  cut: number;
  /** The share given back after `probeAfter` successes in a row (additive increase). */
  step: number;
  probeAfter: number;
  /** Never below this share of the budget. */
  floor: number;
}

export const DEFAULT_PACING: AdaptivePacing = { cut: 0.7, step: 0.1, probeAfter: 20, floor: 0.05 };

const PRUNE_AT = 10_000;

export class RateLimiter {
  private readonly scopes = new Map<string, Scope>();
  /** Fraction of the budget this process may use, by scope kind (replicas split app-wide kinds). */
  private readonly fleet = new Map<string, number>();
  private pauseListener: ((keys: readonly string[], ms: number) => void) | null = null;
  private readonly fractionOf = (s: Scope): number => s.share * (this.fleet.get(s.kind) ?? 1);

  constructor(
    private readonly limits: RateLimits = {},
    /** Milliseconds since the epoch; injectable for tests. */
    private readonly now: () => number = Date.now,
    private readonly pacing: AdaptivePacing = DEFAULT_PACING,
  ) {
    for (const [kind, list] of Object.entries(limits)) {
      for (const l of list) {
        if (!(Number.isInteger(l.limit) && l.limit >= 1) || !(l.perMs > 0)) {
          throw new RangeError(`rate limit ${kind}: limit must be an integer ≥ 1 and perMs > 0`);
        }
      }
    }
  }

  /**
   * Count one call against every scope in `keys` if all allow it now: returns 0.
   * Otherwise counts nothing and returns the ms to wait before asking again.
   */
  tryAcquire(keys: readonly string[], calls = 1): number {
    return this.take(keys, calls).wait;
  }

  private take(keys: readonly string[], calls: number): { wait: number; at: number } {
    const t = this.now();
    const scopes = keys.map((k) => this.scope(k, t));
    const wait = waitOf(scopes, t, this.fractionOf, calls);
    if (wait > 0) return { wait, at: t };
    for (const s of scopes) for (const w of s.windows) for (let i = 0; i < calls; i++) w.stamps.push(t);
    return { wait: 0, at: t };
  }

  /** The wait needed now for `keys`, counting nothing. */
  peek(keys: readonly string[]): number {
    const t = this.now();
    return waitOf(keys.map((k) => this.scope(k, t)), t, this.fractionOf);
  }

  /**
   * The platform said "wait `ms`" (429 Retry-After): nothing goes to these scopes until exactly then,
   * and their budget is cut so the next calls come slower — once per episode: when `sentAt` (the time
   * the refused call was counted) is before the last cut, the cut already answered that overload.
   */
  pause(keys: readonly string[], ms: number, sentAt: number = Infinity): void {
    const t = this.now();
    for (const k of keys) {
      const s = this.scope(k, t);
      s.pausedUntil = Math.max(s.pausedUntil, t + Math.max(0, ms));
      if (sentAt >= s.cutAt) {
        s.share = Math.max(this.pacing.floor, s.share * this.pacing.cut);
        s.cutAt = t;
      }
      s.streak = 0;
    }
    this.pauseListener?.(keys, ms);
  }

  /** Another replica was told to leave these scopes alone for `ms`: wait as well (the budget is not cut here). */
  hold(keys: readonly string[], ms: number): void {
    const t = this.now();
    for (const k of keys) {
      const s = this.scope(k, t);
      s.pausedUntil = Math.max(s.pausedUntil, t + Math.max(0, ms));
    }
  }

  /** Replicas: this process may use `fraction` (0, 1] of every `kinds` budget (1 / the replicas alive). */
  setFleetShare(kinds: readonly string[], fraction: number): void {
    if (!(fraction > 0 && fraction <= 1)) throw new RangeError(`fleet share must be in (0, 1], got ${fraction}`);
    for (const kind of kinds) this.fleet.set(kind, fraction);
  }

  /** The fraction of `kind`'s budget this process may use (1 unless replicas share it). */
  fleetShareOf(kind: string): number {
    return this.fleet.get(kind) ?? 1;
  }

  /** Told of every pause this limiter takes from a platform answer (not of those taken by hold()). */
  onPause(listener: ((keys: readonly string[], ms: number) => void) | null): void {
    this.pauseListener = listener;
  }

  /** A call counted against `keys` went through: a cut budget grows back, step by step. */
  succeeded(keys: readonly string[]): void {
    const t = this.now();
    for (const k of keys) {
      const s = this.scope(k, t);
      if (s.share >= 1) continue;
      if (++s.streak >= this.pacing.probeAfter) {
        s.share = Math.min(1, s.share + this.pacing.step);
        s.streak = 0;
      }
    }
  }

  /** The permit's call was answered with success: counted at the answer, and a cut budget probes up. */
  done(permit: Permit): void {
    this.restamp(permit);
    this.succeeded(permit.keys);
  }

  /**
   * The permit's call was refused with 429: counted at the answer (the platform may count refusals),
   * and when the platform said how long, paused exactly that long and cut once (see pause()).
   * Without a wait, the budget is still cut: pacing slows down rather than guessing a pause. `only`:
   * the platform said whose budget ran out (one conversation), so only those scopes wait.
   */
  refused(permit: Permit, retryAfterMs: number | null, only?: readonly string[]): void {
    this.restamp(permit);
    this.pause(only ? permit.keys.filter((k) => only.includes(k)) : permit.keys, retryAfterMs ?? 0, permit.at);
  }

  /** The permit's call failed otherwise (or its outcome is unknown): counted at the answer, no pacing change. */
  failed(permit: Permit): void {
    this.restamp(permit);
  }

  /** The share of its configured budget a scope is paced at now (1 = the whole budget). */
  shareOf(key: string): number {
    return this.scopes.get(key)?.share ?? 1;
  }

  /** Await until the call is counted; returns its permit. `sleep` is injectable (fake clocks). */
  async acquire(keys: readonly string[], sleep: (ms: number) => Promise<void> = realSleep, calls = 1): Promise<Permit> {
    let waited = 0;
    for (;;) {
      const { wait, at } = this.take(keys, calls);
      if (wait === 0) return { keys, at, waitedMs: waited, calls };
      waited += wait;
      await sleep(wait);
    }
  }

  /** The permit's call was never made (shutting down): uncounted. */
  cancel(permit: Permit): void {
    const t = this.now();
    for (const k of permit.keys) {
      for (const w of this.scope(k, t).windows) {
        for (let n = 0; n < (permit.calls ?? 1); n++) {
          const i = w.stamps.lastIndexOf(permit.at);
          if (i >= 0) w.stamps.splice(i, 1);
        }
      }
    }
  }

  // Move the call's stamp from its acquire time to now (the latest it can have arrived). Now is never
  // before any stamp, so the stamps stay in order. A stamp already gone (the call outlived its window)
  // is counted again at now: it may have arrived that late.
  private restamp(permit: Permit): void {
    const t = this.now();
    for (const k of permit.keys) {
      const s = this.scope(k, t);
      for (const w of s.windows) {
        for (let n = 0; n < (permit.calls ?? 1); n++) {
          const i = w.stamps.lastIndexOf(permit.at);
          if (i >= 0) w.stamps.splice(i, 1);
          w.stamps.push(t);
        }
      }
    }
  }

  private scope(key: string, t: number): Scope {
    let s = this.scopes.get(key);
    if (!s) {
      if (this.scopes.size >= PRUNE_AT) this.prune(t);
      const colon = key.indexOf(':');
      const kind = colon < 0 ? key : key.slice(0, colon);
      const list = this.limits[kind] ?? [];
      s = { kind, windows: list.map((rule) => ({ rule, stamps: [] })), pausedUntil: 0, share: 1, streak: 0, cutAt: -Infinity };
      this.scopes.set(key, s);
    }
    for (const w of s.windows) {
      let drop = 0;
      while (drop < w.stamps.length && (w.stamps[drop] as number) <= t - w.rule.perMs) drop++;
      if (drop) w.stamps.splice(0, drop);
    }
    return s;
  }

  // Forget idle scopes (one per DM channel adds up over months).
  private prune(t: number): void {
    for (const [k, s] of this.scopes) {
      if (s.pausedUntil <= t && s.share >= 1 && s.windows.every((w) => (w.stamps.at(-1) ?? -Infinity) <= t - w.rule.perMs)) this.scopes.delete(k);
    }
  }
}

function waitOf(scopes: Scope[], t: number, fractionOf: (s: Scope) => number, calls = 1): number {
  let wait = 0;
  for (const s of scopes) {
    wait = Math.max(wait, s.pausedUntil - t);
    for (const w of s.windows) {
      // Room for `calls` more: wait until enough counted calls leave the window. A cut budget fills
      // sooner; more calls than the whole window holds wait for an empty window.
      const limit = Math.max(1, Math.floor(w.rule.limit * fractionOf(s)));
      const need = Math.min(calls, limit);
      const over = w.stamps.length + need - limit;
      if (over > 0) wait = Math.max(wait, (w.stamps[over - 1] as number) + w.rule.perMs - t);
    }
  }
  return Math.max(0, Math.ceil(wait));
}

export const realSleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
