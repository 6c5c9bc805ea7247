-- Tables and indexes of threading and identity (issue: Threading and identity).
-- (Numbered ahead so that work on several channels can proceed at once; postgres-migrations needs consecutive ids.)
SELECT 1;
