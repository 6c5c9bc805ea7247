// The published build: ES modules (dist/esm) and CommonJS (dist/cjs), each with its type
// declarations, from src/index.ts with the DOM library and no Node types — so the package
// works in a browser bundle and in Node without @types/node.
import { execFileSync } from 'node:child_process';
import { rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
rmSync(join(here, 'dist'), { recursive: true, force: true });
for (const [format, module, moduleResolution, type] of [
  ['esm', 'es2022', 'bundler', 'module'],
  ['cjs', 'commonjs', 'node10', 'commonjs'],
]) {
  execFileSync(
    process.execPath,
    [
      tsc,
      '-p',
      join(here, 'tsconfig.build.json'),
      '--module',
      module,
      '--moduleResolution',
      moduleResolution,
      '--outDir',
      join(here, 'dist', format),
    ],
    { stdio: 'inherit' },
  );
  // Each half says which module system its .js files are.
  writeFileSync(join(here, 'dist', format, 'package.json'), `${JSON.stringify({ type })}\n`);
}
