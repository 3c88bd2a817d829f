-- Transfers that need the remitter's OTP (issue 15 item 8): such a transfer waits in
-- 'awaiting_otp' (nothing held, no consent SMS yet) for otp-service's answer to the request
-- stored in otp_request_id; only then does it hold the money and ask the recipient. A transfer
-- that ended while awaiting its OTP never had a consent code.
ALTER TABLE transfer.transfers ADD COLUMN otp_request_id uuid UNIQUE;

ALTER TABLE transfer.transfers DROP CONSTRAINT transfers_state_check;
ALTER TABLE transfer.transfers ADD CONSTRAINT transfers_state_check
  CHECK (state IN ('awaiting_otp', 'awaiting_consent', 'executed', 'declined', 'expired', 'failed', 'canceled'));

ALTER TABLE transfer.transfers DROP CONSTRAINT transfers_consent_has_code;
ALTER TABLE transfer.transfers ADD CONSTRAINT transfers_consent_has_code CHECK (mode = 'normal'
  OR (expires_at IS NOT NULL AND recipient_phone IS NOT NULL
      AND (code_hash IS NOT NULL OR state = 'awaiting_otp'
           OR (otp_request_id IS NOT NULL AND consent_message_id IS NULL))));

CREATE INDEX transfers_awaiting_otp ON transfer.transfers (expires_at) WHERE state = 'awaiting_otp';
