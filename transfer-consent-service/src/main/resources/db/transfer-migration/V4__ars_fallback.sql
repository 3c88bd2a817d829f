-- The ARS fallback (issue 14, "beyond the paper"): a transfer still awaiting the recipient's SMS
-- reply transfer.consent.ars-fallback-after past its request is offered an ARS call (scenario E:
-- 1 agrees, 2 refuses), asked for once through the outbox as auth-requested under a verification
-- id of its own (ars_verification_id: set once, which is also the sweep's "already called" flag).
-- What the call reported (call-completed) is kept for the evidence: how it ended, the key's
-- meaning, and its timings. No number or key is stored here.
ALTER TABLE transfer.transfers
  ADD COLUMN ars_verification_id uuid UNIQUE,
  ADD COLUMN ars_requested_at timestamptz,
  ADD COLUMN ars_ended_at timestamptz,
  ADD COLUMN ars_outcome text,
  ADD COLUMN ars_result text,
  ADD COLUMN ars_sip_status integer,
  ADD COLUMN ars_ringing_millis bigint,
  ADD COLUMN ars_answer_millis bigint,
  ADD COLUMN ars_total_millis bigint;

ALTER TABLE transfer.transfers ADD CONSTRAINT transfers_ars_call_requested
  CHECK ((ars_verification_id IS NULL) = (ars_requested_at IS NULL));

-- the fallback sweep: awaiting transfers not called yet, oldest first
CREATE INDEX transfers_due_for_ars_call ON transfer.transfers (requested_at)
  WHERE state = 'awaiting_consent' AND ars_verification_id IS NULL;
