-- Tables and indexes of the ticket API, API keys, webhooks (issue: Ticket API complete).
-- (Numbered ahead so that work on several channels can proceed at once; postgres-migrations needs consecutive ids.)
SELECT 1;
