-- Domain events reach omni.events.v1 straight from the change feed's table: one row per
-- event instead of an `events` row plus an `outbox` row that was updated once published and
-- deleted a day later (2.6 events per message made those a fifth of the ingest's statement
-- time). The relay (service-kit OutboxRelay, one replica at a time) reads events in
-- (txid, seq) order, as the change feed and the webhook dispatcher do — only those of
-- transactions older than every running one, so nothing committed later is skipped — and
-- keeps its position here. The outbox stays for everything else (replies, replayed dead
-- letters).

-- The partition key on omni.events.v1 (the ticket id, or the customer id for customer
-- events). NULL for events recorded before this migration or by a replica still running the
-- previous version: those were written to the outbox as well, and only it relays them.
ALTER TABLE events ADD COLUMN key text;

-- The relay's position over the events table (one row).
CREATE TABLE event_relay_cursor (
  id        boolean PRIMARY KEY DEFAULT true CHECK (id),
  last_txid xid8 NOT NULL DEFAULT '0',
  last_seq  bigint NOT NULL DEFAULT 0
);
-- Starts after the events recorded so far (the outbox relays them), so history is not read again.
INSERT INTO event_relay_cursor (last_txid, last_seq)
SELECT COALESCE((SELECT txid FROM events ORDER BY txid DESC, seq DESC LIMIT 1), '0'),
       COALESCE((SELECT seq FROM events ORDER BY txid DESC, seq DESC LIMIT 1), 0);
