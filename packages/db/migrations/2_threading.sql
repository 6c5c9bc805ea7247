-- Tables and indexes of threading and identity (issue: Threading and identity).

-- Every merge of one customer into another, automatic or manual, with exactly what moved,
-- so that it can be undone (an unmerge moves these rows back and clears merged_into).
CREATE TABLE customer_merges (
  id           uuid PRIMARY KEY,
  survivor_id  uuid NOT NULL REFERENCES customers (id),
  merged_id    uuid NOT NULL REFERENCES customers (id),
  reason       text NOT NULL CHECK (reason IN ('automatic', 'manual')),
  -- Who asked for it (API key name, agent); NULL for the threading service.
  actor        text,
  -- Why threading merged: the message and the identities that met in it.
  trigger      jsonb,
  identity_ids uuid[] NOT NULL,
  ticket_ids   uuid[] NOT NULL,
  message_ids  uuid[] NOT NULL,
  created_at   timestamptz NOT NULL DEFAULT now(),
  undone_at    timestamptz,
  undone_by    text,
  CHECK (survivor_id <> merged_id)
);
CREATE INDEX customer_merges_survivor ON customer_merges (survivor_id, created_at);
CREATE INDEX customer_merges_merged ON customer_merges (merged_id, created_at);
-- A customer is merged away at most once at a time.
CREATE UNIQUE INDEX customer_merges_active ON customer_merges (merged_id) WHERE undone_at IS NULL;

-- An identity claimed (unverified, or blocked by an undone merge) by a customer other
-- than the one holding it: kept for a person to decide, never merged automatically.
CREATE TABLE identity_conflicts (
  id                   uuid PRIMARY KEY,
  kind                 text NOT NULL,
  value                text NOT NULL,
  -- The customer the identity belongs to.
  owner_customer_id    uuid NOT NULL REFERENCES customers (id),
  -- The customer whose message claimed it.
  claimant_customer_id uuid NOT NULL REFERENCES customers (id),
  -- The message that carried the claim (first one seen).
  message_id           uuid,
  claim_verified       boolean NOT NULL,
  created_at           timestamptz NOT NULL DEFAULT now(),
  resolved_at          timestamptz,
  UNIQUE (kind, value, owner_customer_id, claimant_customer_id)
);
CREATE INDEX identity_conflicts_owner ON identity_conflicts (owner_customer_id);
CREATE INDEX identity_conflicts_claimant ON identity_conflicts (claimant_customer_id);

-- Messenger continuation: the customer's newest ticket on a channel and account.
CREATE INDEX tickets_customer_channel ON tickets (customer_id, channel, account, created_at DESC);
CREATE INDEX tickets_linked ON tickets (linked_ticket_id) WHERE linked_ticket_id IS NOT NULL;
