// The held-out generator's own random source (splitmix32 + xorshift mixing), independent of the first
// simulator's PRNG, with the distributions this generator draws from: log-normal, Poisson-log-normal
// (over-dispersed counts), geometric waits and weighted picks.

export class HoldoutRng {
  private s: number;
  constructor(seed: number, stream = 0) {
    this.s = (Math.imul(seed >>> 0, 0x9e3779b1) ^ Math.imul(stream + 0x1234567, 0x85ebca77)) >>> 0;
    for (let i = 0; i < 4; i++) this.u();
  }

  /** Uniform in [0, 1). */
  u(): number {
    let z = (this.s = (this.s + 0x9e3779b9) >>> 0);
    z = Math.imul(z ^ (z >>> 16), 0x21f0aaad);
    z = Math.imul(z ^ (z >>> 15), 0x735a2d97);
    return ((z ^ (z >>> 15)) >>> 0) / 4294967296;
  }

  between(lo: number, hi: number): number { return lo + (hi - lo) * this.u(); }
  /** Integer in [lo, hi] inclusive. */
  int(lo: number, hi: number): number { return lo + Math.floor((hi - lo + 1) * this.u()); }
  yes(p: number): boolean { return this.u() < p; }
  one<T>(xs: readonly T[]): T { return xs[Math.floor(this.u() * xs.length)]!; }

  /** Pick a key by weight. */
  weighted<K extends string>(w: Record<K, number>): K {
    const keys = Object.keys(w) as K[];
    let total = 0;
    for (const k of keys) total += w[k];
    let x = this.u() * total;
    for (const k of keys) if ((x -= w[k]) < 0) return k;
    return keys[keys.length - 1]!;
  }

  /** Standard normal (polar Box–Muller, one value per call). */
  gauss(): number {
    for (;;) {
      const a = 2 * this.u() - 1, b = 2 * this.u() - 1;
      const r = a * a + b * b;
      if (r > 0 && r < 1) return a * Math.sqrt((-2 * Math.log(r)) / r);
    }
  }

  /** Log-normal with the given mean (not median) and log-sd. */
  lognormal(mean: number, sigma: number): number {
    return mean * Math.exp(sigma * this.gauss() - (sigma * sigma) / 2);
  }

  poisson(mean: number): number {
    if (mean <= 0) return 0;
    if (mean > 40) return Math.max(0, Math.round(mean + Math.sqrt(mean) * this.gauss()));
    // Inversion by sequential search (the first simulator multiplies uniforms instead).
    let k = 0, p = Math.exp(-mean), cdf = p;
    const x = this.u();
    while (x > cdf && k < 200) {
      k++;
      p *= mean / k;
      cdf += p;
    }
    return k;
  }

  /** Poisson with a log-normally varying rate: counts more dispersed than Poisson, heavier tail than gamma. */
  overdispersed(mean: number, sigma: number): number {
    return this.poisson(this.lognormal(mean, sigma));
  }

  shuffled<T>(xs: readonly T[]): T[] {
    const out = [...xs];
    for (let i = out.length - 1; i > 0; i--) {
      const j = Math.floor(this.u() * (i + 1));
      [out[i], out[j]] = [out[j]!, out[i]!];
    }
    return out;
  }
}
