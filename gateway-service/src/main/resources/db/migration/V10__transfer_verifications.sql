-- Issue 14: 2-WAY transfers as a product of the one read model. The verification row keeps the
-- status; gateway.transfer_verifications keeps what the merchant sees of the transfer (numbers
-- only masked), how transfer-consent-service ended it, and its signed evidence file (whose
-- personal data is itself only masked or committed), so the merchant can download it.
ALTER TABLE gateway.verifications DROP CONSTRAINT verifications_product_check;
ALTER TABLE gateway.verifications ADD CONSTRAINT verifications_product_check CHECK (product IN ('ars', 'transfer'));

CREATE TABLE gateway.transfer_verifications (
  id                     uuid PRIMARY KEY REFERENCES gateway.verifications (id),
  amount                 bigint NOT NULL CHECK (amount > 0),
  to_bank                text NOT NULL,
  from_account_masked    text NOT NULL,
  to_account_masked      text NOT NULL,
  recipient_phone_masked text,
  purpose                text CHECK (purpose IN ('loan', 'contract', 'trade')),
  repayment_date         date,
  cancel_requested_at    timestamptz,
  outcome                text CHECK (outcome IN ('executed', 'declined', 'expired', 'failed', 'canceled', 'refused')),
  outcome_reason         text,
  evidence               text,
  completed_at           timestamptz
);
