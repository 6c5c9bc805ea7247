-- Satisfaction surveys after resolution (CSAT): the rating on the ticket, and one survey per ticket.
-- (Numbered ahead so that work on several components can proceed at once; postgres-migrations needs consecutive ids.)

-- `{score, scale, comment, channel, at}` once the customer answered; the API shows it as `csat`.
ALTER TABLE tickets ADD COLUMN csat jsonb;

-- At most one survey per ticket (the primary key). Scheduled when the ticket is resolved,
-- cancelled when it is reopened before `due_at`, then sent (or skipped, with the reason).
CREATE TABLE csat_surveys (
  ticket_id    uuid PRIMARY KEY REFERENCES tickets (id),
  customer_id  uuid NOT NULL,
  state        text NOT NULL CHECK (state IN ('scheduled', 'cancelled', 'sent', 'skipped', 'answered')),
  skip_reason  text,
  scale        text NOT NULL CHECK (scale IN ('five', 'thumbs')),
  due_at       timestamptz NOT NULL,
  sent_at      timestamptz,
  -- Until when a reply or a link counts as the answer.
  expires_at   timestamptz,
  message_id   uuid,
  -- Where the survey went: a reply that is only a number from this recipient is its answer.
  via_channel  text,
  via_account  text,
  recipient    text,
  answered_at  timestamptz,
  -- The inbound message that answered (a button press or a reply), so a redelivery is recognised.
  answer_message_id uuid
);
CREATE INDEX csat_surveys_answer ON csat_surveys (answer_message_id) WHERE answer_message_id IS NOT NULL;
CREATE INDEX csat_surveys_due ON csat_surveys (due_at) WHERE state = 'scheduled';
CREATE INDEX csat_surveys_recipient ON csat_surveys (via_channel, via_account, recipient, sent_at DESC) WHERE state = 'sent';
CREATE INDEX csat_surveys_customer ON csat_surveys (customer_id, sent_at) WHERE sent_at IS NOT NULL;
CREATE INDEX csat_surveys_sent ON csat_surveys (sent_at) WHERE sent_at IS NOT NULL;
