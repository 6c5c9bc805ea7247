import { channelTraits, type OutboundMessage } from '@omni/contracts';
import {
  type CsatScale,
  csatChoicePayload,
  judgeReplyWindow,
  type NewEvent,
  type ReplyChannelSettings,
  recordEvents,
} from '@omni/customers';
import { type Pool, type PoolClient, withTransaction } from '@omni/db';
import type { OmniConfig } from '@omni/service-kit';
import { type LoopReason, loopBlocker, pickLanguage, renderTemplate } from './acknowledgement';
import { loadFirstMessage, type ReplyTicket, replyRouteOf, writeAutomaticReply } from './automatic-reply';
import { ratingLink, signRatingToken } from './csat-link';

export type CsatConfig = OmniConfig['automation']['csat'];
export type CsatSurveySettings = CsatConfig['surveys'][number];

/** Why a due survey was not sent (logged and counted). */
export type SurveySkipReason =
  | LoopReason
  | 'disabled'
  | 'reopened'
  | 'merged'
  | 'unreachable'
  | 'window-closed'
  | 'customer-limit';

/** The built-in texts; an account's `texts` override them per language. */
const BUILT_IN_TEXTS: Record<string, { question: string; thanks: string }> = {
  en: {
    question: 'How satisfied are you with how we handled your request #{{ticketNumber}}?',
    thanks: 'Thank you for your rating!',
  },
  ru: {
    question: 'Оцените, пожалуйста, как мы решили ваш вопрос (обращение №{{ticketNumber}}).',
    thanks: 'Спасибо за оценку!',
  },
};

/** The survey's question and thanks in the customer's language (overrides, then built-in, then English). */
export function surveyTexts(
  settings: Pick<CsatSurveySettings, 'texts' | 'defaultLanguage'>,
  locale: string | null | undefined,
): { language: string; question: string; thanks: string } {
  const known = Object.fromEntries(
    [...new Set([...Object.keys(BUILT_IN_TEXTS), ...Object.keys(settings.texts)])].map((k) => [k, k]),
  );
  const language = pickLanguage(known, settings.defaultLanguage, locale);
  const fallback = BUILT_IN_TEXTS[language] ?? (BUILT_IN_TEXTS.en as { question: string; thanks: string });
  return { language, ...fallback, ...settings.texts[language] };
}

/** Scores offered, best first, with what a button or a link line says. */
export function scaleChoices(scale: CsatScale): Array<{ score: number; label: string }> {
  if (scale === 'thumbs')
    return [
      { score: 5, label: '👍' },
      { score: 1, label: '👎' },
    ];
  return [5, 4, 3, 2, 1].map((score) => ({ score, label: `${'★'.repeat(score)}${'☆'.repeat(5 - score)}` }));
}

/** The survey message: native buttons where the channel has them, else the question and one signed link per score. */
export function composeSurvey(input: {
  ticketId: string;
  ticketNumber: number;
  question: string;
  scale: CsatScale;
  buttons: boolean;
  link?: { publicUrl: string; secret: string; expiresAt: Date };
}): { text: string; choices?: OutboundMessage['choices'] } {
  const question = renderTemplate(input.question, { ticketNumber: String(input.ticketNumber) }).trim();
  const offered = scaleChoices(input.scale);
  if (input.buttons) {
    // Worst first on buttons, the way a keyboard row reads.
    const choices = [...offered].reverse().map((c) => ({
      label: input.scale === 'five' ? String(c.score) : c.label,
      payload: csatChoicePayload(input.ticketId, c.score),
    }));
    return { text: question, choices };
  }
  if (!input.link) throw new Error('a survey by links needs csat.publicUrl and csat.linkSecret');
  const token = signRatingToken(input.ticketId, input.link.expiresAt, input.link.secret);
  const lines = offered.map((c) => `${c.label}  ${ratingLink(input.link?.publicUrl ?? '', token, c.score)}`);
  return { text: `${question}\n\n${lines.join('\n')}` };
}

