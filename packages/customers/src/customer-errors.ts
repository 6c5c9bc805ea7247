import { OmniError } from '@omni/contracts';

/**
 * Codes of the errors this package throws, with the HTTP status the API answers them
 * with. All are permanent (`retriable: false`) except `customer-merged-concurrently`.
 */
export const CUSTOMER_ERROR_STATUS = {
  'customer-not-found': 404,
  'merge-not-found': 404,
  /** Merging a customer into itself. */
  'merge-self': 422,
  /** One of the two customers was already merged away (details: `customerId`, `mergedInto`). */
  'customer-merged': 409,
  /** The merge was already undone. */
  'merge-undone': 409,
  /** The survivor was merged into a third customer since: undo that merge first (details: `mergedInto`). */
  'merge-superseded': 409,
} as const;
export type CustomerErrorCode = keyof typeof CUSTOMER_ERROR_STATUS;

export function customerError(
  code: CustomerErrorCode,
  message: string,
  details?: Record<string, unknown>,
): OmniError {
  return new OmniError(code, message, { retriable: false, details });
}
