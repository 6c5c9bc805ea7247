/**
 * Prints the per-field pass rates of the adapter's parsing against the peer corpus, and with
 * `--diff` every differing field:
 *
 *   npx tsx services/adapter-email/test/zammad-corpus.report.ts [--diff]
 */

import {
  CORPUS_DIR,
  compareWithPeer,
  corpusPresent,
  type FieldResult,
  passRates,
  readCorpus,
  readCorpusMail,
} from './zammad-corpus';
import { accepted } from './zammad-corpus.accepted';

async function main(): Promise<void> {
  const out = (line: string) => process.stdout.write(`${line}\n`);
  if (!corpusPresent()) {
    out(`peer corpus absent at ${CORPUS_DIR}: nothing to measure`);
    return;
  }
  const results: FieldResult[] = [];
  let stored = 0;
  const pairs = readCorpus();
  for (const pair of pairs) {
    try {
      const message = await readCorpusMail(pair.raw);
      stored++;
      results.push(...compareWithPeer(pair.name, pair.expected, message));
    } catch (err) {
      out(`${pair.name}: not read (${err instanceof Error ? err.message : String(err)})`);
    }
  }
  const pct = (a: number, b: number) => (b === 0 ? '-' : `${((100 * a) / b).toFixed(1)}%`);
  out(`${stored} of ${pairs.length} messages read into a valid InboundMessage`);
  out('| field | matched | of | rate | differing, listed as accepted | differing, not listed |');
  out('|---|---:|---:|---:|---:|---:|');
  const isAccepted = (r: FieldResult) => !r.match && accepted.has(`${r.name}:${r.field}`);
  const row = (label: string, of: FieldResult[]) => {
    const matched = of.filter((r) => r.match).length;
    const ok = of.filter(isAccepted).length;
    out(
      `| ${label} | ${matched} | ${of.length} | ${pct(matched, of.length)} | ${ok} | ${of.length - matched - ok} |`,
    );
  };
  for (const r of passRates(results))
    row(
      r.field,
      results.filter((x) => x.field === r.field),
    );
  row('**all**', results);
  if (process.argv.includes('--diff')) {
    for (const r of results.filter((x) => !x.match)) {
      const why = accepted.get(`${r.name}:${r.field}`);
      out(`${r.name} ${r.field}${why ? ` (listed as accepted: ${why})` : ''}`);
      out(`  zammad: ${JSON.stringify(r.expected)}\n  omni:   ${JSON.stringify(r.actual)}`);
    }
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(1);
});
