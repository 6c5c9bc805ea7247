import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { InboundMessage } from '@omni/contracts';
import { convert } from 'html-to-text';
import { DEFAULT_SCHEMA, load as loadYaml, Type } from 'js-yaml';
import type { MemoryBlobStore } from './memory-blob-store';
import { readTestMail } from './read-test-mail';

/**
 * The peer corpus: Zammad's mail-parser fixtures (`mailNNN.box` raw, `mailNNN.yml` what Zammad
 * makes of it). Third-party test data: read where the workspace keeps it, beside the
 * repository, never copied into it.
 */
export const REPO_ROOT = resolve(__dirname, '..', '..', '..');
export const SHARED_DIR = resolve(REPO_ROOT, '..', 'shared');
export const CORPUS_DIR = join(SHARED_DIR, 'corpora', 'zammad-mail');

export const corpusPresent = (): boolean => existsSync(CORPUS_DIR);

/**
 * `describe` when the corpus is there. Without it (a clone outside this workspace, with no
 * `../shared` beside it) one test says so; a `../shared` without the corpus is an error.
 */
export function describeWithCorpus(name: string, body: () => void): void {
  if (corpusPresent()) {
    describe(name, body);
    return;
  }
  describe(name, () => {
    it(`does not run: the peer corpus is absent (${CORPUS_DIR}), and so is ${SHARED_DIR}`, () => {
      expect(existsSync(SHARED_DIR)).toBe(false);
    });
  });
}

/** The fields Zammad's fixtures state and we compare, in the order reports list them. */
export const FIELDS = [
  'from_email',
  'from_display_name',
  'subject',
  'body',
  'content_type',
  'attachment_count',
  'attachment_names',
] as const;
export type Field = (typeof FIELDS)[number];

interface PeerAttachment {
  filename?: string;
  data?: string;
  preferences?: Record<string, unknown>;
}

/** The part of a Zammad `.yml` we compare (every key optional: some fixtures state only a few). */
export interface PeerExpectation {
  from_email?: string;
  from_display_name?: string;
  subject?: string;
  body?: string;
  content_type?: string;
  attachments?: PeerAttachment[] | null;
}

export interface CorpusPair {
  /** `mailNNN` (the file name without extension). */
  name: string;
  raw: Buffer;
  expected: PeerExpectation;
}

/** Ruby's own tags in the fixtures (Psych writes them): a plain map and a base64 string here. */
const RUBY_YAML = DEFAULT_SCHEMA.extend([
  new Type('!ruby/hash:ActiveSupport::HashWithIndifferentAccess', {
    kind: 'mapping',
    construct: (data: unknown) => data ?? {},
  }),
  new Type('!binary', { kind: 'scalar', construct: (data: unknown) => data }),
]);

export function readCorpus(): CorpusPair[] {
  return readdirSync(CORPUS_DIR)
    .filter((f) => f.endsWith('.box'))
    .sort()
    .map((box) => {
      const name = box.slice(0, -'.box'.length);
      const doc = loadYaml(readFileSync(join(CORPUS_DIR, `${name}.yml`), 'utf8'), { schema: RUBY_YAML });
      return { name, raw: readFileSync(join(CORPUS_DIR, box)), expected: (doc ?? {}) as PeerExpectation };
    });
}

/** One raw message through the adapter's own parsing, as the IMAP watcher and the MIME route run it. */
export const readCorpusMail = (raw: Buffer, blobs?: MemoryBlobStore): Promise<InboundMessage> =>
  readTestMail(raw, blobs);

export interface FieldResult {
  name: string;
  field: Field;
  expected: string;
  actual: string;
  match: boolean;
}

/**
 * Compares our message with Zammad's expectation, field by field, for the fields the `.yml`
 * states. The vocabularies differ, so both sides are first put into the same terms (and only
 * these; every other difference counts):
 * - an address is compared case-insensitively (we store it lower-cased);
 * - `from_email` is our verified `From` identity, empty when we claim none;
 * - Zammad's `no visible content` is its word for an empty body;
 * - a body is compared as the text a reader sees (for `text/html`, the HTML rendered to text
 *   by one neutral conversion on both sides), whitespace collapsed: the two sanitizers write
 *   different markup for the same content;
 * - Zammad lists the original HTML body as an attachment (`message.html` with
 *   `original-format`); we keep it as `content.html`, so that entry is not an attachment here;
 * - Zammad names a part without a file name `file`, we `part-<n>[.ext]`.
 */
export function compareWithPeer(name: string, expected: PeerExpectation, m: InboundMessage): FieldResult[] {
  const results: FieldResult[] = [];
  const add = (field: Field, want: string, got: string) =>
    results.push({ name, field, expected: want, actual: got, match: want === got });

  if (expected.from_email !== undefined) {
    const ours = m.identities.find((i) => i.kind === 'email' && i.verified)?.value ?? '';
    add('from_email', expected.from_email.trim().toLowerCase(), ours.toLowerCase());
  }
  if (expected.from_display_name !== undefined)
    add('from_display_name', collapse(expected.from_display_name), collapse(m.sender.displayName ?? ''));
  if (expected.subject !== undefined)
    add('subject', collapse(expected.subject), collapse(m.thread.subject ?? ''));

  const ourType = m.content.html !== undefined ? 'text/html' : 'text/plain';
  if (expected.body !== undefined) {
    const theirs = expected.body.trim() === 'no visible content' ? '' : expected.body;
    const theirText = expected.content_type === 'text/html' ? readerText(theirs) : theirs;
    const ourText =
      ourType === 'text/html' ? readerText(m.content.html ?? '') : (m.content.fullText ?? m.content.text);
    add('body', collapse(theirText), collapse(ourText));
  }
  if (expected.content_type !== undefined) add('content_type', expected.content_type, ourType);

  if (expected.attachments !== undefined) {
    const theirs = (expected.attachments ?? []).filter((a) => !a.preferences?.['original-format']);
    const ours = m.content.attachments;
    add('attachment_count', String(theirs.length), String(ours.length));
    const names = (list: string[]) => JSON.stringify([...list].sort());
    add(
      'attachment_names',
      names(theirs.map((a) => a.filename ?? 'file')),
      names(ours.map((a) => (/^part-\d+(?:\.\w+)?$/.test(a.name) ? 'file' : a.name))),
    );
  }
  return results;
}

function collapse(text: string): string {
  return text.replace(/[\s\u00a0]+/g, ' ').trim();
}

/** What a reader sees of an HTML body: text only, headings as written, links and images left out. */
export function readerText(html: string): string {
  return convert(html, {
    wordwrap: false,
    selectors: [
      { selector: 'a', options: { ignoreHref: true } },
      { selector: 'img', format: 'skip' },
      ...['h1', 'h2', 'h3', 'h4', 'h5', 'h6'].map((selector) => ({
        selector,
        options: { uppercase: false },
      })),
      { selector: 'table', format: 'block' },
      { selector: 'tr', format: 'block' },
      { selector: 'th', format: 'inline' },
      { selector: 'td', format: 'inline' },
    ],
  });
}

export interface FieldRate {
  field: Field;
  matched: number;
  total: number;
}

export function passRates(results: FieldResult[]): FieldRate[] {
  return FIELDS.map((field) => {
    const of = results.filter((r) => r.field === field);
    return { field, matched: of.filter((r) => r.match).length, total: of.length };
  });
}
