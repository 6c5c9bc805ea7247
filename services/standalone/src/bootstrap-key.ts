import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { generateApiKey } from '@omni/tickets';

/**
 * The API key a newcomer uses on first run: `OMNI_BOOTSTRAP_API_KEY` if set, else one
 * generated once and kept in `<dataDir>/bootstrap-api-key` (mode 0600).
 */
export function launcherApiKey(dataDir: string, fromEnv: string | undefined): { key: string; file?: string } {
  if (fromEnv) return { key: fromEnv };
  const file = join(dataDir, 'bootstrap-api-key');
  if (existsSync(file)) return { key: readFileSync(file, 'utf8').trim(), file };
  mkdirSync(dataDir, { recursive: true, mode: 0o755 });
  const key = generateApiKey();
  writeFileSync(file, `${key}\n`, { mode: 0o600 });
  return { key, file };
}
