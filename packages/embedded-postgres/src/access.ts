import { statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';

/** What {@link othersCanTraverse} needs of a path: its mode bits (injectable for tests). */
export type ModeOf = (path: string) => number;

/** A folder not made yet counts as open: it will be created with the usual 0755. */
const statMode: ModeOf = (path) => statSync(path, { throwIfNoEntry: false })?.mode ?? 0o755;

/**
 * Whether a user other than the owner (PostgreSQL's own OS user, when we are root) can walk
 * down to `path`: every directory above it must grant search (`x`) to others. A clone in
 * `/root` (mode 0700) fails this — the usual case in a VM or a container. ACLs are not
 * consulted; a path they open is only copied or relocated needlessly, never broken.
 */
export function othersCanTraverse(path: string, modeOf: ModeOf = statMode): boolean {
  let dir = dirname(resolve(path));
  for (;;) {
    if ((modeOf(dir) & 0o001) === 0) return false;
    const parent = dirname(dir);
    if (parent === dir) return true;
    dir = parent;
  }
}