/** The account's survey settings, when it has them switched on. */
export function surveySettings(config: CsatConfig, channel: string, account: string) {
  const s = config.surveys.find((x) => x.channel === channel && x.account === account);
  return s?.enabled && s.maxPerCustomer > 0 ? s : undefined;
}

/**
 * A ticket was resolved (or closed): its survey is due `delayMinutes` later — unless the
 * account has none, or the ticket had one already (at most one per ticket). A survey
 * cancelled by a reopen is scheduled again from this resolution.
 */
export async function scheduleSurvey(pool: Pool, ticketId: string, resolvedAt: Date, config: CsatConfig) {
  const { rows } = await pool.query<{ channel: string; account: string; customer_id: string }>(
    // A ticket merged into another is closed, not resolved: the survey follows the one it went into.
    'SELECT channel, account, customer_id FROM tickets WHERE id = $1 AND merged_into IS NULL',
    [ticketId],
  );
  const t = rows[0];
  const settings = t && surveySettings(config, t.channel, t.account);
  if (!t || !settings) return;
  await pool.query(
    `INSERT INTO csat_surveys (ticket_id, customer_id, state, scale, due_at)
     VALUES ($1, $2, 'scheduled', $3, $4::timestamptz + make_interval(secs => $5))
     ON CONFLICT (ticket_id) DO UPDATE SET state = 'scheduled', due_at = EXCLUDED.due_at, scale = EXCLUDED.scale
      WHERE csat_surveys.state = 'cancelled'`,
    [ticketId, t.customer_id, settings.scale, resolvedAt, settings.delayMinutes * 60],
  );
}

/** Reopened before its survey left: the survey waits for the next resolution. */
export async function cancelSurvey(pool: Pool, ticketId: string): Promise<void> {
  await pool.query(
    `UPDATE csat_surveys SET state = 'cancelled' WHERE ticket_id = $1 AND state = 'scheduled'`,
    [ticketId],
  );
}

export interface SurveyPassResult {
  sent: number;
  skipped: Partial<Record<SurveySkipReason, number>>;
  /** Every survey handled (sent, skipped or cancelled). */
  handled: number;
}

interface DueRow extends ReplyTicket {
  status: string;
  merged_into: string | null;
  channel: string;
  account: string;
  scale: CsatScale;
}

/**
 * One pass over the surveys that are due, claimed FOR UPDATE SKIP LOCKED: each is sent the
 * way a reply would leave (with buttons, or links to the rating page) or skipped with the
 * reason, in the transaction that marks it — so each leaves at most once.
 */
export async function sendDueSurveys(
  pool: Pool,
  now: Date,
  deps: { config: CsatConfig; replyChannels: ReplyChannelSettings },
  batchSize = 100,
): Promise<SurveyPassResult> {
  return withTransaction(pool, async (client) => {
    const { rows } = await client.query<DueRow>(
      `SELECT t.id, t.number, t.customer_id, t.subject, t.status, t.merged_into, t.channel, t.account, s.scale
         FROM csat_surveys s JOIN tickets t ON t.id = s.ticket_id
        WHERE s.state = 'scheduled' AND s.due_at <= $1
        ORDER BY s.due_at LIMIT $2
        FOR UPDATE OF s SKIP LOCKED`,
      [now, batchSize],
    );
    const result: SurveyPassResult = { sent: 0, skipped: {}, handled: rows.length };
    const events: NewEvent[] = [];
    for (const row of rows) {
      const outcome = await sendSurvey(client, row, now, deps);
      if ('skipped' in outcome) {
        result.skipped[outcome.skipped] = (result.skipped[outcome.skipped] ?? 0) + 1;
        await client.query(
          `UPDATE csat_surveys SET state = CASE WHEN $2 = 'reopened' THEN 'cancelled' ELSE 'skipped' END, skip_reason = $2
            WHERE ticket_id = $1`,
          [row.id, outcome.skipped],
        );
        continue;
      }
      result.sent += 1;
      events.push({
        type: 'message.created',
        key: row.id,
        data: {
          ticketId: row.id,
          messageId: outcome.messageId,
          customerId: row.customer_id,
          direction: 'outbound',
          channel: outcome.channel,
          automatic: true,
        },
      });
    }
    await recordEvents(client, events, now);
    return result;
  });
}

