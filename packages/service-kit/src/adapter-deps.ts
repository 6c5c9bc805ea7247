import type { Bus } from '@omni/bus';
import type { BlobStore } from '@omni/db';
import type { Logger } from 'pino';
import type { OmniConfig } from './omni-config';
import type { OutboundGuard } from './outbound-guard';

/** Retry tuning of an adapter's outbound consumer (tests shorten it). */
export interface OutboundTuning {
  maxAttempts?: number;
  initialBackoffMs?: number;
  maxBackoffMs?: number;
  /** Wait before retrying a rate-limited send when the platform names no time. */
  rateLimitDelayMs?: number;
  groupId?: string;
}

/** What a channel adapter that stores files is built from (its `build…Adapter(deps)`). */
export interface AdapterDeps {
  config: OmniConfig;
  bus: Bus;
  log: Logger;
  /** Where attachments are stored at ingestion and read from for replies. */
  blobs: BlobStore;
  /** Injected for tests; the adapter reads no clock of its own otherwise. */
  now?: () => Date;
  /** The platform API's calls (tests, fakes). */
  fetchImpl?: typeof fetch;
  /** URLs taken from payloads are fetched under this policy (default: no allowlist). */
  outboundGuard?: OutboundGuard;
  outbound?: OutboundTuning;
}
