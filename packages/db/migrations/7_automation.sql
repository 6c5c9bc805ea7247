-- Tables and indexes of first-line automation (acknowledgements, routing, SLA, announcements).
-- (Numbered ahead so that work on several components can proceed at once; postgres-migrations needs consecutive ids.)
SELECT 1;
