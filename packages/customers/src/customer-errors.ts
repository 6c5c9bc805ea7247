import { ERROR_CODES, OmniError } from '@omni/contracts';

/**
 * Codes of the errors this package throws, with the HTTP status the API answers them
 * with. All are permanent (`retriable: false`) except `customer-merged-concurrently`.
 */
export const CUSTOMER_ERROR_STATUS = {
  [ERROR_CODES.customerNotFound]: 404,
  [ERROR_CODES.mergeNotFound]: 404,
  /** Merging a customer into itself. */
  [ERROR_CODES.mergeSelf]: 422,
  /** One of the two customers was already merged away (details: `customerId`, `mergedInto`). */
  [ERROR_CODES.customerMerged]: 409,
  /** The merge was already undone. */
  [ERROR_CODES.mergeUndone]: 409,
  /** The survivor was merged into a third customer since: undo that merge first (details: `mergedInto`). */
  [ERROR_CODES.mergeSuperseded]: 409,
} as const;
export type CustomerErrorCode = keyof typeof CUSTOMER_ERROR_STATUS;

export function customerError(
  code: CustomerErrorCode,
  message: string,
  details?: Record<string, unknown>,
): OmniError {
  return new OmniError(code, message, { retriable: false, details });
}
