import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'esbuild';

/**
 * The widget bundle: `widget/widget.ts` (browser code, type-checked by `widget/tsconfig.json`)
 * → `src/page/widget.js`, which the adapter serves and the image carries like the web form's
 * page assets. Committed, so `pnpm start`, the tests and the image need no build step;
 * `test/widget-fresh.test.ts` fails when it no longer matches its source.
 */
export const WIDGET_OUT = join(__dirname, '..', 'src', 'page', 'widget.js');

export async function buildWidget(): Promise<string> {
  const result = await build({
    entryPoints: [join(__dirname, 'widget.ts')],
    bundle: true,
    minify: true,
    format: 'iife',
    target: 'es2020',
    write: false,
    legalComments: 'none',
    logLevel: 'warning',
  });
  return `${result.outputFiles[0]?.text ?? ''}`;
}

if (require.main === module) {
  void buildWidget().then((code) => {
    writeFileSync(WIDGET_OUT, code);
    process.stdout.write(`wrote ${WIDGET_OUT} (${code.length} bytes)\n`);
  });
}
