-- Identity kinds are the contract's (IDENTITY_KINDS in @omni/contracts, from the channel
-- traits), validated on every message before it is stored: the database keeps no second
-- list that a new channel would have to repeat.
ALTER TABLE identities DROP CONSTRAINT IF EXISTS identities_kind_check;
