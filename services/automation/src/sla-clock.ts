import type { OmniConfig } from '@omni/service-kit';
import type { BusinessClock } from './business-clock';
import type { Priority } from './routing';

type SlaConfig = OmniConfig['automation']['sla'];

export interface SlaPlan {
  firstResponseWarnAt: Date;
  firstResponseDueAt: Date;
  resolutionWarnAt: Date;
  resolutionDueAt: Date;
  /** Business minutes of the first-response target (the acknowledgement's wait). */
  firstResponseMinutes: number;
}

/** Due times in business time from the ticket's start; warnings at `warningRatio` of each target. */
export function planSla(clock: BusinessClock, start: Date, priority: Priority, sla: SlaConfig): SlaPlan {
  const target = sla.targets[priority];
  return {
    firstResponseWarnAt: clock.add(start, target.firstResponseMinutes * sla.warningRatio),
    firstResponseDueAt: clock.add(start, target.firstResponseMinutes),
    resolutionWarnAt: clock.add(start, target.resolutionMinutes * sla.warningRatio),
    resolutionDueAt: clock.add(start, target.resolutionMinutes),
    firstResponseMinutes: target.firstResponseMinutes,
  };
}

export type SlaClockName = 'firstResponse' | 'resolution';

/** One clock of a ticket as stored: its thresholds, when it stopped, what was emitted. */
export interface ClockState {
  warnAt: Date;
  dueAt: Date;
  stoppedAt: Date | null;
  warnedAt: Date | null;
  breachedAt: Date | null;
}

export interface ClockStep {
  warn: boolean;
  breach: boolean;
  /** The next instant worth looking at again; null when this clock is done. */
  nextCheckAt: Date | null;
}

/**
 * What a clock owes at `now`: a warning once its warning threshold passed, a breach once its
 * due time passed — each only if the clock had not stopped before that threshold, each
 * once. A scheduler that fell behind past the due time emits the breach alone; a clock that
 * stopped is not warned about any more.
 */
export function stepClock(c: ClockState, now: Date): ClockStep {
  const unmetAt = (t: Date) => c.stoppedAt === null || c.stoppedAt.getTime() > t.getTime();
  const passed = (t: Date) => t.getTime() <= now.getTime();
  const breach = c.breachedAt === null && passed(c.dueAt) && unmetAt(c.dueAt);
  const warn =
    c.stoppedAt === null &&
    c.warnedAt === null &&
    !breach &&
    c.breachedAt === null &&
    passed(c.warnAt) &&
    unmetAt(c.warnAt);
  const warnPending =
    c.warnedAt === null &&
    !warn &&
    !breach &&
    c.breachedAt === null &&
    unmetAt(c.warnAt) &&
    !passed(c.warnAt);
  const breachPending = c.breachedAt === null && !breach && unmetAt(c.dueAt) && !passed(c.dueAt);
  const stillRunning = c.stoppedAt === null;
  let nextCheckAt: Date | null = null;
  if (stillRunning && warnPending) nextCheckAt = c.warnAt;
  else if (stillRunning && breachPending) nextCheckAt = c.dueAt;
  return { warn, breach, nextCheckAt };
}
