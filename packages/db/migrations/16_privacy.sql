-- The customer's data rights (issue 24): erasure, its audit trail, and the tombstones that
-- keep an erased person from being brought back by a replayed Kafka record.

-- An erased customer keeps its row as an anonymous shell, so its tickets keep a customer
-- and the statistics stay right; everything that named the person is gone.
ALTER TABLE customers ADD COLUMN erased_at timestamptz;

-- SHA-256 of each erased identity (`kind:value`, normalized). Threading drops a message
-- received before `erased_at` from such an identity (a dead letter replayed after the
-- erasure); a message received later starts a new customer. Kept only as long as Kafka
-- may still hold the person's records (`privacy.tombstoneDays`), then pruned.
CREATE TABLE erasure_tombstones (
  identity_hash text PRIMARY KEY,
  erased_at     timestamptz NOT NULL
);
CREATE INDEX erasure_tombstones_erased ON erasure_tombstones (erased_at);

-- Who erased or exported what, and how much, without any personal data: ids and counts.
CREATE TABLE privacy_audit (
  id           uuid PRIMARY KEY,
  action       text NOT NULL CHECK (action IN ('erase', 'export', 'retention')),
  -- The customer acted on (an id only); NULL for a retention run.
  customer_id  uuid,
  -- The API key that asked; NULL for the retention job.
  api_key_id   uuid,
  counts       jsonb NOT NULL DEFAULT '{}',
  created_at   timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX privacy_audit_created ON privacy_audit (created_at DESC);
CREATE INDEX privacy_audit_customer ON privacy_audit (customer_id) WHERE customer_id IS NOT NULL;

-- What erasure and retention emptied: the rows stay (counts, timestamps, statistics), their
-- content is gone.
ALTER TABLE tickets ADD COLUMN erased_at timestamptz;
ALTER TABLE messages ADD COLUMN erased_at timestamptz;

-- Raw mail is a blob named in `extra.rawRef`: erasure asks whether another message or
-- attachment still refers to a blob; retention walks the messages that still have raw mail
-- or files (partial indexes: only those rows, so the hot insert path of chat messages pays nothing).
CREATE INDEX messages_raw_ref ON messages ((extra->>'rawRef')) WHERE extra ? 'rawRef';
CREATE INDEX attachments_blob ON attachments (blob_id) WHERE blob_id IS NOT NULL;
