// Jest `setupFilesAfterEnv` of every test file: the file may connect only to loopback and
// may not ask a DNS server anything (packages/testkit/src/loopback-tripwire.ts). What the
// tripwire stopped fails the file, so a test that would have sent traffic off the machine
// — even on a failure path — is caught here rather than on the network.
import { installLoopbackTripwire } from '../loopback-tripwire';

const tripwire = installLoopbackTripwire();

afterAll(() => {
  // `net` and `dns` are shared by every file of a jest worker: put them back for the next file.
  tripwire.restore();
  if (tripwire.violations.length > 0) {
    throw new Error(
      `this test file tried to reach beyond loopback (stopped before any traffic left):\n  ${tripwire.violations.join('\n  ')}`,
    );
  }
});
