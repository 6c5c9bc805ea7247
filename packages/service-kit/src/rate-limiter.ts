import { BoundedMap } from './bounded-map';

/**
 * A sliding-window counter per key, in memory. Each replica counts on its own, so with N
 * replicas behind a balancer the effective limit is up to N times the configured one — an
 * accepted trade for public endpoints whose limits exist to stop floods, not to meter exact usage.
 */
export class RateLimiter {
  private readonly hits: BoundedMap<string, number[]>;

  constructor(
    private readonly max: number,
    private readonly windowMs: number,
    /** Bounds memory under a flood of distinct keys (spoofed contacts): the least recently used go first. */
    maxKeys = 100_000,
  ) {
    this.hits = new BoundedMap(maxKeys);
  }

  /** Whether one more hit is allowed now; when not, how long until it is. Does not count. */
  check(key: string, now: number): { ok: true } | { ok: false; retryAfterMs: number } {
    const recent = this.recent(key, now);
    if (recent.length < this.max) return { ok: true };
    return { ok: false, retryAfterMs: Math.max(1, (recent[0] ?? now) + this.windowMs - now) };
  }

  record(key: string, now: number): void {
    const recent = this.recent(key, now);
    recent.push(now);
    this.hits.refresh(key, recent);
  }

  private recent(key: string, now: number): number[] {
    const list = this.hits.get(key) ?? [];
    const from = now - this.windowMs;
    let drop = 0;
    while (drop < list.length && (list[drop] ?? 0) <= from) drop++;
    if (drop > 0) list.splice(0, drop);
    if (list.length === 0) this.hits.delete(key);
    return list;
  }
}
