-- Tables and indexes of first-line automation (acknowledgements, routing, SLA, announcements).
-- (Numbered ahead so that work on several components can proceed at once; postgres-migrations needs consecutive ids.)

-- What routing and the SLA decided, on the ticket itself so the ticket API can show it.
ALTER TABLE tickets
  ADD COLUMN routing_rule            text,
  ADD COLUMN first_response_due_at   timestamptz,
  ADD COLUMN resolution_due_at       timestamptz,
  ADD COLUMN first_response_breached boolean NOT NULL DEFAULT false,
  ADD COLUMN resolution_breached     boolean NOT NULL DEFAULT false;

-- The SLA clocks of a ticket. The row is written with the routing decision, so it also
-- marks a `ticket.created` as handled: a redelivered event changes nothing.
CREATE TABLE ticket_sla (
  ticket_id                  uuid PRIMARY KEY REFERENCES tickets (id),
  started_at                 timestamptz NOT NULL,
  "group"                    text,
  priority                   text NOT NULL,
  first_response_warn_at     timestamptz NOT NULL,
  first_response_due_at      timestamptz NOT NULL,
  resolution_warn_at         timestamptz NOT NULL,
  resolution_due_at          timestamptz NOT NULL,
  -- When each clock stopped: the first non-automatic outbound message; resolved or closed.
  first_response_at          timestamptz,
  resolved_at                timestamptz,
  -- Each event is emitted once: these are set in the transaction that records it.
  first_response_warned_at   timestamptz,
  first_response_breached_at timestamptz,
  resolution_warned_at       timestamptz,
  resolution_breached_at     timestamptz,
  -- The earliest threshold still to look at; NULL when nothing is pending.
  next_check_at              timestamptz
);
CREATE INDEX ticket_sla_next_check ON ticket_sla (next_check_at) WHERE next_check_at IS NOT NULL;

-- Every acknowledgement sent: at most one per ticket, and the per-customer daily limit.
CREATE TABLE acknowledgements (
  ticket_id   uuid PRIMARY KEY REFERENCES tickets (id),
  customer_id uuid NOT NULL,
  message_id  uuid NOT NULL,
  channel     text NOT NULL,
  account     text NOT NULL,
  language    text NOT NULL,
  sent_at     timestamptz NOT NULL
);
CREATE INDEX acknowledgements_customer ON acknowledgements (customer_id, sent_at);

-- Outage notices: text per language, for some channels (empty: all), over a period.
CREATE TABLE announcements (
  id         uuid PRIMARY KEY,
  texts      jsonb NOT NULL,
  channels   text[] NOT NULL DEFAULT '{}',
  starts_at  timestamptz NOT NULL,
  ends_at    timestamptz,
  created_by uuid,
  created_at timestamptz NOT NULL DEFAULT now(),
  CHECK (ends_at IS NULL OR ends_at > starts_at)
);
CREATE INDEX announcements_period ON announcements (starts_at DESC, id DESC);
