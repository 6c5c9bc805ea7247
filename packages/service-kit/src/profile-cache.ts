import type { Logger } from 'pino';
import { BoundedMap } from './bounded-map';

export interface ProfileCacheOptions {
  ttlMs?: number;
  maxEntries?: number;
  log: Logger;
}

/**
 * Sender profiles (names, pictures) looked up in the background: `peek` answers from the
 * cache at once and, on a miss, starts one lookup for later messages. Ingestion never
 * waits for the platform's profile API, and a failed lookup only costs a display name.
 */
export class ProfileCache<P> {
  private readonly entries: BoundedMap<string, { value: P | undefined; expires: number }>;
  private readonly inFlight = new Map<string, Promise<void>>();
  private readonly ttlMs: number;

  constructor(
    private readonly lookup: (id: string) => Promise<P | undefined>,
    private readonly opts: ProfileCacheOptions,
  ) {
    this.ttlMs = opts.ttlMs ?? 6 * 3600_000;
    this.entries = new BoundedMap(opts.maxEntries ?? 10_000);
  }

  peek(id: string, now = Date.now()): P | undefined {
    const hit = this.entries.get(id);
    if (hit && hit.expires > now) return hit.value;
    if (!this.inFlight.has(id)) {
      const run = this.lookup(id)
        .then(
          (value) => this.remember(id, value, now),
          (err: unknown) => {
            this.opts.log.debug({ err, senderId: id }, 'profile lookup failed');
            // Remember the miss briefly so a broken lookup is not retried per message.
            this.remember(id, hit?.value, now - this.ttlMs + 60_000);
          },
        )
        .finally(() => this.inFlight.delete(id));
      this.inFlight.set(id, run);
    }
    return hit?.value;
  }

  /** Waits for the lookups in flight (shutdown, tests). */
  async settle(): Promise<void> {
    await Promise.allSettled([...this.inFlight.values()]);
  }

  private remember(id: string, value: P | undefined, now: number): void {
    this.entries.set(id, { value, expires: now + this.ttlMs });
  }
}
