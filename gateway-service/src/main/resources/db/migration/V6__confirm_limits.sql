-- Issue 13 #3, codes guessed without a call.
--
-- Per-destination limits: each ARS verification keeps a keyed hash of its E.164 number
-- (HMAC-SHA256 under the code pepper, never the number in clear), so the gateway can count
-- the verifications of a number over the last 10 minutes and the last day, across merchants.
-- Null for verifications stored before this migration (they are not counted).
ALTER TABLE gateway.ars_verifications ADD COLUMN destination_hash bytea;
CREATE INDEX ars_verifications_destination ON gateway.ars_verifications (destination_hash)
  WHERE destination_hash IS NOT NULL;

-- Per-merchant budget of failed confirmations: one row per wrong code, whichever
-- verification; a merchant's rows older than the window are deleted when it records the
-- next one.
CREATE TABLE gateway.confirm_failures (
  merchant_id  text NOT NULL,
  failed_at    timestamptz NOT NULL
);
CREATE INDEX confirm_failures_merchant ON gateway.confirm_failures (merchant_id, failed_at);
