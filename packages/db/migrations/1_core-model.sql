-- The data model of ARCHITECTURE.md ("Data model"). Threading owns it; tickets reads and
-- updates it. Later migrations add to it; an applied migration is never edited.

CREATE TABLE customers (
  id           uuid PRIMARY KEY,
  display_name text,
  -- A merged-away customer keeps its row so old ids stay resolvable.
  merged_into  uuid REFERENCES customers (id),
  created_at   timestamptz NOT NULL DEFAULT now(),
  updated_at   timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX customers_merged_into ON customers (merged_into) WHERE merged_into IS NOT NULL;

CREATE TABLE identities (
  id          uuid PRIMARY KEY,
  customer_id uuid NOT NULL REFERENCES customers (id),
  kind        text NOT NULL CHECK (kind IN ('email', 'phone', 'telegram', 'viber', 'facebook', 'vk')),
  -- Normalized (lower-cased address, E.164, account-scoped page id); unique per kind.
  value       text NOT NULL,
  raw_value   text NOT NULL,
  verified    boolean NOT NULL,
  created_at  timestamptz NOT NULL DEFAULT now(),
  UNIQUE (kind, value)
);
CREATE INDEX identities_customer ON identities (customer_id);

CREATE SEQUENCE ticket_number_seq;

CREATE TABLE tickets (
  id                uuid PRIMARY KEY,
  number            bigint NOT NULL UNIQUE DEFAULT nextval('ticket_number_seq'),
  customer_id       uuid NOT NULL REFERENCES customers (id),
  status            text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'pending', 'resolved', 'closed')),
  subject           text,
  topic             text,
  priority          text NOT NULL DEFAULT 'normal',
  assignee          text,
  "group"           text,
  tags              text[] NOT NULL DEFAULT '{}',
  -- Channel and account the ticket started on.
  channel           text NOT NULL,
  account           text NOT NULL,
  -- The earlier ticket a reply to a closed (or someone else's) ticket is linked to.
  linked_ticket_id  uuid REFERENCES tickets (id),
  message_count     integer NOT NULL DEFAULT 0,
  last_message_at   timestamptz,
  first_response_at timestamptz,
  resolved_at       timestamptz,
  created_at        timestamptz NOT NULL DEFAULT now(),
  updated_at        timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX tickets_updated ON tickets (updated_at, id);
CREATE INDEX tickets_customer ON tickets (customer_id, created_at);
CREATE INDEX tickets_status_updated ON tickets (status, updated_at, id);

CREATE TABLE messages (
  -- The deterministic id (UUIDv5 of channel, account, external id) for inbound messages.
  id                uuid PRIMARY KEY,
  ticket_id         uuid NOT NULL REFERENCES tickets (id),
  customer_id       uuid NOT NULL REFERENCES customers (id),
  direction         text NOT NULL CHECK (direction IN ('inbound', 'outbound', 'note')),
  channel           text NOT NULL,
  account           text NOT NULL,
  external_id       text,
  content_kind      text NOT NULL DEFAULT 'text',
  sent_at           timestamptz NOT NULL,
  received_at       timestamptz NOT NULL,
  subject           text,
  text              text NOT NULL DEFAULT '',
  html              text,
  full_text         text,
  -- Email threading headers (Message-ID without angle brackets).
  email_message_id  text,
  in_reply_to       text,
  "references"      text[],
  recipients        jsonb,
  sender            jsonb NOT NULL DEFAULT '{}',
  -- Who wrote an outbound message or note (agent name from the helpdesk).
  author            text,
  topic             jsonb,
  flags             jsonb NOT NULL DEFAULT '{}',
  extra             jsonb NOT NULL DEFAULT '{}',
  delivery_status   text CHECK (delivery_status IN ('queued', 'sent', 'failed', 'delivered', 'read')),
  delivery_error    jsonb,
  edited_at         timestamptz,
  -- Earlier versions of an edited message: [{ text, html, editedAt }].
  previous_versions jsonb NOT NULL DEFAULT '[]',
  created_at        timestamptz NOT NULL DEFAULT now(),
  updated_at        timestamptz NOT NULL DEFAULT now()
);
-- The idempotency key: one row per platform message, whatever the redeliveries.
CREATE UNIQUE INDEX messages_external ON messages (channel, account, external_id) WHERE external_id IS NOT NULL;
CREATE INDEX messages_ticket_order ON messages (ticket_id, sent_at, received_at, id);
CREATE INDEX messages_customer_timeline ON messages (customer_id, sent_at, received_at, id);
CREATE INDEX messages_email_message_id ON messages (account, email_message_id) WHERE email_message_id IS NOT NULL;

CREATE TABLE blobs (
  id         uuid PRIMARY KEY,
  sha256     text NOT NULL UNIQUE,
  size       bigint NOT NULL,
  data       bytea NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE attachments (
  id         uuid PRIMARY KEY,
  message_id uuid NOT NULL REFERENCES messages (id) ON DELETE CASCADE,
  position   integer NOT NULL,
  blob_id    uuid REFERENCES blobs (id),
  name       text NOT NULL,
  mime_type  text NOT NULL,
  size       bigint NOT NULL,
  sha256     text,
  content_id text,
  skipped    text,
  UNIQUE (message_id, position)
);

-- Transactional outbox: rows written with the change that caused them, relayed to Kafka.
CREATE TABLE outbox (
  id           bigserial PRIMARY KEY,
  topic        text NOT NULL,
  key          text NOT NULL,
  payload      jsonb NOT NULL,
  headers      jsonb NOT NULL DEFAULT '{}',
  created_at   timestamptz NOT NULL DEFAULT now(),
  published_at timestamptz
);
CREATE INDEX outbox_unpublished ON outbox (id) WHERE published_at IS NULL;

-- The change feed (GET /v1/events): every domain event, in the order it was recorded.
CREATE TABLE events (
  seq         bigserial PRIMARY KEY,
  id          uuid NOT NULL UNIQUE,
  type        text NOT NULL,
  occurred_at timestamptz NOT NULL,
  data        jsonb NOT NULL
);

CREATE TABLE api_keys (
  id           uuid PRIMARY KEY,
  name         text NOT NULL,
  -- SHA-256 of the key: keys are 256-bit random, so a fast hash is enough and lookups stay O(1).
  key_hash     text NOT NULL UNIQUE,
  prefix       text NOT NULL,
  scopes       text[] NOT NULL,
  created_at   timestamptz NOT NULL DEFAULT now(),
  last_used_at timestamptz,
  revoked_at   timestamptz
);
