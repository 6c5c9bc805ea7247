/**
 * What a channel's adapter provides (`services/<adapter>/test/conformance.kit.ts`, default
 * export) so the conformance suite of `services/channels` can run every check against it:
 * its fake platform, an account pointing there, and the platform's requests. A channel is
 * checked by being registered; a check that cannot apply as written is answered with what
 * the channel does instead, and why — never skipped silently.
 */
export interface ConformanceKit {
  /** Starts the fake platform (and whatever else the channel talks to) for one account. */
  start(env: { apiKey: string }): Promise<ConformancePlatform>;
}

/**
 * A channel whose accounts receive in more than one way (a webhook, long polling) exports
 * one kit per mode, by name (`{ webhook: kit, polling: kit }`); each runs every check.
 */
export type ConformanceKits = ConformanceKit | Readonly<Record<string, ConformanceKit>>;

/**
 * An update the adapter fetches itself (long polling): handing it over puts it in the fake
 * platform's queue, as the platform would on the customer's behalf. Nothing answers it;
 * the adapter confirms it to the platform only once the bus accepted it.
 */
export interface PolledUpdate {
  readonly polled: true;
  hand(): void;
}

/** What the platform passes to the adapter: a request to its server, or an update it polls for. */
export type PlatformDelivery = PlatformRequest | PolledUpdate;

/** One request as the platform (or, for email, an MTA; for a web form, a browser) sends it. */
export interface PlatformRequest {
  /** Path on the adapter's server: `/channels/telegram/<account>/webhook`. */
  path: string;
  headers: Record<string, string>;
  body: string | Buffer;
}

/** One customer message: `sender` and `id` are small positive integers, unique per check. */
export interface ConformanceMessage {
  sender: number;
  id: number;
  text: string;
}

export interface ConformancePlatform {
  /** The account entry of `channels.<channel>` in the YAML file, pointing at the fake. */
  account: Record<string, unknown> & { account: string };
  /** The message, signed as the platform signs it (or queued for the adapter's poller). */
  message(m: ConformanceMessage): PlatformDelivery;
  /** The same message with a wrong signature or secret (or the channel's equivalent guard, named in `why`). */
  badlySigned(m: ConformanceMessage): PlatformRequest & { why: string };
  /**
   * A request the platform would never send, correctly authenticated. A channel that keeps
   * what it cannot read (flagged malformed, raw form stored: email) names the text it is
   * stored with in `keptAs`; otherwise it is refused with a 4xx or dead-lettered.
   */
  malformed(): PlatformDelivery & { keptAs?: string };
  /**
   * The status the adapter answers while the bus is down, making the platform retry. A
   * polling mode names instead how the platform shows that an update was not confirmed:
   * `refetched(m)` is true once the adapter asked for the same update again.
   */
  busDownStatus: number | { refetched(m: ConformanceMessage): boolean };
  /** Texts the fake platform received as replies to this sender, in order (channels that carry replies). */
  repliesTo(sender: number): string[];
  /** What the platform sends back about our reply to this sender, or why it sends nothing. */
  echoOf(reply: { sender: number; text: string }): PlatformDelivery | { none: string };
  /**
   * Called once the adapter listens, with its base URL: for channels whose customers read
   * replies back from the adapter itself (the live chat's visitors) rather than from a platform.
   */
  attach?(adapterUrl: string): void;
  stop(): Promise<void>;
}
