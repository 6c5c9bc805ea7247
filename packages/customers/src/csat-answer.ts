import type { Channel, CsatRating, InboundMessage } from '@omni/contracts';
import type { PoolClient } from '@omni/db';
import { recordEvents } from './record-events';

export type CsatScale = CsatRating['scale'];

const PRESS = /csat:([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}):([1-5])/;

/** The payload of a survey button: the ticket and the score it stands for (64 bytes at most, Telegram's limit). */
export function csatChoicePayload(ticketId: string, score: number): string {
  return `csat:${ticketId}:${score}`;
}

/**
 * A survey button pressed: the button's payload wherever the platform puts it (a postback's
 * or a VK message's `payload`, VK wrapping it in JSON; Viber sends it as the text), else nothing.
 */
export function parseCsatPress(m: InboundMessage): { ticketId: string; score: number } | undefined {
  const { payload, kind, text } = m.content;
  const carried = payload ?? text;
  const hit = carried.length <= 200 ? PRESS.exec(carried) : null;
  if (!hit) return undefined;
  // Typed text counts only when it is exactly a payload (Viber's reply buttons send it so).
  if (payload === undefined && kind !== 'postback' && !carried.trim().startsWith('csat:')) return undefined;
  return { ticketId: hit[1] as string, score: Number(hit[2]) };
}

const THUMBS: Record<string, number> = { '👍': 5, '👎': 1 };

/**
 * A reply that is only a rating: `1`–`5`, a keycap digit, one to five stars, or a thumb
 * (👍 = 5, 👎 = 1). On the thumbs scale only the thumbs count. Anything more is a message.
 */
export function parseCsatReply(text: string, scale: CsatScale): number | undefined {
  // Variation selectors and skin tones say nothing about the score.
  const t = text.trim().replace(/[\uFE0F\u{1F3FB}-\u{1F3FF}]/gu, '');
  const thumb = THUMBS[t];
  if (thumb !== undefined) return thumb;
  if (scale === 'thumbs') return undefined;
  // A digit, or its keycap emoji (digit + U+20E3).
  const digit = /^([1-5])\u20E3?$/.exec(t);
  if (digit) return Number(digit[1]);
  if (/^(⭐|★){1,5}$/u.test(t)) return [...t].length;
  return undefined;
}

export type CsatOutcome = 'recorded' | 'already-rated' | 'expired' | 'no-survey';

/**
 * Records a customer's answer on the ticket (`tickets.csat`) and emits `ticket.rated`, in the
 * caller's transaction — once: the survey row is locked and the first answer is final. The
 * ticket's status is left alone (a rating never reopens it).
 */
export async function recordCsatAnswer(
  client: PoolClient,
  a: {
    ticketId: string;
    score: number;
    comment?: string | null;
    channel: Channel;
    at: Date;
    /** The inbound message that carried the answer, so that its redelivery is recognised. */
    messageId?: string;
  },
): Promise<CsatOutcome> {
  const { rows } = await client.query<{
    state: string;
    scale: CsatScale;
    expires_at: Date | null;
    customer_id: string;
  }>('SELECT state, scale, expires_at, customer_id FROM csat_surveys WHERE ticket_id = $1 FOR UPDATE', [
    a.ticketId,
  ]);
  const survey = rows[0];
  if (!survey || (survey.state !== 'sent' && survey.state !== 'answered')) return 'no-survey';
  if (survey.state === 'answered') return 'already-rated';
  if (survey.expires_at && survey.expires_at < a.at) return 'expired';
  const score = survey.scale === 'thumbs' ? (a.score >= 3 ? 5 : 1) : a.score;
  const csat: CsatRating = {
    score,
    scale: survey.scale,
    comment: a.comment?.trim() ? a.comment.trim() : null,
    channel: a.channel,
    at: a.at.toISOString(),
  };
  await client.query(
    `UPDATE csat_surveys SET state = 'answered', answered_at = $2, answer_message_id = $3 WHERE ticket_id = $1`,
    [a.ticketId, a.at, a.messageId ?? null],
  );
  await client.query('UPDATE tickets SET csat = $2, updated_at = now() WHERE id = $1', [
    a.ticketId,
    JSON.stringify(csat),
  ]);
  await recordEvents(
    client,
    [
      {
        type: 'ticket.rated',
        key: a.ticketId,
        data: { ticketId: a.ticketId, customerId: survey.customer_id, csat },
      },
    ],
    a.at,
  );
  return 'recorded';
}

/**
 * The messages of a batch that answer a survey rather than say something: a survey button
 * pressed, or — from the person a survey went to on that channel account, while it is open —
 * a reply that is only a number or emoji. Each is recorded (`recordCsatAnswer`) and its index
 * returned, so the caller neither stores it as a message nor lets it reopen the ticket.
 */
export async function takeCsatAnswers(
  client: PoolClient,
  messages: InboundMessage[],
  now: Date,
): Promise<Set<number>> {
  const taken = new Set<number>();
  const replies: Array<{ index: number; m: InboundMessage }> = [];
  for (const [index, m] of messages.entries()) {
    if (m.direction !== 'inbound') continue;
    const press = parseCsatPress(m);
    if (press) {
      // A press of our own button is never a customer message, even when the survey is gone.
      taken.add(index);
      await recordCsatAnswer(client, { ...press, channel: m.channel, at: now, messageId: m.id });
    } else if (m.content.kind === 'text' && m.content.text.trim().length <= 24) {
      replies.push({ index, m });
    }
  }
  if (replies.length === 0) return taken;
  // A redelivered reply that was an answer already.
  const answered = await client.query<{ answer_message_id: string }>(
    'SELECT answer_message_id FROM csat_surveys WHERE answer_message_id = ANY($1::uuid[])',
    [replies.map(({ m }) => m.id)],
  );
  const answeredBy = new Set(answered.rows.map((r) => r.answer_message_id));
  const open = await client.query<{
    ticket_id: string;
    scale: CsatScale;
    via_channel: string;
    via_account: string;
    recipient: string;
  }>(
    `SELECT DISTINCT ON (via_channel, via_account, recipient) ticket_id, scale, via_channel, via_account, recipient
       FROM csat_surveys
      WHERE state = 'sent' AND expires_at > $2
        AND (via_channel, via_account, recipient) IN (SELECT * FROM jsonb_to_recordset($1::jsonb) AS x(c text, a text, r text))
      ORDER BY via_channel, via_account, recipient, sent_at DESC`,
    [JSON.stringify(replies.map(({ m }) => ({ c: m.channel, a: m.account, r: m.sender.externalId }))), now],
  );
  const byRecipient = new Map(
    open.rows.map((r) => [`${r.via_channel}\u0000${r.via_account}\u0000${r.recipient}`, r]),
  );
  for (const { index, m } of replies) {
    if (answeredBy.has(m.id)) {
      taken.add(index);
      continue;
    }
    const survey = byRecipient.get(`${m.channel}\u0000${m.account}\u0000${m.sender.externalId}`);
    const score = survey ? parseCsatReply(m.content.text, survey.scale) : undefined;
    if (!survey || score === undefined) continue;
    const answer = { ticketId: survey.ticket_id, score, channel: m.channel, at: now, messageId: m.id };
    if ((await recordCsatAnswer(client, answer)) === 'recorded') {
      taken.add(index);
      byRecipient.delete(`${m.channel}\u0000${m.account}\u0000${m.sender.externalId}`);
    }
  }
  return taken;
}
