-- The read path (issue 25): what every ticket list shows is kept on the ticket instead of
-- being recomputed for every row of every page.

-- `channels`: every channel with a message in the ticket, sorted — it was a DISTINCT over the
-- ticket's messages per listed row, half the database time of `GET /v1/tickets`. A statement
-- trigger keeps it in the transaction of every message insert (threading, replies, notes,
-- acknowledgements), one UPDATE per statement that writes only tickets gaining a channel;
-- moving messages between tickets (a ticket merge) recomputes it in that command.
ALTER TABLE tickets ADD COLUMN channels text[] NOT NULL DEFAULT '{}';

UPDATE tickets t
   SET channels = ARRAY(SELECT DISTINCT m.channel FROM messages m WHERE m.ticket_id = t.id ORDER BY 1)
 WHERE EXISTS (SELECT 1 FROM messages m WHERE m.ticket_id = t.id);

CREATE FUNCTION tickets_add_message_channels() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE tickets t
     SET channels = ARRAY(SELECT DISTINCT c FROM unnest(t.channels || n.channels) AS c ORDER BY 1)
    FROM (SELECT ticket_id, array_agg(DISTINCT channel) AS channels FROM new_messages GROUP BY ticket_id) n
   WHERE t.id = n.ticket_id AND NOT (n.channels <@ t.channels);
  RETURN NULL;
END $$;

CREATE TRIGGER messages_channels_on_tickets
  AFTER INSERT ON messages REFERENCING NEW TABLE AS new_messages
  FOR EACH STATEMENT EXECUTE FUNCTION tickets_add_message_channels();
