-- Long polling whose position the platform does not keep for us (MAX's GET /updates
-- `marker`): the position of the next update, per channel and account, advanced only after
-- the bus accepted the batch before it. Written under the polling lease (one replica).
CREATE TABLE poll_cursors (
  channel    text NOT NULL,
  account    text NOT NULL,
  cursor     text NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (channel, account)
);

-- MAX: customers who stopped the bot (bot_stopped) until they start it again
-- (bot_started). A reply to them fails permanently with that reason instead of a bare 403.
CREATE TABLE max_stopped_dialogs (
  account    text NOT NULL,
  user_id    bigint NOT NULL,
  stopped_at timestamptz NOT NULL,
  PRIMARY KEY (account, user_id)
);
