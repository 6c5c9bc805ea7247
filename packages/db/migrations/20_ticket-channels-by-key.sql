-- The statement trigger of migration 14 joined a statement's new messages to `tickets` with a
-- plan PL/pgSQL caches at a session's first insert. Planned while `tickets` was small (a young
-- database, a fresh bench), that is a sequential scan of every ticket, kept as the table grows:
-- 8.6 ms per insert at 20,000 tickets, the second costliest statement of the ingest in
-- `pnpm bench e2e` (after the message insert itself). One update by primary key per ticket of
-- the statement cannot be planned any other way. Tickets are taken in id order, the order
-- every other multi-ticket update locks them in.
CREATE OR REPLACE FUNCTION tickets_add_message_channels() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  gained record;
BEGIN
  FOR gained IN
    SELECT ticket_id, array_agg(DISTINCT channel) AS channels FROM new_messages GROUP BY ticket_id ORDER BY ticket_id
  LOOP
    UPDATE tickets t
       SET channels = ARRAY(SELECT DISTINCT c FROM unnest(t.channels || gained.channels) AS c ORDER BY 1)
     WHERE t.id = gained.ticket_id AND NOT (gained.channels <@ t.channels);
  END LOOP;
  RETURN NULL;
END $$;
