-- The read path (issue 25): every ticket keeps the API's JSON of itself, so a list page reads
-- one stored text per ticket instead of building it for every row of every page (row_to_json
-- with seven to_char calls was most of a page's database time: 0.63–0.94 ms of PostgreSQL CPU
-- per 50-ticket page against 0.21–0.39 with the stored text, at 100,000 tickets).
--
-- A BEFORE ROW trigger writes it from the row being stored: every field of the ticket's JSON is
-- a column of `tickets` (`channels` and `csat` included), so any INSERT or UPDATE of a ticket, by
-- whichever service, leaves a text that cannot disagree with the row. It is the only BEFORE
-- trigger on `tickets`: none runs after it to change the row it described.

-- The fields of a ticket as the API writes them (`Ticket` in @omni/contracts), in that order:
-- `row_to_json` names each member after its field. Timestamps are text as JavaScript's
-- `toISOString()` writes them (UTC, milliseconds).
CREATE TYPE ticket_json_fields AS (
  id                      uuid,
  number                  bigint,
  status                  text,
  subject                 text,
  topic                   text,
  "customerId"            uuid,
  channels                text[],
  priority                text,
  assignee                text,
  "group"                 text,
  tags                    text[],
  "createdAt"             text,
  "updatedAt"             text,
  "lastMessageAt"         text,
  "firstResponseAt"       text,
  "messageCount"          integer,
  "mergedIntoTicketId"    uuid,
  "routingRule"           text,
  "firstResponseDueAt"    text,
  "resolutionDueAt"       text,
  "firstResponseBreached" boolean,
  "resolutionBreached"    boolean,
  -- jsonb, which PostgreSQL writes with a space after `:` and `,`: the API compacts a rated
  -- ticket's text (`t.csat IS NULL` tells which texts are already compact).
  csat                    jsonb
);

-- One expression over NEW (no query): PL/pgSQL evaluates it without planning a statement,
-- the cheapest form measured for the ticket updates of the ingest path.
CREATE FUNCTION tickets_write_json() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW.json := row_to_json(ROW(
    NEW.id, NEW.number, NEW.status, NEW.subject, NEW.topic, NEW.customer_id, NEW.channels, NEW.priority,
    NEW.assignee, NEW."group", NEW.tags,
    to_char(NEW.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
    to_char(NEW.updated_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
    to_char(NEW.last_message_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
    to_char(NEW.first_response_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
    NEW.message_count, NEW.merged_into, NEW.routing_rule,
    to_char(NEW.first_response_due_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
    to_char(NEW.resolution_due_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
    NEW.first_response_breached, NEW.resolution_breached, NEW.csat
  )::ticket_json_fields)::text;
  RETURN NEW;
END $$;

ALTER TABLE tickets ADD COLUMN json text;

CREATE TRIGGER tickets_json BEFORE INSERT OR UPDATE ON tickets
  FOR EACH ROW EXECUTE FUNCTION tickets_write_json();

-- Every existing ticket gets its text from the trigger.
UPDATE tickets SET json = NULL;
ALTER TABLE tickets ALTER COLUMN json SET NOT NULL;
