-- Tables and indexes of the email channel (issue: Email channel).
-- (Numbered ahead so that work on several channels can proceed at once; postgres-migrations needs consecutive ids.)
SELECT 1;