async function sendSurvey(
  client: PoolClient,
  ticket: DueRow,
  now: Date,
  { config, replyChannels }: { config: CsatConfig; replyChannels: ReplyChannelSettings },
): Promise<{ messageId: string; channel: string } | { skipped: SurveySkipReason }> {
  // Reopened after the survey was scheduled (its event may still be on its way).
  if (ticket.status !== 'resolved' && ticket.status !== 'closed') return { skipped: 'reopened' };
  if (ticket.merged_into) return { skipped: 'merged' };
  const settings = surveySettings(config, ticket.channel, ticket.account);
  if (!settings) return { skipped: 'disabled' };
  const first = await loadFirstMessage(client, ticket.id);
  if (!first) return { skipped: 'not-inbound' };
  const blocked = loopBlocker({
    direction: first.direction,
    flags: first.flags,
    recipientId: first.sender.externalId,
  });
  if (blocked) return { skipped: blocked };
  const way = await replyRouteOf(client, ticket, first, replyChannels);
  if ('refused' in way) return { skipped: 'unreachable' };
  // A survey is no answer to the customer: it never goes out under a message tag or a template.
  const window = await judgeReplyWindow(client, replyChannels.windows, {
    channel: way.channel,
    account: way.account,
    customerId: ticket.customer_id,
    recipientExternalId: way.recipient.externalId,
    now,
  });
  if (!window.open || window.outsideWindow) return { skipped: 'window-closed' };
  const buttons = channelTraits(way.channel).buttons;
  if (!buttons && (!config.publicUrl || !config.linkSecret)) return { skipped: 'unreachable' };
  if (!(await underCustomerLimit(client, ticket.customer_id, settings, now)))
    return { skipped: 'customer-limit' };

  const expiresAt = new Date(now.getTime() + settings.answerWindowHours * 3_600_000);
  const texts = surveyTexts(settings, first.sender.locale);
  const content = composeSurvey({
    ticketId: ticket.id,
    ticketNumber: Number(ticket.number),
    question: texts.question,
    scale: ticket.scale,
    buttons,
    link:
      config.publicUrl && config.linkSecret
        ? { publicUrl: config.publicUrl, secret: config.linkSecret, expiresAt }
        : undefined,
  });
  const messageId = await writeAutomaticReply(client, ticket, first, way, content, now);
  await client.query(
    `UPDATE csat_surveys SET state = 'sent', sent_at = $2, expires_at = $3, message_id = $4,
            via_channel = $5, via_account = $6, recipient = $7
      WHERE ticket_id = $1`,
    [ticket.id, now, expiresAt, messageId, way.channel, way.account, way.recipient.externalId],
  );
  return { messageId, channel: way.channel };
}

/** Loop protection across tickets: the customer's surveys within `perDays`, counted under a lock. */
async function underCustomerLimit(
  client: PoolClient,
  customerId: string,
  settings: CsatSurveySettings,
  now: Date,
): Promise<boolean> {
  await client.query(`SELECT pg_advisory_xact_lock(hashtextextended('omni-csat:' || $1, 0))`, [customerId]);
  const { rows } = await client.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM csat_surveys
      WHERE customer_id = $1 AND sent_at > $2::timestamptz - make_interval(secs => $3)`,
    [customerId, now, settings.perDays * 86_400],
  );
  return (rows[0]?.n ?? 0) < settings.maxPerCustomer;
}
