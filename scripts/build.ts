/**
 * The production build: one JavaScript bundle per deployable entry point, run as
 * `node dist/main.js` (SERVICE picks the bundle) in the image.
 *
 * esbuild, not `tsc -b`: the workspace packages are consumed as TypeScript sources (`main:
 * src/index.ts`), exactly as tsx (itself esbuild) and jest run them, so a bundle resolves them
 * the same way with no second, compiled module layout to keep in step; tsc stays the type
 * checker (`pnpm lint`). Workspace code is inlined; every other package stays an external
 * `require`, resolved from a production-only install made here (flat, as npm would lay it out).
 * Where a workspace package needs another version of a package than the one hoisted to the
 * top (adapter-email's nodemailer 7 beside mailparser's 10), its require points at its own copy.
 *
 *   dist/main.js                       SERVICE → ./bin/<name>.js
 *   dist/bin/<name>.js(.map)           one per image package (services/*, packages/cli)
 *   dist/node_modules/                 production dependencies of the image packages only
 *   dist/<package dir>/node_modules/   a workspace package's own version where it differs
 *   dist/<package dir>/…               files the bundled code reads at run time (migrations, page assets)
 */

import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { dirname, join, relative, resolve } from 'node:path';
import { build, type Metafile, type Plugin } from 'esbuild';

const ROOT = resolve(__dirname, '..');
const OUT = join(ROOT, 'dist');
/** Deployable packages never depend on these in production: single-machine or test-only. */
const NOT_FOR_IMAGES = ['@omni/embedded-postgres', '@omni/testkit'];

interface WorkspacePackage {
  name: string;
  /** Relative to the repository root: `services/threading`. */
  dir: string;
  dependencies: Record<string, string>;
}

function workspacePackages(): Map<string, WorkspacePackage> {
  const found = new Map<string, WorkspacePackage>();
  for (const group of ['packages', 'services']) {
    for (const entry of readdirSync(join(ROOT, group), { withFileTypes: true })) {
      const manifest = join(ROOT, group, entry.name, 'package.json');
      if (!entry.isDirectory() || !existsSync(manifest)) continue;
      const pkg = JSON.parse(readFileSync(manifest, 'utf8')) as {
        name: string;
        dependencies?: Record<string, string>;
      };
      found.set(pkg.name, {
        name: pkg.name,
        dir: `${group}/${entry.name}`,
        dependencies: pkg.dependencies ?? {},
      });
    }
  }
  return found;
}

/** Every package (workspace or not) `name` needs in production, itself included. */
function productionClosure(
  name: string,
  all: Map<string, WorkspacePackage>,
  seen = new Set<string>(),
): Set<string> {
  if (seen.has(name)) return seen;
  seen.add(name);
  for (const dep of Object.keys(all.get(name)?.dependencies ?? {})) productionClosure(dep, all, seen);
  return seen;
}

/**
 * A package goes into the image when it has a process entry (`src/main.ts`) and nothing
 * single-machine or test-only among its production dependencies — so the one-process
 * launcher (embedded PostgreSQL) stays out, and a new service needs no build or Dockerfile edit.
 */
export function imagePackages(all = workspacePackages()): WorkspacePackage[] {
  return [...all.values()]
    .filter((pkg) => existsSync(join(ROOT, pkg.dir, 'src', 'main.ts')))
    .filter((pkg) => !NOT_FOR_IMAGES.some((excluded) => productionClosure(pkg.name, all).has(excluded)))
    .sort((a, b) => a.dir.localeCompare(b.dir));
}

const bundleName = (pkg: WorkspacePackage) => pkg.dir.split('/').pop() as string;
const isBuiltin = (id: string) =>
  id.startsWith('node:') || builtinModules.includes(id.split('/')[0] as string);
const packageOf = (id: string) =>
  id
    .split('/')
    .slice(0, id.startsWith('@') ? 2 : 1)
    .join('/');

/**
 * Workspace packages are bundled from source; everything else is required at run time — from
 * the importing workspace package's own `node_modules` when the install put a copy there.
 */
