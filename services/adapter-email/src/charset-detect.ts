import chardet from 'chardet';
import { createDecodeStream, decode, normalizeCharset } from 'libmime/lib/charset.js';

/**
 * Which charset a run of bytes is really in, when its label is missing or proven false.
 *
 * A label is proven false only by bytes it cannot describe: a 7-bit form (US-ASCII,
 * ISO-2022-*) holding 8-bit bytes, UTF-8 that is not valid UTF-8, ISO-2022 escape sequences
 * under a UTF-8 or ASCII label, a charset no decoder knows (read as UTF-8). Every other label
 * is trusted: nothing in the bytes can contradict a single-byte charset.
 *
 * The candidates, of which the first that reads the bytes without a replacement character wins:
 * 1. the 8-bit encodings of a contradicted 7-bit label's repertoire (ISO-2022-JP mail from a
 *    client that really sent Shift_JIS or EUC-JP);
 * 2. the charsets the same message declares elsewhere: one client writes one charset, and mail
 *    clients read a header's raw bytes in the charset of its body;
 * 3. chardet's ranking of the bytes.
 * A subject or a name is too short for statistics alone; 1 and 2 decide those.
 */

/** The 8-bit encodings of the same repertoire as a 7-bit transport form. */
const EIGHT_BIT_FORMS: Record<string, readonly string[]> = {
  'ISO-2022-JP': ['CP932', 'EUC-JP'],
  'ISO-2022-KR': ['EUC-KR'],
  'ISO-2022-CN': ['GB18030'],
};

const UTF8 = new TextDecoder('utf-8', { fatal: true });
const ESC = 0x1b;

function isUtf8(bytes: Uint8Array): boolean {
  try {
    UTF8.decode(bytes);
    return true;
  } catch {
    return false;
  }
}

function isSevenBit(bytes: Uint8Array): boolean {
  return bytes.every((b) => b < 0x80);
}

/**
 * One name per charset. ASCII and UTF-8 are named as mailparser tells them apart (it reads both
 * as UTF-8); the rest as libmime resolves aliases (`latin1` → `WINDOWS-1252`).
 */
function canonical(charset: string): string {
  const bare = charset.toLowerCase().replace(/[^a-z0-9]/g, '');
  if (bare === 'utf8') return 'UTF-8';
  if (bare === 'usascii' || bare === 'ascii') return 'US-ASCII';
  return normalizeCharset(charset).toUpperCase();
}

const isIso2022 = (name: string) => name.startsWith('ISO-2022-');

const known = new Map<string, boolean>();

/** Whether libmime has a decoder for it (one it lacks, or refuses like UTF-7, it reads as UTF-8). */
function knownCharset(name: string): boolean {
  let supported = known.get(name);
  if (supported === undefined) {
    supported = createDecodeStream(name).supported;
    if (known.size < 1000) known.set(name, supported);
  }
  return supported;
}

/** Whether the bytes read in this charset without a byte it cannot map. */
export function decodesCleanly(bytes: Buffer, charset: string): boolean {
  const name = canonical(charset);
  if (name === 'UTF-8') return isUtf8(bytes);
  if (name === 'US-ASCII') return isSevenBit(bytes);
  if (isIso2022(name) && !isSevenBit(bytes)) return false;
  return knownCharset(name) && !decode(bytes, name).includes('\uFFFD');
}

/** Whether a label is taken at its word, without looking at the bytes (see the module comment). */
export function labelTrusted(label: string | undefined): boolean {
  if (!label) return false;
  const name = canonical(label);
  return name !== 'UTF-8' && name !== 'US-ASCII' && !isIso2022(name) && knownCharset(name);
}

/** Whether the label (none: US-ASCII, which the parser reads as UTF-8) describes the bytes. */
export function labelHolds(bytes: Buffer, label: string | undefined): boolean {
  if (labelTrusted(label)) return true;
  const name = label ? canonical(label) : 'UTF-8';
  if (name === 'US-ASCII') return isSevenBit(bytes) && !bytes.includes(ESC);
  if (isIso2022(name)) return isSevenBit(bytes);
  // UTF-8, and a label nobody can decode: both are read as UTF-8.
  return isUtf8(bytes) && !bytes.includes(ESC);
}

/**
 * The charset to read the bytes in when their label does not hold (see the module comment);
 * `undefined` when the label holds or no candidate reads them.
 */
export function detectCharset(
  bytes: Buffer,
  label: string | undefined,
  declared: readonly string[],
): string | undefined {
  if (labelHolds(bytes, label)) return undefined;
  const ranked = chardet.analyse(bytes).map((m) => m.name);
  // 7-bit text with escapes is ISO-2022 (any single-byte charset would read it as ASCII).
  if (isSevenBit(bytes))
    return ranked.find((name) => isIso2022(canonical(name)) && decodesCleanly(bytes, name));
  if (isUtf8(bytes)) return 'UTF-8';
  const own = label ? canonical(label) : '';
  const candidates = [
    ...(EIGHT_BIT_FORMS[own] ?? []),
    ...declared.flatMap((d) => [d, ...(EIGHT_BIT_FORMS[canonical(d)] ?? [])]),
    ...ranked,
  ].filter((name) => canonical(name) !== own);
  return candidates.find((name) => decodesCleanly(bytes, name));
}

/** The bytes as text in the given charset (libmime: iconv-lite, encoding-japanese for ISO-2022-JP). */
export function decodeCharset(bytes: Buffer, charset: string): string {
  return decode(bytes, canonical(charset));
}
