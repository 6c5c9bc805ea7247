/**
 * Reply and forward prefixes in the languages our customers' mail clients use: Re, Fwd, Fw,
 * AW/WG (German), SV/VS (Nordic), Antw (Dutch), RIF/R (Italian), TR (French forward),
 * Ответ/Отв/Пересл (Russian), 回复/转发 (Chinese); counters like `Re[2]:` / `Re(2):` too.
 */
const PREFIX =
  /^\s*(?:re|fwd?|aw|wg|sv|vs|antw|rif|tr|ответ|отв|пересл|回复|回覆|转发|轉寄)\s*(?:\[\d+\]|\(\d+\))?\s*[:：]\s*/iu;
const FORWARD = /^\s*(?:fwd?|wg|vs|tr|пересл|转发|轉寄)\s*(?:\[\d+\]|\(\d+\))?\s*[:：]/iu;
/** Our ticket token, `[#1234]`, anywhere in the subject. */
const TOKEN = /\[#(\d{1,15})\]/;

export interface NormalizedSubject {
  /** The subject without reply/forward prefixes and without our token; whitespace collapsed. */
  subject: string;
  ticketToken?: number;
  /** The first prefix was a forward (`Fwd:`, `WG:`, `Пересл:`…). */
  forwarded: boolean;
}

export function normalizeSubject(raw: string | undefined): NormalizedSubject {
  let subject = (raw ?? '').replace(/\s+/g, ' ').trim();
  const forwarded = FORWARD.test(subject);
  let ticketToken: number | undefined;
  const token = TOKEN.exec(subject);
  if (token?.[1]) {
    const n = Number(token[1]);
    if (Number.isSafeInteger(n) && n > 0) ticketToken = n;
    subject = subject.replace(TOKEN, ' ');
  }
  // Prefixes nest (`Re: AW: Fwd: …`); strip them all, but never loop on a subject that is only a prefix.
  for (let i = 0; i < 20; i++) {
    const next = subject.replace(PREFIX, '');
    if (next === subject) break;
    subject = next;
  }
  subject = subject.replace(/\s+/g, ' ').trim();
  return ticketToken === undefined ? { subject, forwarded } : { subject, ticketToken, forwarded };
}

/** The subject of our reply: `Re: <subject> [#<number>]`. */
export function replySubject(subject: string | undefined, ticketNumber: number): string {
  const base = normalizeSubject(subject).subject;
  return base ? `Re: ${base} [#${ticketNumber}]` : `Re: [#${ticketNumber}]`;
}
