/**
 * Separates the new text of a reply from the quoted history below it. Mail clients mark the
 * start of the quote in a handful of ways; the first one found (outside the first line) wins:
 * - an attribution line: Gmail/Apple/Thunderbird `On <date>, <name> wrote:` (Gmail may wrap it
 *   over two lines), `<name> написал(а):`, `schrieb`, `a écrit`, `escribió`;
 * - Outlook's header block: `-----Original Message-----`, `-----Исходное сообщение-----`, a
 *   `____` rule or a `From:`/`От:` line followed by `Sent:`/`Date:`/`Отправлено:` lines;
 * - a trailing block of `>`-quoted lines.
 * Forwarded messages are not quotes: their content is what the customer sent, so
 * `---------- Forwarded message ----------` is left in place.
 */
const ATTRIBUTION = [
  /^on\b.{0,300}\bwrote:?\s*$/i,
  /^.{0,300}\b(?:написал|написала|написал\(а\)|пишет)\s*:\s*$/iu,
  /^.{0,300}\bschrieb\b.{0,100}:\s*$/i,
  /^.{0,300}\ba écrit\s*:\s*$/i,
  /^.{0,300}\bescribió\s*:\s*$/i,
];
const ORIGINAL_MESSAGE =
  /^\s*-{2,}\s*(?:original message|исходное сообщение|ursprüngliche nachricht|message d'origine)\s*-{2,}\s*$/i;
const RULE = /^\s*_{10,}\s*$/;
const HEADER_FROM = /^\s*\*?(?:from|от|von|de)\s*:\*?\s+\S/i;
const HEADER_NEXT =
  /^\s*\*?(?:sent|date|to|subject|отправлено|дата|кому|тема|gesendet|an|betreff|envoyé|à|objet)\s*:/i;

export interface SplitReply {
  /** The new text, trimmed; the whole text when no quote marker was found. */
  reply: string;
  /** The quoted history, when one was found. */
  quoted?: string;
}

export function splitReply(text: string): SplitReply {
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  const cut = quoteStart(lines);
  if (cut === undefined) return { reply: text.trim() };
  const reply = lines.slice(0, cut).join('\n').trim();
  const quoted = lines.slice(cut).join('\n').trim();
  // A bottom-posted reply (quote first, then the answer) has no text above the marker.
  if (reply === '') return { reply: text.trim() };
  return { reply, quoted };
}

function quoteStart(lines: string[]): number | undefined {
  for (let i = 1; i < lines.length; i++) {
    const line = lines[i] ?? '';
    const joined = `${line} ${lines[i + 1] ?? ''}`.trim();
    if (ATTRIBUTION.some((re) => re.test(line))) return i;
    if (/^on\b/i.test(line) && /\bwrote:?\s*$/i.test(joined) && joined.length < 400) return i;
    if (ORIGINAL_MESSAGE.test(line)) return i;
    if (RULE.test(line) && HEADER_FROM.test(lines[i + 1] ?? '')) return i;
    if (HEADER_FROM.test(line) && HEADER_NEXT.test(lines[i + 1] ?? '') && (lines[i - 1] ?? '').trim() === '')
      return i;
  }
  // A trailing `>` block: find where the last run of quoted (or blank) lines begins.
  let start: number | undefined;
  for (let i = lines.length - 1; i >= 1; i--) {
    const line = lines[i] ?? '';
    if (line.startsWith('>')) start = i;
    else if (line.trim() !== '') break;
  }
  return start;
}
