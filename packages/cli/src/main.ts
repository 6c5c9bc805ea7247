import { createLogger } from '@omni/service-kit';
import { runCli } from './run-cli';

// `pnpm omni …`: output for people on stdout, diagnostics on stderr, logs only when asked.
const log = createLogger({
  service: 'omni-cli',
  level: process.env.LOG_LEVEL === undefined ? 'warn' : (process.env.LOG_LEVEL as 'info'),
});
runCli(process.argv.slice(2), {
  env: process.env,
  out: (line) => process.stdout.write(`${line}\n`),
  err: (line) => process.stderr.write(`${line}\n`),
  log,
}).then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    process.stderr.write(`omni: ${(err as Error).message}\n`);
    process.exitCode = 1;
  },
);
