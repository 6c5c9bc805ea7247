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
  out('| field | matched | of | rate |');
  out('|---|---:|---:|---:|');
  for (const r of passRates(results))
    out(`| ${r.field} | ${r.matched} | ${r.total} | ${pct(r.matched, r.total)} |`);
  const matched = results.filter((r) => r.match).length;
  out(`| **all** | ${matched} | ${results.length} | ${pct(matched, results.length)} |`);
  if (process.argv.includes('--diff')) {
    for (const r of results.filter((x) => !x.match)) {
      out(
        `${r.name} ${r.field}\n  zammad: ${JSON.stringify(r.expected)}\n  omni:   ${JSON.stringify(r.actual)}`,
      );
    }
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(1);
});
