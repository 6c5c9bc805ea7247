-- The one-process launcher's dead letters (its in-process bus has no Kafka to keep them):
-- one row per record, the shape of a record on a `<topic>.dlq` topic — key and value
-- bytes, headers with the reason and source. `id` serves as the record's offset (partition
-- 0), so `pnpm omni dlq list|show|replay` names them as it names Kafka's.
CREATE TABLE dead_letters (
  id          bigserial PRIMARY KEY,
  -- The dead-letter topic, e.g. omni.inbound.v1.dlq.
  topic       text NOT NULL,
  key         bytea,
  value       bytea,
  headers     jsonb NOT NULL DEFAULT '{}',
  created_at  timestamptz NOT NULL DEFAULT now(),
  -- Set when `pnpm omni dlq replay` handed the record back to its topic (through the outbox).
  replayed_at timestamptz
);
CREATE INDEX dead_letters_by_topic ON dead_letters (topic, id);

-- A replayed record goes back byte for byte as JSON text: jsonb cannot hold every JSON
-- text (NUL, lone surrogates), and a record carrying one is exactly what a fix may replay.
ALTER TABLE outbox ALTER COLUMN payload DROP NOT NULL;
ALTER TABLE outbox ADD COLUMN payload_text text;
ALTER TABLE outbox ADD CONSTRAINT outbox_payload_present CHECK (payload IS NOT NULL OR payload_text IS NOT NULL);
