-- Tables and indexes of the web-form channel.
-- (Numbered ahead so that work on several channels can proceed at once; postgres-migrations needs consecutive ids.)
SELECT 1;
