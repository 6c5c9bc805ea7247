-- The outbox relay (service-kit OutboxRelay) is woken by a notification instead of polling
-- every 100 ms: every statement that adds events or outbox rows notifies `omni_relay_wake`.
-- NOTIFY is delivered on commit (never for a rolled-back transaction), and PostgreSQL folds
-- identical notifications of one transaction into one, so a transaction of any size costs
-- one payload-free notification. The relay listens on its lease's connection and keeps a
-- slow poll as a fallback (an event held back by an older running transaction, a lost
-- connection). A trigger rather than a NOTIFY in each writer: every writer (the events of
-- recordEvents, replies, automatic messages, replayed dead letters, a future one) wakes it.
CREATE FUNCTION omni_relay_wake() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('omni_relay_wake', '');
  RETURN NULL;
END
$$;

CREATE TRIGGER events_wake_relay AFTER INSERT ON events
  FOR EACH STATEMENT EXECUTE FUNCTION omni_relay_wake();
CREATE TRIGGER outbox_wake_relay AFTER INSERT ON outbox
  FOR EACH STATEMENT EXECUTE FUNCTION omni_relay_wake();
