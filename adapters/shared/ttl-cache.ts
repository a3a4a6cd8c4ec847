// A small bounded cache whose entries expire, for user lookups (email → platform user id): a found id
// is kept for hours, a miss for minutes (the person may join the workspace soon).

export interface TtlCacheOptions {
  /** How long a found value is kept. */
  ttlMs: number;
  /** How long a miss (null) is kept; default `ttlMs`. */
  missTtlMs?: number;
  /** Most entries kept; the oldest written goes first. Default 10,000. */
  maxEntries?: number;
  now?: () => number;
}

export class TtlCache<V> {
  private readonly entries = new Map<string, { value: V | null; until: number }>();
  private readonly now: () => number;

  constructor(private readonly opts: TtlCacheOptions) {
    this.now = opts.now ?? Date.now;
  }

  /** The cached value (null for a cached miss), or undefined when nothing fresh is cached. */
  get(key: string): V | null | undefined {
    const hit = this.entries.get(key);
    if (!hit) return undefined;
    if (hit.until <= this.now()) {
      this.entries.delete(key);
      return undefined;
    }
    return hit.value;
  }

  set(key: string, value: V | null): void {
    const ttl = value === null ? this.opts.missTtlMs ?? this.opts.ttlMs : this.opts.ttlMs;
    this.entries.delete(key);
    this.entries.set(key, { value, until: this.now() + ttl });
    const max = this.opts.maxEntries ?? 10_000;
    while (this.entries.size > max) this.entries.delete(this.entries.keys().next().value!);
  }
}

/** Email → user id lookups on every platform: a found id is kept 6 hours, a miss 10 minutes. */
export const EMAIL_LOOKUP_TTL = { ttlMs: 6 * 60 * 60 * 1000, missTtlMs: 10 * 60 * 1000 } as const;