function thirdPartyExternal(all: Map<string, WorkspacePackage>): Plugin {
  return {
    name: 'third-party-external',
    setup(b) {
      b.onResolve({ filter: /^[^./]/ }, (args) => {
        if (args.path.startsWith('@omni/')) return undefined;
        const owner = [...all.values()].find((pkg) => args.importer.startsWith(join(ROOT, pkg.dir, '/')));
        const own = owner && join(owner.dir, 'node_modules', packageOf(args.path));
        if (own && existsSync(join(OUT, own))) {
          return { path: `../${own}${args.path.slice(packageOf(args.path).length)}`, external: true };
        }
        return { external: true };
      });
    },
  };
}

/** `pnpm install --prod` of the image packages into dist/, from the lockfile, hoisted. */
function installProduction(images: WorkspacePackage[], all: Map<string, WorkspacePackage>): void {
  for (const file of ['package.json', 'pnpm-lock.yaml', 'pnpm-workspace.yaml'])
    cpSync(join(ROOT, file), join(OUT, file));
  cpSync(join(ROOT, 'patches'), join(OUT, 'patches'), { recursive: true });
  for (const pkg of all.values())
    cpSync(join(ROOT, pkg.dir, 'package.json'), join(OUT, pkg.dir, 'package.json'));
  const store = process.env.PNPM_STORE_DIR ? [`--store-dir=${process.env.PNPM_STORE_DIR}`] : [];
  // The pnpm running this script when there is one (`pnpm build`), else the one on PATH.
  const self = process.env.npm_execpath;
  const pnpm = !self ? ['pnpm'] : /\.[cm]?js$/.test(self) ? [process.execPath, self] : [self];
  execFileSync(
    pnpm[0] as string,
    [
      ...pnpm.slice(1),
      'install',
      '--prod',
      '--frozen-lockfile',
      '--config.node-linker=hoisted',
      ...store,
      ...images.map((pkg) => `--filter-prod=${pkg.name}...`),
    ],
    { cwd: OUT, stdio: ['ignore', 'ignore', 'inherit'] },
  );
  // Workspace packages are bundled: their links and manifests have no use at run time.
  for (const dir of ['.', ...[...all.values()].map((pkg) => pkg.dir)]) {
    for (const sub of ['@omni', '.bin'])
      rmSync(join(OUT, dir, 'node_modules', sub), { recursive: true, force: true });
    rmSync(join(OUT, dir, 'package.json'), { force: true });
  }
  for (const file of [
    'pnpm-lock.yaml',
    'pnpm-workspace.yaml',
    'patches',
    'node_modules/.modules.yaml',
    'node_modules/.pnpm',
  ])
    rmSync(join(OUT, file), { recursive: true, force: true });
  prune(join(OUT, 'node_modules'));
}

/** Type declarations, source maps and docs of dependencies: never loaded at run time (~15% of the install). */
function prune(dir: string): void {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) prune(path);
    else if (/\.(d\.[cm]?ts|map|md|markdown)$/i.test(entry.name)) rmSync(path);
  }
}

/**
 * `__dirname` in workspace code means its source folder (files beside it are read at run
 * time: SQL migrations, the web form's assets); in a bundle it would be the bundle's. It is
 * rewritten to that folder under the image root, where the build copies those files.
 */
const sourceDirname: Plugin = {
  name: 'source-dirname',
  setup(b) {
    b.onLoad({ filter: /\.ts$/ }, (args) => {
      if (args.path.includes('node_modules')) return undefined;
      const text = readFileSync(args.path, 'utf8');
      if (!/\b__dirname\b/.test(text)) return undefined;
      const dir = JSON.stringify(relative(ROOT, dirname(args.path)));
      return { contents: text.replace(/\b__dirname\b/g, `__omniSourceDir(${dir})`), loader: 'ts' };
    });
  },
};

