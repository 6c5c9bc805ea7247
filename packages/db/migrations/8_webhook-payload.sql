-- Per subscription, how much a delivery carries: `thin` (the event's ids, as before) or
-- `full` (also the ticket, message or customer as the API answers it at delivery time).
ALTER TABLE webhook_subscriptions
  ADD COLUMN payload text NOT NULL DEFAULT 'thin' CHECK (payload IN ('thin', 'full'));
