import { once } from 'node:events';
import { Splitter, type SplitterChunk } from '@zone-eu/mailsplit';
import libmime from 'libmime';
import { decodeCharset, detectCharset, labelHolds, labelTrusted } from './charset-detect';

/**
 * Before mailparser reads a message, the message is made to say what its sender meant, the
 * way lenient mail clients read it (mailsplit splits it into the same nodes mailparser sees):
 * - **the headers are found**: text before them (a gateway's banner line above a
 *   forwarded message) is skipped; a body with no header at all is read as text;
 * - **a multipart whose boundary never occurs** (its parts were lost on the way, or never
 *   written) is read as the single part it is: text, or an attachment when it is binary;
 * - **charset labels are made true** (charset-detect.ts): raw 8-bit header bytes, encoded
 *   words whose label the bytes contradict, and text parts with no or a contradicted charset
 *   are given the charset they are really in.
 * Only headers and labels change; no part's content bytes are touched. The original bytes
 * stay the message's identity (hash) and, when it was malformed, its stored raw form.
 */
export interface RepairedMime {
  /** The message as the parser should read it (the input itself when nothing changed). */
  raw: Buffer;
  /** What was broken in a way the reading depended on; empty when nothing was. */
  malformed: string[];
  /**
   * An HTML part stands beside text parts outside any `multipart/alternative` (a text mail
   * with an HTML signature, say): the HTML, which then holds every part in order, is the
   * whole message; the text parts alone are not.
   */
  htmlBesideText: boolean;
}

type Chunk = SplitterChunk;
type Node = Extract<Chunk, { type: 'node' }>;

const CRLF = Buffer.from('\r\n');
/** Text this far into the message is searched for the headers; junk above them is short. */
const HEADER_SEARCH_LINES = 100;

export async function repairMime(original: Buffer): Promise<RepairedMime> {
  const malformed: string[] = [];
  const start = headerStart(original);
  let source = original;
  if (start === undefined) {
    malformed.push('no header: the whole message is read as its text');
    source = Buffer.concat([CRLF, original]);
  } else if (start > 0) {
    malformed.push('text before the headers was skipped');
    source = original.subarray(start);
  }

  const chunks = await split(source);
  const nodes = chunks.filter((c): c is Node => c.type === 'node');
  const declared = declaredCharsets(nodes);
  const parents = new Set(nodes.map((n) => n.parentNode));
  let changed = false;

  for (const node of nodes) {
    for (const line of headersOf(node).getList()) {
      const repaired = repairHeaderLine(line.line, declared(node));
      if (repaired === undefined) continue;
      line.line = repaired;
      headersOf(node).changed = true;
      changed = true;
    }

    if (node.multipart && !parents.has(node)) {
      malformed.push(`a multipart/${node.multipart} part has no parts: its boundary never occurs`);
      headersOf(node).update(
        'Content-Type',
        await asSinglePart(node, contentAfter(chunks, node), declared(node)),
      );
      changed = true;
    } else if (isInlineText(node) && !labelTrusted(node.charset || undefined)) {
      const body = await decodeBody(node, contentAfter(chunks, node));
      const charset = charsetOf(node, body, declared(node));
      if (charset === undefined) continue;
      node.setCharset(charset);
      node.charset = charset;
      changed = true;
    }
  }

  return {
    raw: changed ? Buffer.concat(chunks.map((c) => (c.type === 'node' ? c.getHeaders() : c.value))) : source,
    malformed,
    htmlBesideText: htmlBesideText(nodes),
  };
}

async function split(raw: Buffer): Promise<Chunk[]> {
  const splitter = new Splitter();
  const chunks: Chunk[] = [];
  splitter.on('data', (chunk) => chunks.push(chunk));
  const ended = once(splitter, 'end');
  splitter.end(raw);
  await ended;
  return chunks;
}

function headersOf(node: Node) {
  if (!node.headers) node.parseHeaders();
  return node.headers as Exclude<Node['headers'], false>;
}

