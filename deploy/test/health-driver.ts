import type { Podman } from './podman';

interface Checked {
  id: string;
  name: string;
  intervalMs: number;
  due: number;
}

/**
 * Podman runs health checks from systemd timers; without systemd (these machines, most
 * containers) nobody runs them, health stays "starting" and `depends_on: service_healthy`
 * waits forever. This runs `podman healthcheck run` for each running container with a check,
 * at that check's own interval, one at a time: all at once every few seconds overloaded two
 * cores and flipped services to unhealthy.
 */
export class HealthDriver {
  private stopped = false;
  private loop: Promise<void> | undefined;
  private readonly known = new Map<string, Checked>();

  constructor(
    private readonly podman: Podman,
    private readonly project: string,
  ) {}

  start(): void {
    this.loop = this.run();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    await this.loop;
  }

  private async run(): Promise<void> {
    let lastScan = 0;
    while (!this.stopped) {
      if (Date.now() - lastScan > 2_000) {
        await this.scan().catch(() => undefined);
        lastScan = Date.now();
      }
      const next = [...this.known.values()].sort((a, b) => a.due - b.due)[0];
      if (next && next.due <= Date.now()) {
        // Exit codes: 0 healthy, 1 unhealthy, 125 not running — podman records the outcome itself.
        await this.podman.run(['healthcheck', 'run', next.id], { timeoutMs: 60_000 }).catch(() => undefined);
        next.due = Date.now() + next.intervalMs;
      } else {
        await new Promise((r) => setTimeout(r, 200));
      }
    }
  }

  private async scan(): Promise<void> {
    const out = await this.podman.run([
      'ps',
      '--filter',
      `label=com.docker.compose.project=${this.project}`,
      '--format',
      '{{.ID}} {{.Names}}',
    ]);
    const running = new Set<string>();
    for (const line of out.trim().split('\n').filter(Boolean)) {
      const [id, name] = line.split(' ') as [string, string];
      running.add(id);
      if (this.known.has(id)) continue;
      const interval = await this.podman
        .run(['inspect', '--format', '{{if .Config.Healthcheck}}{{.Config.Healthcheck.Interval}}{{end}}', id])
        .then((s) => s.trim());
      const intervalMs = goDurationMs(interval);
      if (intervalMs === 0) continue;
      // The first check runs at once.
      this.known.set(id, { id, name, intervalMs: Math.max(1_000, intervalMs), due: Date.now() });
    }
    for (const id of this.known.keys()) if (!running.has(id)) this.known.delete(id);
  }
}

/** `10s`, `1m30s`, `500ms`, or a bare count of nanoseconds, as Go prints a time.Duration. */
export function goDurationMs(text: string): number {
  if (/^\d+$/.test(text)) return Number(text) / 1e6;
  const unit: Record<string, number> = {
    h: 3_600_000,
    m: 60_000,
    s: 1_000,
    ms: 1,
    us: 1e-3,
    µs: 1e-3,
    ns: 1e-6,
  };
  let total = 0;
  for (const [, value, suffix] of text.matchAll(/([\d.]+)(h|ms|us|µs|ns|m|s)/g)) {
    total += Number(value) * (unit[suffix as string] ?? 0);
  }
  return total;
}
