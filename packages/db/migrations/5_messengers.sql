-- Tables and indexes of the Telegram, Viber, Facebook and VK adapters.
-- (Numbered ahead so that work on several channels can proceed at once; postgres-migrations needs consecutive ids.)
SELECT 1;
