import type { DeliveryReport } from '@omni/contracts';
import { BoundedMap } from '@omni/service-kit';

interface Sent {
  messageId: string;
  mid: string;
  psid: string;
  at: number;
}

/**
 * The replies this process sent recently: `mid` → our message id, and per customer the
 * sends a read watermark covers. Messenger's delivery and read events name mids and
 * times, never our ids; with this log the reports name our message (`messageId`), which
 * the ticket service matches directly. Reports about sends of another replica (or before
 * a restart) keep the mid / watermark form (see README, "Matching delivered/read reports").
 */
export class SentLog {
  private readonly byMid: BoundedMap<string, Sent>;

  constructor(
    private readonly ttlMs = 24 * 3600_000,
    maxEntries = 50_000,
  ) {
    this.byMid = new BoundedMap(maxEntries);
  }

  record(entry: Sent): void {
    this.byMid.set(entry.mid, entry);
  }

  /** Reports naming our messages where this log knows them; the others unchanged. */
  resolve(report: DeliveryReport, now = Date.now()): DeliveryReport[] {
    this.expire(now);
    if (report.externalId) {
      const sent = this.byMid.get(report.externalId);
      return [sent ? { ...report, messageId: sent.messageId } : report];
    }
    if (report.watermark && report.recipientExternalId) {
      const upTo = Date.parse(report.watermark);
      const covered = [...this.byMid.values()].filter(
        (s) => s.psid === report.recipientExternalId && s.at <= upTo,
      );
      if (covered.length === 0) return [report];
      if (report.status === 'read') for (const s of covered) this.byMid.delete(s.mid);
      return covered.map((s) => ({ ...report, messageId: s.messageId, externalId: s.mid }));
    }
    return [report];
  }

  private expire(now: number): void {
    for (const [mid, s] of this.byMid) {
      if (s.at + this.ttlMs > now) break;
      this.byMid.delete(mid);
    }
  }
}
