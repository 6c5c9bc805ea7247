import { randomUUID } from 'node:crypto';
import { recordEvents } from '@omni/customers';
import type { Pool, PoolClient } from '@omni/db';

export interface Announcement {
  id: string;
  texts: Record<string, string>;
  /** Empty: every channel. */
  channels: string[];
  startsAt: string;
  endsAt: string | null;
  active: boolean;
  createdAt: string;
}

interface Row {
  id: string;
  texts: Record<string, string>;
  channels: string[];
  starts_at: Date;
  ends_at: Date | null;
  created_at: Date;
  active: boolean;
}

const COLUMNS = `id, texts, channels, starts_at, ends_at, created_at,
  (starts_at <= now() AND (ends_at IS NULL OR ends_at > now())) AS active`;

const toJson = (r: Row): Announcement => ({
  id: r.id,
  texts: r.texts,
  channels: r.channels,
  startsAt: r.starts_at.toISOString(),
  endsAt: r.ends_at?.toISOString() ?? null,
  active: r.active,
  createdAt: r.created_at.toISOString(),
});

/** Notices in force for a channel at `at`, oldest first (the order they are read in). */
export async function activeAnnouncements(
  client: Pick<PoolClient, 'query'>,
  channel: string,
  at: Date,
): Promise<Array<{ id: string; texts: Record<string, string> }>> {
  const { rows } = await client.query<{ id: string; texts: Record<string, string> }>(
    `SELECT id, texts FROM announcements
      WHERE starts_at <= $2 AND (ends_at IS NULL OR ends_at > $2) AND (channels = '{}' OR $1 = ANY(channels))
      ORDER BY starts_at, id`,
    [channel, at],
  );
  return rows;
}

export async function createAnnouncement(
  client: PoolClient,
  input: {
    texts: Record<string, string>;
    channels: string[];
    startsAt: Date;
    endsAt: Date | null;
    createdBy: string | null;
  },
): Promise<Announcement> {
  const { rows } = await client.query<Row>(
    `INSERT INTO announcements (id, texts, channels, starts_at, ends_at, created_by) VALUES ($1, $2, $3, $4, $5, $6)
     RETURNING ${COLUMNS}`,
    [
      randomUUID(),
      JSON.stringify(input.texts),
      input.channels,
      input.startsAt,
      input.endsAt,
      input.createdBy,
    ],
  );
  const created = toJson(rows[0] as Row);
  await recordEvents(
    client,
    [{ type: 'announcement.created', key: created.id, data: { announcement: created } }],
    new Date(),
  );
  return created;
}

/** Deleted at once; returns false when there was no such announcement. */
export async function deleteAnnouncement(client: PoolClient, id: string): Promise<boolean> {
  const { rowCount } = await client.query('DELETE FROM announcements WHERE id = $1', [id]);
  if (!rowCount) return false;
  await recordEvents(
    client,
    [{ type: 'announcement.deleted', key: id, data: { announcementId: id } }],
    new Date(),
  );
  return true;
}

/** Newest start first; keyset-paged by (starts_at, id). */
export async function listAnnouncements(
  pool: Pool,
  q: { activeOnly: boolean; channel?: string; limit: number; after?: { startsAt: string; id: string } },
): Promise<{ data: Announcement[]; next: { startsAt: string; id: string } | null }> {
  const { rows } = await pool.query<Row>(
    `SELECT ${COLUMNS} FROM announcements
      WHERE ($1::boolean IS FALSE OR (starts_at <= now() AND (ends_at IS NULL OR ends_at > now())))
        AND ($2::text IS NULL OR channels = '{}' OR $2 = ANY(channels))
        AND ($3::timestamptz IS NULL OR (starts_at, id) < ($3::timestamptz, $4::uuid))
      ORDER BY starts_at DESC, id DESC LIMIT $5`,
    [q.activeOnly, q.channel ?? null, q.after?.startsAt ?? null, q.after?.id ?? null, q.limit + 1],
  );
  const page = rows.slice(0, q.limit).map(toJson);
  const last = page[page.length - 1];
  return {
    data: page,
    next: rows.length > q.limit && last ? { startsAt: last.startsAt, id: last.id } : null,
  };
}
