-- Tables and indexes of the Telegram, Viber, Facebook and VK adapters.
-- (Numbered ahead so that work on several channels can proceed at once; postgres-migrations needs consecutive ids.)
SELECT 1;

-- Viber: send_message returns a message_token; delivered/seen/failed callbacks name only
-- that token. This maps it back to our outbound message so receipts reach its ticket.
-- Rows older than the receipt horizon are deleted by the adapter on start.
CREATE TABLE viber_outbound_tokens (
  account       text NOT NULL,
  message_token text NOT NULL,
  message_id    uuid NOT NULL,
  ticket_id     uuid NOT NULL,
  created_at    timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (account, message_token)
);
CREATE INDEX viber_outbound_tokens_created ON viber_outbound_tokens (created_at);
