-- The live chat's offline email (services/adapter-livechat/src/offline-email.ts): a reply the
-- visitor has not read in time is emailed once, with the other unread ones. emailed_in is the
-- email message (messages.id) that carried it; set in the transaction that queued that email,
-- so no replica and no restart sends a reply twice. The nil UUID: it could not be emailed
-- (its ticket was deleted) and is not looked at again.
ALTER TABLE livechat_entries ADD COLUMN emailed_in uuid;

-- The job's scan: replies still unread and not emailed, by age.
CREATE INDEX livechat_entries_unread_replies ON livechat_entries (created_at)
  WHERE direction = 'outbound' AND status IN ('sent', 'delivered') AND emailed_in IS NULL;
