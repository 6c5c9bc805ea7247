import type { z } from 'zod';

/** The first few zod issues on one line (`entry.0.id: expected string`): the reason of an invalid event. */
export function issueSummary(error: z.ZodError): string {
  return error.issues
    .slice(0, 3)
    .map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`)
    .join('; ');
}
