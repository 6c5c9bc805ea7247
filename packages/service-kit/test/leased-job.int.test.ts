import { type Harness, startHarness, waitFor } from '@omni/testkit';
import { LeasedJob } from '../src';

let h: Harness;
beforeAll(async () => {
  h = await startHarness('leased-job');
});
afterAll(async () => {
  await h?.close();
});

const HOUR_MS = 3_600_000;

it('stops during a round without waiting out the interval', async () => {
  let release!: () => void;
  const inRound = new Promise<void>((r) => {
    release = r;
  });
  let started = false;
  const job = new LeasedJob({
    pool: h.pool,
    log: h.log,
    name: 'leased-job-stop',
    intervalMs: HOUR_MS,
    run: async () => {
      started = true;
      await inRound;
    },
  });
  job.start();
  await waitFor(() => started, { description: 'the first round running' });
  // Asked to stop while the round runs: the round finishes, then no hour-long wait.
  const stopped = job.stop();
  release();
  const outcome = await Promise.race([
    stopped.then(() => 'stopped'),
    new Promise((r) => setTimeout(() => r('still waiting'), 10_000).unref()),
  ]);
  expect(outcome).toBe('stopped');
});

it('runs again at once while a round reports work done, then waits for the interval', async () => {
  const backlog = [3, 2, 1, 0];
  const rounds: number[] = [];
  const job = new LeasedJob({
    pool: h.pool,
    log: h.log,
    name: 'leased-job-backlog',
    intervalMs: HOUR_MS,
    run: async () => {
      const left = backlog.shift() ?? 0;
      rounds.push(left);
      return left;
    },
  });
  job.start();
  await waitFor(() => rounds.length === 4, { description: 'the backlog worked off' });
  await new Promise((r) => setTimeout(r, 300));
  // Nothing was left: the job now waits for its (hour-long) interval.
  expect(rounds).toEqual([3, 2, 1, 0]);
  await job.stop();
});

it('runs on one holder at a time: a second job with the same lease does nothing while the first holds it', async () => {
  const ran: string[] = [];
  const make = (who: string) =>
    new LeasedJob({
      pool: h.pool,
      log: h.log,
      name: 'leased-job-one-holder',
      intervalMs: 50,
      run: async () => void ran.push(who),
    });
  const first = make('first');
  first.start();
  await waitFor(() => ran.includes('first'), { description: 'the first job holding the lease' });
  const second = make('second');
  second.start();
  await waitFor(() => ran.filter((w) => w === 'first').length >= 5, { description: 'a few rounds' });
  expect(ran).not.toContain('second');
  // Once the first stops (releasing its lease), the second takes over.
  await first.stop();
  await waitFor(() => ran.includes('second'), { description: 'the second job taking over' });
  await second.stop();
});
