-- Retention (gateway.retention.personal-data): an ended verification's sealed phone number
-- is erased after the period, its masked form stays. The sweep finds ended verifications by
-- creation time.
ALTER TABLE gateway.ars_verifications
  ALTER COLUMN phone_key_id DROP NOT NULL,
  ALTER COLUMN phone_nonce DROP NOT NULL,
  ALTER COLUMN phone_ciphertext DROP NOT NULL,
  ADD CONSTRAINT ars_verifications_phone_sealed_whole CHECK (
    (phone_key_id IS NULL) = (phone_ciphertext IS NULL) AND (phone_nonce IS NULL) = (phone_ciphertext IS NULL));

CREATE INDEX verifications_created_at ON gateway.verifications USING brin (created_at);
CREATE INDEX webhook_deliveries_created_at ON gateway.webhook_deliveries USING brin (created_at);
