-- Tables and indexes of the ticket API, API keys, webhooks (issue: Ticket API complete).

-- Full-text search over subjects and messages in any language: trigram indexes serve
-- substring search (ILIKE), which works for Japanese and other unsegmented scripts; the
-- 'russian' text-search configuration stems Cyrillic words with the Russian stemmer and
-- ASCII words with the English one, so "заказы" finds "заказ" and "orders" finds "order".
CREATE EXTENSION IF NOT EXISTS pg_trgm;
CREATE INDEX messages_text_trgm ON messages USING gin (text gin_trgm_ops);
CREATE INDEX messages_text_fts ON messages USING gin (to_tsvector('russian', text));
CREATE INDEX tickets_subject_trgm ON tickets USING gin (subject gin_trgm_ops);

-- The default ticket list order (newest first) and the filters of GET /v1/tickets.
CREATE INDEX tickets_created ON tickets (created_at DESC, id DESC);
CREATE INDEX tickets_assignee ON tickets (assignee, created_at DESC) WHERE assignee IS NOT NULL;
CREATE INDEX tickets_group ON tickets ("group", created_at DESC) WHERE "group" IS NOT NULL;
CREATE INDEX tickets_topic ON tickets (topic, created_at DESC) WHERE topic IS NOT NULL;
CREATE INDEX messages_ticket_channel ON messages (ticket_id, channel);

-- Ticket merge: the merged ticket stays (closed) and points at the one it went into.
ALTER TABLE tickets ADD COLUMN merged_into uuid REFERENCES tickets (id);

-- Change feed order that never skips an event: a bigserial is allocated before commit, so
-- a reader ordering by seq alone can pass over an event whose transaction commits late.
-- The feed orders by (txid, seq) and only serves events of transactions older than every
-- running one (pg_snapshot_xmin), so everything before a cursor is final.
ALTER TABLE events ADD COLUMN txid xid8 NOT NULL DEFAULT pg_current_xact_id();
CREATE INDEX events_txid_seq ON events (txid, seq);

-- Idempotency-Key: the first result of a POST, per API key, replayed to retries. Written in
-- the same transaction as the POST's effect, so a retry never repeats the effect.
CREATE TABLE idempotency_keys (
  api_key_id      uuid NOT NULL,
  key             text NOT NULL,
  request_hash    text NOT NULL,
  response_status integer NOT NULL,
  response_body   jsonb NOT NULL,
  created_at      timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (api_key_id, key)
);
CREATE INDEX idempotency_keys_created ON idempotency_keys (created_at);

CREATE TABLE webhook_subscriptions (
  id              uuid PRIMARY KEY,
  url             text NOT NULL,
  events          text[] NOT NULL,
  -- Standard Webhooks secret (whsec_…). Shown to the integrator; needed to sign.
  secret          text NOT NULL,
  -- Events after this feed position are delivered (not the history before the subscription).
  start_txid      xid8 NOT NULL,
  created_by      uuid,
  created_at      timestamptz NOT NULL DEFAULT now(),
  disabled_at     timestamptz,
  disabled_reason text
);

-- One delivery per (subscription, event): its id is the `webhook-id` receivers dedupe by.
CREATE TABLE webhook_deliveries (
  id              uuid PRIMARY KEY,
  subscription_id uuid NOT NULL REFERENCES webhook_subscriptions (id) ON DELETE CASCADE,
  event_id        uuid NOT NULL,
  event_type      text NOT NULL,
  payload         jsonb NOT NULL,
  status          text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'delivered', 'failed')),
  attempts        integer NOT NULL DEFAULT 0,
  next_attempt_at timestamptz NOT NULL DEFAULT now(),
  -- A worker's claim; another worker may take the delivery once it has expired.
  locked_until    timestamptz,
  last_error      text,
  created_at      timestamptz NOT NULL DEFAULT now(),
  delivered_at    timestamptz,
  UNIQUE (subscription_id, event_id)
);
CREATE INDEX webhook_deliveries_due ON webhook_deliveries (next_attempt_at) WHERE status = 'pending';
CREATE INDEX webhook_deliveries_subscription ON webhook_deliveries (subscription_id, created_at DESC, id DESC);

CREATE TABLE webhook_attempts (
  id           bigserial PRIMARY KEY,
  delivery_id  uuid NOT NULL REFERENCES webhook_deliveries (id) ON DELETE CASCADE,
  attempted_at timestamptz NOT NULL DEFAULT now(),
  status_code  integer,
  error        text,
  duration_ms  integer NOT NULL
);
CREATE INDEX webhook_attempts_delivery ON webhook_attempts (delivery_id, id);

-- Fan-out position of the webhook dispatcher over the events table (one row; locking it is
-- the dispatcher's lease).
CREATE TABLE webhook_dispatch_cursor (
  id        boolean PRIMARY KEY DEFAULT true CHECK (id),
  last_txid xid8 NOT NULL DEFAULT '0',
  last_seq  bigint NOT NULL DEFAULT 0
);
INSERT INTO webhook_dispatch_cursor DEFAULT VALUES;