async function main(): Promise<void> {
  const started = performance.now();
  const all = workspacePackages();
  const images = imagePackages(all);
  rmSync(OUT, { recursive: true, force: true });
  installProduction(images, all);
  const result = await build({
    entryPoints: Object.fromEntries(
      images.map((pkg) => [`bin/${bundleName(pkg)}`, join(ROOT, pkg.dir, 'src/main.ts')]),
    ),
    outdir: OUT,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    sourcemap: 'linked',
    sourcesContent: false,
    keepNames: true,
    metafile: true,
    logLevel: 'warning',
    banner: { js: `const __omniSourceDir = (dir) => require('node:path').join(__dirname, '..', dir);` },
    plugins: [thirdPartyExternal(all), sourceDirname],
  });
  checkExternals(result.metafile, images, all);
  const copied = copyRuntimeFiles(result.metafile, all);
  writeFileSync(join(OUT, 'main.js'), dispatcher(images.map(bundleName)));
  const ms = Math.round(performance.now() - started);
  process.stdout.write(
    `built ${images.length} bundles (${images.map(bundleName).join(', ')}) and ${copied} runtime files into dist/ in ${ms} ms\n`,
  );
}

/** A bundle must not require a package its image packages do not declare: the image would not have it. */
function checkExternals(
  meta: Metafile,
  images: WorkspacePackage[],
  all: Map<string, WorkspacePackage>,
): void {
  const declared = new Set(images.flatMap((pkg) => [...productionClosure(pkg.name, all)]));
  const missing = new Set<string>();
  for (const [file, output] of Object.entries(meta.outputs)) {
    for (const imported of output.imports) {
      // `../<package dir>/node_modules/…`: a workspace package's own copy, there by construction.
      if (!imported.external || isBuiltin(imported.path) || imported.path.startsWith('../')) continue;
      if (!declared.has(packageOf(imported.path))) missing.add(`${packageOf(imported.path)} (from ${file})`);
    }
  }
  if (missing.size > 0) {
    throw new Error(
      `bundled code requires packages no image package depends on in production: ${[...missing].join(', ')}`,
    );
  }
}

/**
 * Copies every non-TypeScript file of the bundled workspace packages' `src/` and of their
 * other folders (migrations) — what code beside them may read — excluding tests.
 */
function copyRuntimeFiles(meta: Metafile, all: Map<string, WorkspacePackage>): number {
  const bundledDirs = new Set<string>();
  for (const input of Object.keys(meta.inputs)) {
    for (const pkg of all.values()) if (input.startsWith(`${pkg.dir}/`)) bundledDirs.add(pkg.dir);
  }
  let count = 0;
  for (const dir of bundledDirs) {
    cpSync(join(ROOT, dir), join(OUT, dir), {
      recursive: true,
      filter: (source) => {
        const rel = relative(join(ROOT, dir), source);
        if (rel === '') return true;
        const top = rel.split('/')[0];
        if (['node_modules', 'test', 'scripts', 'dist'].includes(top as string)) return false;
        if (/\.(ts|md)$/.test(rel) || rel === 'package.json') return false;
        if (statSync(source).isDirectory()) return true;
        count++;
        return true;
      },
    });
  }
  removeEmptyDirs(OUT);
  return count;
}

function removeEmptyDirs(dir: string): boolean {
  let empty = true;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules') empty = false;
    else if (entry.isDirectory() && removeEmptyDirs(join(dir, entry.name)))
      rmSync(join(dir, entry.name), { recursive: true });
    else empty = false;
  }
  return empty;
}

function dispatcher(names: string[]): string {
  return `'use strict';
// The image's entry point: SERVICE names the bundle to run.
const services = ${JSON.stringify(names)};
const service = process.env.SERVICE;
if (!services.includes(service)) {
  process.stderr.write(\`SERVICE must name one of: \${services.join(', ')} (got \${service === undefined ? 'nothing' : JSON.stringify(service)})\\n\`);
  process.exit(64);
}
require(\`./bin/\${service}.js\`);
`;
}

if (require.main === module) {
  main().catch((error: unknown) => {
    process.stderr.write(`build failed: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  });
}
