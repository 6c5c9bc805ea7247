import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';

const PROBE_TIMEOUT_MS = 3_000;

let cached: Promise<boolean> | undefined;

/**
 * Whether testcontainers can reach a Docker engine. Memoised per process. When there is no hint
 * of an engine at all (no DOCKER_HOST, no socket, no testcontainers config) testcontainers is not
 * even loaded: its runtime discovery is slow and logs on failure, and most machines here have none.
 */
export function isDockerAvailable(): Promise<boolean> {
  cached ??= probe();
  return cached;
}

async function probe(): Promise<boolean> {
  const hinted =
    process.env.DOCKER_HOST !== undefined ||
    existsSync('/var/run/docker.sock') ||
    existsSync(join(homedir(), '.docker', 'run', 'docker.sock')) ||
    existsSync(join(homedir(), '.testcontainers.properties'));
  if (!hinted) return false;
  try {
    const { getContainerRuntimeClient } = await import('testcontainers');
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<false>((resolve) => {
      timer = setTimeout(() => resolve(false), PROBE_TIMEOUT_MS);
      timer.unref();
    });
    const found = getContainerRuntimeClient().then(
      () => true,
      () => false,
    );
    const result = await Promise.race([found, timeout]);
    clearTimeout(timer);
    return result;
  } catch {
    return false;
  }
}
