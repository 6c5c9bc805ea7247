-- Webhook secret rotation with overlap: the rotated-out secret keeps signing beside the new
-- one until it expires, so receivers verifying with either keep working meanwhile.
ALTER TABLE webhook_subscriptions
  ADD COLUMN previous_secret            text,
  ADD COLUMN previous_secret_expires_at timestamptz,
  ADD COLUMN secret_rotated_at          timestamptz;