/** The bytes that follow a node up to the next one: its body, or what a multipart holds. */
function contentAfter(chunks: Chunk[], node: Node): Buffer[] {
  const out: Buffer[] = [];
  for (let i = chunks.indexOf(node) + 1; i < chunks.length; i++) {
    const c = chunks[i] as Chunk;
    if (c.type === 'node') break;
    out.push(c.value);
  }
  return out;
}

async function decodeBody(node: Node, parts: Buffer[]): Promise<Buffer> {
  const decoder = node.getDecoder();
  const out: Buffer[] = [];
  decoder.on('data', (c: Buffer) => out.push(c));
  const ended = once(decoder, 'end');
  for (const p of parts) decoder.write(p);
  decoder.end();
  await ended;
  return Buffer.concat(out);
}

/** Text parts the parser reads into the message's text and HTML (attachments keep their bytes). */
function isInlineText(node: Node): boolean {
  return (
    (node.contentType === 'text/plain' || node.contentType === 'text/html') &&
    (!node.disposition || node.disposition === 'inline')
  );
}

/**
 * The charset to label a text part with, `undefined` when its label holds. An HTML part
 * without a MIME charset may name one in its own `<meta>`, as browsers read it: taken at its
 * word unless the bytes are plain UTF-8 (a gateway that re-encoded the part left it behind).
 */
