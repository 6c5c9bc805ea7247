-- The live chat (services/adapter-livechat): its visitors, each visitor's conversation as
-- the widget shows it, and the key visitor tokens are signed with when none is configured.

-- One row per visitor of an account. token_version is in every token; bumping it revokes them.
-- last_seq numbers the visitor's entries: taken under this row's lock, so entries commit
-- in their numbering order and a reader that saw entry n has seen every entry before it.
CREATE TABLE livechat_visitors (
  account       text NOT NULL,
  visitor       text NOT NULL,
  token_version integer NOT NULL DEFAULT 1,
  last_seq      bigint NOT NULL DEFAULT 0,
  -- What the visitor said about themselves (pre-chat form) or the site vouched for.
  profile       jsonb NOT NULL DEFAULT '{}',
  verified      boolean NOT NULL DEFAULT false,
  created_at    timestamptz NOT NULL DEFAULT now(),
  updated_at    timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (account, visitor)
);

-- The conversation as the visitor sees it: their messages as accepted, our replies as the
-- adapter received them. message_id is the id of the same message in /v1.
CREATE TABLE livechat_entries (
  account     text NOT NULL,
  visitor     text NOT NULL,
  seq         bigint NOT NULL,
  message_id  uuid NOT NULL UNIQUE,
  direction   text NOT NULL CHECK (direction IN ('inbound', 'outbound')),
  ticket_id   uuid,
  text        text NOT NULL,
  attachments jsonb NOT NULL DEFAULT '[]',
  author      text,
  -- The widget's id of a visitor message: its pending bubble becomes this entry.
  client_message_id text,
  status      text CHECK (status IN ('sent', 'delivered', 'read')),
  created_at  timestamptz NOT NULL,
  PRIMARY KEY (account, visitor, seq),
  FOREIGN KEY (account, visitor) REFERENCES livechat_visitors (account, visitor)
);

CREATE TABLE livechat_keys (
  account    text PRIMARY KEY,
  token_key  text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);
