import {
  DEFAULT_WEBHOOK_SECRET_GRACE_SECONDS,
  MAX_WEBHOOK_SECRET_GRACE_SECONDS,
  parseEnv,
} from '@omni/service-kit';
import { z } from 'zod';

/** Environment of the ticket API (read once, in main.ts). */
export const TicketsEnv = z.object({
  /** Comma-separated origins allowed to call the API from a browser (`*` for any); none by default. */
  OMNI_API_CORS_ORIGINS: z
    .string()
    .optional()
    .transform((v) =>
      v
        ? v
            .split(',')
            .map((o) => o.trim())
            .filter(Boolean)
        : [],
    ),
  /** Requests per minute per API key. */
  OMNI_API_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().positive().default(1200),
  /** How long a rotated-out webhook secret keeps signing beside the new one (a rotation may say otherwise). */
  OMNI_WEBHOOK_SECRET_GRACE_SECONDS: z.coerce
    .number()
    .int()
    .min(0)
    .max(MAX_WEBHOOK_SECRET_GRACE_SECONDS)
    .default(DEFAULT_WEBHOOK_SECRET_GRACE_SECONDS),
});

export interface ApiSettings {
  corsOrigins: string[];
  rateLimitPerMinute: number;
  webhookSecretGraceSeconds: number;
}

export function apiSettingsFromEnv(env: Record<string, string | undefined>): ApiSettings {
  const parsed = parseEnv(TicketsEnv, env);
  return {
    corsOrigins: parsed.OMNI_API_CORS_ORIGINS,
    rateLimitPerMinute: parsed.OMNI_API_RATE_LIMIT_PER_MINUTE,
    webhookSecretGraceSeconds: parsed.OMNI_WEBHOOK_SECRET_GRACE_SECONDS,
  };
}
