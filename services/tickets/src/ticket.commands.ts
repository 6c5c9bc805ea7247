import { randomUUID } from 'node:crypto';
import { eventsInsert, recordEvents } from '@omni/customers';
import { named, type PoolClient } from '@omni/db';
import { HttpProblem, notFound } from '@omni/service-kit';
import type { MessageJson, TicketJson } from './schemas';
import { getTicket, writtenMessage, writtenMessageJson } from './ticket.queries';

export interface TicketPatch {
  status?: TicketJson['status'];
  assignee?: string | null;
  group?: string | null;
  priority?: string;
  tags?: string[];
}

const PATCH_COLUMNS = {
  status: 'status',
  assignee: 'assignee',
  group: '"group"',
  priority: 'priority',
  tags: 'tags',
} as const;

export interface LockedTicket {
  id: string;
  number: number;
  customer_id: string;
  channel: string;
  account: string;
  subject: string | null;
  status: string;
  merged_into: string | null;
}

/**
 * Locks the ticket row for the rest of the transaction (replies and merges serialize per
 * ticket). NO KEY UPDATE, not UPDATE: nothing here deletes a ticket or changes its id, and
 * FOR UPDATE would also wait for every open transaction that wrote a row referencing the ticket
 * (a message, an SLA clock: their foreign-key check holds KEY SHARE on it) and keep new ones out.
 */
export async function lockTicket(client: PoolClient, id: string): Promise<LockedTicket> {
  const { rows } = await client.query<LockedTicket>(
    named(
      'SELECT id, number::int AS number, customer_id, channel, account, subject, status, merged_into FROM tickets WHERE id = $1 FOR NO KEY UPDATE',
      [id],
    ),
  );
  if (!rows[0]) throw notFound(`no ticket ${id}`);
  return rows[0];
}

export async function patchTicket(client: PoolClient, id: string, patch: TicketPatch): Promise<TicketJson> {
  await lockTicket(client, id);
  const sets: string[] = [];
  const args: unknown[] = [id];
  const changed: Record<string, unknown> = {};
  for (const [field, column] of Object.entries(PATCH_COLUMNS) as Array<[keyof TicketPatch, string]>) {
    if (patch[field] === undefined) continue;
    sets.push(`${column} = $${args.push(patch[field])}`);
    changed[field] = patch[field];
  }
  if (patch.status)
    sets.push(
      `resolved_at = CASE WHEN $${args.push(patch.status)} = 'resolved' THEN now() ELSE resolved_at END`,
    );
  if (sets.length > 0) {
    // The change and its event in one statement.
    const recorded = eventsInsert(
      [{ type: 'ticket.updated', key: id, data: { ticketId: id, changes: changed } }],
      new Date(),
      `$${args.length + 1}`,
    );
    await client.query(
      `WITH changed AS (UPDATE tickets SET ${sets.join(', ')}, updated_at = now() WHERE id = $1) ${recorded.sql}`,
      [...args, recorded.value],
    );
  }
  return (await getTicket(client, id)) as TicketJson;
}

/** An internal note: stored on the ticket, never written to the outbox — it reaches no one. */
export async function addNote(
  client: PoolClient,
  ticketId: string,
  text: string,
  author: string | null,
): Promise<MessageJson> {
  const ticket = await lockTicket(client, ticketId);
  const id = randomUUID();
  // The note, the ticket's count, the event and the answer's JSON: one statement, one round trip.
  const recorded = eventsInsert(
    [{ type: 'message.created', key: ticketId, data: { ticketId, messageId: id, direction: 'note' } }],
    new Date(),
    '$8',
  );
  const { rows } = await client.query(
    named(
      `WITH note AS (
         INSERT INTO messages (id, ticket_id, customer_id, direction, channel, account, sent_at, received_at, text, author)
         VALUES ($1, $2, $3, 'note', $4, $5, now(), now(), $6, $7) RETURNING *),
       counted AS (UPDATE tickets SET message_count = message_count + 1, updated_at = now() WHERE id = $2),
       recorded AS (${recorded.sql})
       ${writtenMessageJson('note')}`,
      [id, ticketId, ticket.customer_id, ticket.channel, ticket.account, text, author, recorded.value],
    ),
  );
  return writtenMessage(rows);
}

/**
 * Moves every message of `sourceId` into `intoId` and closes the source, which keeps
 * pointing at its target. Both must belong to the same customer: joining two people's
 * conversations would show one customer the other's history.
 */
export async function mergeTickets(
  client: PoolClient,
  sourceId: string,
  intoId: string,
): Promise<TicketJson> {
  if (sourceId === intoId)
    throw new HttpProblem(409, 'merge-conflict', 'Conflict', 'a ticket cannot be merged into itself');
  // Lock in id order so two opposite merges cannot deadlock.
  const [first, second] = [sourceId, intoId].sort();
  const a = await lockTicket(client, first as string);
  const b = await lockTicket(client, second as string);
  const source = a.id === sourceId ? a : b;
  const into = a.id === intoId ? a : b;
  if (source.merged_into)
    throw new HttpProblem(409, 'merge-conflict', 'Conflict', `ticket ${sourceId} was already merged`);
  if (into.merged_into)
    throw new HttpProblem(
      409,
      'merge-conflict',
      'Conflict',
      `ticket ${intoId} was merged into another ticket`,
    );
  if (source.customer_id !== into.customer_id) {
    throw new HttpProblem(
      409,
      'merge-conflict',
      'Conflict',
      'tickets of different customers cannot be merged; merge the customers first',
    );
  }
  await client.query('UPDATE messages SET ticket_id = $2, updated_at = now() WHERE ticket_id = $1', [
    sourceId,
    intoId,
  ]);
  await client.query(
    `UPDATE tickets SET message_count = (SELECT count(*) FROM messages WHERE ticket_id = $1),
            last_message_at = (SELECT max(sent_at) FROM messages WHERE ticket_id = $1 AND direction <> 'note'),
            -- An automatic acknowledgement is no answer: only a person's reply counts as the first response.
            first_response_at = (SELECT min(sent_at) FROM messages WHERE ticket_id = $1 AND direction = 'outbound'
                                    AND (flags->>'automatic') IS DISTINCT FROM 'true'),
            channels = ARRAY(SELECT DISTINCT channel FROM messages WHERE ticket_id = $1 ORDER BY 1),
            updated_at = now()
      WHERE id = $1`,
    [intoId],
  );
  await client.query(
    `UPDATE tickets SET merged_into = $2, status = 'closed', message_count = 0, channels = '{}', updated_at = now() WHERE id = $1`,
    [sourceId, intoId],
  );
  await recordEvents(
    client,
    [
      {
        type: 'ticket.updated',
        key: sourceId,
        data: { ticketId: sourceId, changes: { status: 'closed', mergedIntoTicketId: intoId } },
      },
      {
        type: 'ticket.updated',
        key: intoId,
        data: { ticketId: intoId, changes: { mergedTicketId: sourceId } },
      },
    ],
    new Date(),
  );
  return (await getTicket(client, intoId)) as TicketJson;
}
