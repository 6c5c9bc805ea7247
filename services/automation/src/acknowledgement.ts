import type { OmniConfig } from '@omni/service-kit';

export type AcknowledgementSettings = OmniConfig['automation']['acknowledgements'][number];

/** Why nothing automatic may answer a ticket's first message (loop protection). */
export type LoopReason = 'not-inbound' | 'auto-reply' | 'bounce' | 'list' | 'own-message' | 'no-recipient';

/** Why a new ticket got no acknowledgement (logged and counted). */
export type AckSkipReason = LoopReason | 'disabled' | 'unreachable' | 'daily-limit';

/** The first message of a new ticket, as far as the acknowledgement cares. */
export interface AckCandidate {
  direction: string;
  flags: { autoReply?: boolean; bounce?: boolean; list?: boolean; ownMessage?: boolean };
  recipientId: string | undefined;
}

/** The acknowledgement: off unless enabled, then loop protection (`loopBlocker`); the daily limit follows under a lock. */
export function ackBlocker(
  settings: AcknowledgementSettings | undefined,
  m: AckCandidate,
): AckSkipReason | null {
  if (!settings?.enabled || settings.maxPerCustomerPerDay === 0) return 'disabled';
  return loopBlocker(m);
}

/**
 * Loop protection of everything automatic — acknowledgements and surveys alike
 * (ARCHITECTURE.md, "Threading rules"): auto-replies, bounces, list mail and our own
 * messages seen again never trigger anything automatic; neither does a ticket started by an
 * outbound echo, nor one whose sender cannot be named.
 */
export function loopBlocker(m: AckCandidate): LoopReason | null {
  if (m.direction !== 'inbound') return 'not-inbound';
  if (m.flags.autoReply) return 'auto-reply';
  if (m.flags.bounce) return 'bounce';
  if (m.flags.list) return 'list';
  if (m.flags.ownMessage) return 'own-message';
  if (!m.recipientId) return 'no-recipient';
  return null;
}

/** The template language: the sender's (`pt-BR` → `pt-BR`, then `pt`), else the account's default, else the first configured. */
export function pickLanguage(
  templates: Record<string, string>,
  defaultLanguage: string,
  locale: string | null | undefined,
): string {
  const keys = Object.keys(templates);
  const byLower = new Map(keys.map((k) => [k.toLowerCase(), k]));
  const wanted = locale?.toLowerCase().replace('_', '-');
  const candidates = wanted ? [wanted, wanted.split('-')[0] ?? wanted] : [];
  for (const c of [...candidates, defaultLanguage.toLowerCase()]) {
    const hit = byLower.get(c);
    if (hit) return hit;
  }
  return keys[0] as string;
}

/** `{{name}}` placeholders; unknown names stay as written so a typo is visible, not silent. */
export function renderTemplate(template: string, vars: Record<string, string>): string {
  return template.replace(/\{\{\s*(\w+)\s*\}\}/g, (whole, name: string) => vars[name] ?? whole);
}

/** The text of an announcement in a language: that language, else the default, else any. */
export function announcementText(
  texts: Record<string, string>,
  language: string,
  defaultLanguage: string,
): string | undefined {
  const primary = language.toLowerCase().split('-')[0] ?? language;
  const entries = Object.entries(texts);
  const find = (lang: string) =>
    entries.find(
      ([k]) =>
        k.toLowerCase() === lang.toLowerCase() || k.toLowerCase() === lang.split('-')[0]?.toLowerCase(),
    )?.[1];
  return find(language) ?? find(primary) ?? find(defaultLanguage) ?? entries[0]?.[1];
}

/** The acknowledgement's text: the template with the wait, the number and active outage notices. */
export function composeAcknowledgement(input: {
  template: string;
  wait: string;
  ticketNumber: number;
  announcements: string[];
}): string {
  const notice = input.announcements.join('\n\n');
  const text = renderTemplate(input.template, {
    wait: input.wait,
    ticketNumber: String(input.ticketNumber),
    announcement: notice,
  });
  if (notice === '' || /\{\{\s*announcement\s*\}\}/.test(input.template)) return text.trim();
  return `${text.trim()}\n\n${notice}`;
}
