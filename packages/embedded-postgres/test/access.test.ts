import { chmodSync, mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { othersCanTraverse } from '../src/access';
import { reachableBinaries } from '../src/binaries';

describe('othersCanTraverse', () => {
  const modes: Record<string, number> = { '/': 0o755, '/root': 0o700, '/root/omni': 0o755, '/srv': 0o755 };
  const modeOf = (path: string) => modes[path] ?? 0o755;

  it('is false under a folder closed to others (a clone in a 0700 /root)', () => {
    expect(othersCanTraverse('/root/omni/.data/pg', modeOf)).toBe(false);
  });

  it('is true when every folder above grants search to others', () => {
    expect(othersCanTraverse('/srv/omni/.data/pg', modeOf)).toBe(true);
  });

  it('ignores the mode of the path itself (the server user is given it)', () => {
    expect(othersCanTraverse('/root', modeOf)).toBe(true);
  });
});

describe('reachableBinaries', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'omni-pgbin-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  function installedUnder(home: string) {
    const root = join(home, 'native');
    mkdirSync(join(root, 'bin'), { recursive: true });
    mkdirSync(join(root, 'share'), { recursive: true });
    writeFileSync(join(root, 'bin', 'postgres'), '#!/bin/sh\n', { mode: 0o700 });
    writeFileSync(join(root, 'bin', 'initdb'), '#!/bin/sh\n', { mode: 0o700 });
    writeFileSync(join(root, 'share', 'postgres.bki'), 'x', { mode: 0o600 });
    return {
      root,
      initdb: join(root, 'bin', 'initdb'),
      postgres: join(root, 'bin', 'postgres'),
      version: '18.0.0-test',
    };
  }

  it('copies binaries out of a closed folder into a shared one, readable and executable by all', () => {
    chmodSync(dir, 0o755);
    const closed = join(dir, 'home');
    mkdirSync(closed, { mode: 0o700 });
    chmodSync(closed, 0o700);
    const installed = installedUnder(closed);
    const copies = join(dir, 'shared');

    const used = reachableBinaries(installed, copies);

    expect(used.root.startsWith(copies)).toBe(true);
    expect(statSync(used.postgres).mode & 0o777).toBe(0o755);
    expect(statSync(join(used.root, 'share', 'postgres.bki')).mode & 0o777).toBe(0o644);
    expect(othersCanTraverse(used.initdb)).toBe(true);
    // The second start reuses the copy.
    expect(reachableBinaries(installed, copies)).toEqual(used);
  });

  it('uses binaries in place when others can reach them', () => {
    const open = join(dir, 'open');
    mkdirSync(open, { mode: 0o755 });
    chmodSync(dir, 0o755);
    chmodSync(open, 0o755);
    const installed = installedUnder(open);
    expect(reachableBinaries(installed, join(dir, 'shared'))).toEqual(installed);
  });
});
