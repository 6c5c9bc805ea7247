-- Tables and indexes of the email channel (issue: Email channel).

-- Where each mailbox's ingestion resumes: UIDs are only meaningful under one UIDVALIDITY.
-- `last_uid` is the highest UID whose message the bus accepted (or that was set aside with a reason).
CREATE TABLE email_cursors (
  account     text NOT NULL,
  mailbox     text NOT NULL,
  uidvalidity bigint NOT NULL,
  last_uid    bigint NOT NULL DEFAULT 0,
  updated_at  timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (account, mailbox)
);

-- Every message the adapter handed to the bus, by its idempotency key (Message-ID, or a hash
-- of the raw message), so a re-scan after a UIDVALIDITY change publishes nothing twice.
CREATE TABLE email_ingested (
  account     text NOT NULL,
  external_id text NOT NULL,
  message_id  uuid NOT NULL,
  ingested_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (account, external_id)
);

-- Messages set aside rather than ingested (too big, unparseable), with the reason, so an
-- operator can see what did not arrive and why.
CREATE TABLE email_set_aside (
  account     text NOT NULL,
  mailbox     text NOT NULL,
  uidvalidity bigint NOT NULL,
  uid         bigint NOT NULL,
  reason      text NOT NULL,
  created_at  timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (account, mailbox, uidvalidity, uid)
);
