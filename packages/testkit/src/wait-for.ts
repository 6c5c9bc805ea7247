export interface WaitForOptions {
  /** Give up after this long. Default 15 000 ms. */
  timeoutMs?: number;
  /** Pause between probes. Default 50 ms. */
  intervalMs?: number;
  /** What is being waited for, used in the timeout error. */
  description?: string;
}

type Falsy = undefined | null | false;

/**
 * Polls `probe` until it returns a value other than `undefined`, `null` or `false`, and returns
 * that value. A probe that throws counts as "not yet"; its last error is reported on timeout so a
 * failing test says why it waited in vain instead of only that it did.
 */
export async function waitFor<T>(
  probe: () => Promise<T | Falsy> | T | Falsy,
  options: WaitForOptions = {},
): Promise<T> {
  const { timeoutMs = 15_000, intervalMs = 50, description = 'condition' } = options;
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  let attempts = 0;
  for (;;) {
    attempts += 1;
    try {
      const value = await probe();
      if (value !== undefined && value !== null && value !== false) return value;
      lastError = undefined;
    } catch (error) {
      lastError = error;
    }
    if (Date.now() >= deadline) break;
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
  const reason =
    lastError === undefined
      ? 'last probe returned no value'
      : `last probe error: ${lastError instanceof Error ? lastError.message : String(lastError)}`;
  throw new Error(
    `Timed out after ${timeoutMs} ms (${attempts} probes) waiting for ${description}; ${reason}`,
    {
      cause: lastError,
    },
  );
}
