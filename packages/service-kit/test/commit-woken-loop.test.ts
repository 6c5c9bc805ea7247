import { testLogger } from '@omni/testkit';
import { CommitWokenLoop, type CommitWokenLoopOptions } from '../src/commit-woken-loop';

const log = testLogger('commit-woken-loop-test');

/** A loop on fake timers whose rounds find nothing unless `work` says otherwise; the start of each round is kept. */
function idleLoop(opts: Partial<CommitWokenLoopOptions> & { work?: () => number } = {}) {
  const rounds: number[] = [];
  const loop = new CommitWokenLoop({
    log,
    failure: 'round failed',
    prepare: async () => true,
    round: async () => {
      rounds.push(Date.now());
      return opts.work?.() ?? 0;
    },
    pollMs: 1_000,
    idlePollMaxMs: 8_000,
    quietForMs: async () => Number.POSITIVE_INFINITY,
    busyPauseMs: 20,
    emptyGapMs: 100,
    ...opts,
  });
  const gaps = () => rounds.slice(1).map((at, i) => at - (rounds[i] as number));
  return { loop, rounds, gaps };
}

describe('CommitWokenLoop', () => {
  beforeEach(() => jest.useFakeTimers({ now: 0 }));
  afterEach(() => jest.useRealTimers());

  it('polls less and less often while its polls find nothing, up to the ceiling', async () => {
    const { loop, gaps } = idleLoop();
    loop.start();
    await jest.advanceTimersByTimeAsync(40_000);
    await loop.stop();
    expect(gaps()).toEqual([1_000, 2_000, 4_000, 8_000, 8_000, 8_000, 8_000]);
  });

  it('runs a round at once when a commit notifies, however long the poll has grown, and polls from the start again', async () => {
    const { loop, rounds, gaps } = idleLoop();
    loop.start();
    await jest.advanceTimersByTimeAsync(20_000); // rounds at 0, 1, 3, 7, 15 s; the next poll at 23 s
    loop.notify();
    await jest.advanceTimersByTimeAsync(0);
    expect(rounds.at(-1)).toBe(20_000);
    await jest.advanceTimersByTimeAsync(4_000);
    await loop.stop();
    expect(gaps()).toEqual([1_000, 2_000, 4_000, 8_000, 5_000, 1_000, 2_000]);
  });

  it('polls from the start again after a round that did something', async () => {
    let work = 0;
    const { loop, gaps } = idleLoop({ work: () => work });
    loop.start();
    await jest.advanceTimersByTimeAsync(7_500); // rounds at 0, 1, 3, 7 s: the next poll at 15 s
    work = 1; // found by the poll at 15 s, then the loop is idle again
    await jest.advanceTimersByTimeAsync(7_500);
    work = 0;
    await jest.advanceTimersByTimeAsync(5_000);
    await loop.stop();
    expect(gaps()).toEqual([1_000, 2_000, 4_000, 8_000, 20, 1_000, 2_000]);
  });

  it('polls from the start again after a failed round', async () => {
    let fail = false;
    const { loop, gaps } = idleLoop({
      work: () => {
        if (fail) {
          fail = false;
          throw new Error('database gone');
        }
        return 0;
      },
    });
    loop.start();
    await jest.advanceTimersByTimeAsync(7_500); // rounds at 0, 1, 3, 7 s: the next poll at 15 s
    fail = true; // the poll at 15 s fails; the loop tries again a second later, at 16 s
    await jest.advanceTimersByTimeAsync(12_000);
    await loop.stop();
    expect(gaps()).toEqual([1_000, 2_000, 4_000, 8_000, 1_000, 1_000, 2_000]);
  });

  it('never waits past the quiet time it is told (a retry due), nor grows while work is held back', async () => {
    const due = idleLoop({ quietForMs: async () => 2_500 });
    due.loop.start();
    await jest.advanceTimersByTimeAsync(12_000);
    await due.loop.stop();
    expect(due.gaps()).toEqual([1_000, 2_000, 2_500, 2_500, 2_500]);

    const held = idleLoop({ quietForMs: async () => 0 });
    held.loop.start();
    await jest.advanceTimersByTimeAsync(5_000);
    await held.loop.stop();
    expect(held.gaps()).toEqual([1_000, 1_000, 1_000, 1_000, 1_000]);
  });

  it('polls at a steady pace without a quiet time to go by', async () => {
    const { loop, gaps } = idleLoop({ quietForMs: undefined });
    loop.start();
    await jest.advanceTimersByTimeAsync(4_000);
    await loop.stop();
    expect(gaps()).toEqual([1_000, 1_000, 1_000, 1_000]);
  });
});