function charsetOf(node: Node, body: Buffer, declared: readonly string[]): string | undefined {
  const meta =
    node.contentType === 'text/html' && !node.charset
      ? /<meta[^>]+charset=["']?([\w.:-]+)/i.exec(body.subarray(0, 4096).toString('latin1'))?.[1]
      : undefined;
  if (meta && labelTrusted(meta) && !labelHolds(body, undefined)) return meta;
  return detectCharset(body, node.charset || meta || undefined, declared);
}

/**
 * A multipart that holds no part is the one part its content is: text in the charset it is
 * really in, or, with a NUL byte in it (binary, as git and file(1) tell it), an attachment.
 * Its node is left a leaf so that what follows reads it as one.
 */
async function asSinglePart(node: Node, content: Buffer[], declared: readonly string[]): Promise<string> {
  const body = await decodeBody(node, content);
  node.multipart = false;
  node.charset = false;
  if (body.subarray(0, 8000).includes(0)) {
    node.contentType = 'application/octet-stream';
    return 'application/octet-stream';
  }
  node.contentType = 'text/plain';
  const charset = detectCharset(body, undefined, declared);
  return charset ? `text/plain; charset=${charset}` : 'text/plain';
}

/** For each node, the charsets its message (an embedded message is another) declares. */
function declaredCharsets(nodes: Node[]): (node: Node) => string[] {
  const byMessage = new Map<Node, Set<string>>();
  for (const n of nodes) {
    const home = messageOf(n);
    const set = byMessage.get(home) ?? new Set<string>();
    if (n.charset) set.add(n.charset);
    byMessage.set(home, set);
  }
  return (node) => [...(byMessage.get(messageOf(node)) ?? [])];
}

function messageOf(node: Node): Node {
  let n = node;
  while (n.parentNode && !n.parentNode.rfc822) n = n.parentNode as Node;
  return n;
}

function htmlBesideText(nodes: Node[]): boolean {
  const inline = nodes.filter(isInlineText);
  const inAlternative = (n: Node) => {
    for (let p = n.parentNode; p; p = p.parentNode) if (p.multipart === 'alternative') return true;
    return false;
  };
  return (
    inline.some((n) => n.contentType === 'text/plain') &&
    inline.some((n) => n.contentType === 'text/html' && !inAlternative(n))
  );
}

/**
 * Where the headers begin: 0 normally (an mbox `From ` line counts as part of them); further
 * down when junk lines precede a header block that names the message (From, Subject, …);
 * `undefined` when there is no such block.
 */
export function headerStart(raw: Buffer): number | undefined {
  const head = raw.subarray(0, 65_536).toString('latin1');
  const lines = head.split('\n');
  if (/^From /.test(lines[0] ?? '') || HEADER_LINE.test(lines[0] ?? '')) return 0;
  let offset = 0;
  for (const [i, line] of lines.slice(0, HEADER_SEARCH_LINES).entries()) {
    if (HEADER_LINE.test(line) && namesMessage(lines.slice(i))) return offset;
    offset += line.length + 1;
  }
  return undefined;
}

const HEADER_LINE = /^[\x21-\x39\x3b-\x7e]+[ \t]*:/;
const MESSAGE_FIELD =
  /^(?:from|to|cc|subject|date|message-id|received|return-path|mime-version|content-type|reply-to|sender)[ \t]*:/i;

/** Whether the header block starting at the first line has a field every message carries. */
function namesMessage(lines: string[]): boolean {
  for (const line of lines) {
    if (line.trim() === '') return false;
    if (MESSAGE_FIELD.test(line)) return true;
  }
  return false;
}

const ENCODED_WORD = /=\?([^?\s*]+)(?:\*[^?\s]*)?\?([BbQq])\?([^?]*)\?=/g;

/**
 * One header line (a binary string, as mailsplit keeps it) with raw 8-bit bytes and encoded
 * words read in the charset they are really in; `undefined` when it needs no change. Encoded
 * words stay encoded words (re-encoded as UTF-8), so a decoded `,` or `<` in a display name
 * cannot turn into address syntax.
 */
export function repairHeaderLine(line: string, declared: readonly string[]): string | undefined {
  const bytes = Buffer.from(line, 'binary');
  let changed = false;
  let text = bytes.toString('utf8');
  // Raw 8-bit bytes (or ISO-2022 escapes) outside encoded words.
  const charset = detectCharset(bytes, undefined, declared);
  if (charset !== undefined) {
    text = decodeCharset(bytes, charset);
    changed = true;
  }
  if (text.includes('=?')) {
    const repaired = repairEncodedWords(text, declared);
    if (repaired !== text) {
      text = repaired;
      changed = true;
    }
  }
  return changed ? Buffer.from(text, 'utf8').toString('binary') : undefined;
}

interface Word {
  start: number;
  end: number;
  charset: string;
  bytes: Buffer;
}

/**
 * Adjacent encoded words of one charset are read together (a multibyte character may be
 * split between them); a run whose label the bytes contradict becomes one UTF-8 word.
 */
function repairEncodedWords(text: string, declared: readonly string[]): string {
  const words: Word[] = [...text.matchAll(ENCODED_WORD)].map((m) => ({
    start: m.index,
    end: m.index + m[0].length,
    charset: (m[1] as string).toLowerCase(),
    bytes: wordBytes(m[2] as string, m[3] as string),
  }));
  const runs: Word[][] = [];
  for (const w of words) {
    const run = runs.at(-1);
    const last = run?.at(-1);
    if (run && last && last.charset === w.charset && text.slice(last.end, w.start).trim() === '') run.push(w);
    else runs.push([w]);
  }
  let out = text;
  for (const run of runs.reverse()) {
    const first = run[0] as Word;
    const last = run.at(-1) as Word;
    const bytes = Buffer.concat(run.map((w) => w.bytes));
    const charset = detectCharset(bytes, first.charset, declared);
    if (charset === undefined) continue;
    out = `${out.slice(0, first.start)}${libmime.encodeWord(decodeCharset(bytes, charset), 'B')}${out.slice(last.end)}`;
  }
  return out;
}

function wordBytes(encoding: string, payload: string): Buffer {
  if (encoding.toUpperCase() === 'B') return Buffer.from(payload, 'base64');
  const bytes: number[] = [];
  const data = Buffer.from(payload.replace(/_/g, ' '), 'utf8');
  for (let i = 0; i < data.length; i++) {
    const hex = data[i] === 0x3d ? data.subarray(i + 1, i + 3).toString('latin1') : '';
    if (/^[0-9a-f]{2}$/i.test(hex)) {
      bytes.push(Number.parseInt(hex, 16));
      i += 2;
    } else bytes.push(data[i] as number);
  }
  return Buffer.from(bytes);
}
