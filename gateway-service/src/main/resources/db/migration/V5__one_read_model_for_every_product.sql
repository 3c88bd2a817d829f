-- One verification read model for every product. gateway.verifications keeps what all
-- products share (id, merchant, product, kind, status, reason, callback, timestamps, trace
-- context); each product keeps its details in a table of its own keyed by the same id.
-- ARS is the first: its scenario becomes the shared "kind", the rest moves to
-- gateway.ars_verifications.

CREATE TABLE gateway.ars_verifications (
  id                  uuid PRIMARY KEY REFERENCES gateway.verifications (id),
  phone_key_id        text NOT NULL,
  phone_nonce         text NOT NULL,
  phone_ciphertext    text NOT NULL,
  phone_masked        text NOT NULL,
  code_hash           bytea NOT NULL,
  code_length         smallint NOT NULL CHECK (code_length BETWEEN 4 AND 8),
  attempts_used       smallint NOT NULL DEFAULT 0,
  call_outcome        text,
  scenario_result     text,
  sip_status          integer,
  ringing_ms          bigint,
  answer_ms           bigint,
  call_total_ms       bigint,
  call_completed_at   timestamptz
);

INSERT INTO gateway.ars_verifications (id, phone_key_id, phone_nonce, phone_ciphertext, phone_masked, code_hash,
    code_length, attempts_used, call_outcome, scenario_result, sip_status, ringing_ms, answer_ms, call_total_ms,
    call_completed_at)
  SELECT id, phone_key_id, phone_nonce, phone_ciphertext, phone_masked, code_hash, code_length, attempts_used,
    call_outcome, scenario_result, sip_status, ringing_ms, answer_ms, call_total_ms, call_completed_at
  FROM gateway.verifications;

ALTER TABLE gateway.verifications ADD COLUMN product text;
UPDATE gateway.verifications SET product = 'ars';
ALTER TABLE gateway.verifications ALTER COLUMN product SET NOT NULL;
-- a product joins the list with the migration that creates its details table
ALTER TABLE gateway.verifications ADD CONSTRAINT verifications_product_check CHECK (product IN ('ars'));

ALTER TABLE gateway.verifications RENAME COLUMN type TO kind;
ALTER TABLE gateway.verifications DROP CONSTRAINT verifications_type_check;
ALTER TABLE gateway.verifications ADD CONSTRAINT verifications_kind_check CHECK (length(kind) BETWEEN 1 AND 32);

ALTER TABLE gateway.verifications
  DROP COLUMN phone_key_id,
  DROP COLUMN phone_nonce,
  DROP COLUMN phone_ciphertext,
  DROP COLUMN phone_masked,
  DROP COLUMN code_hash,
  DROP COLUMN code_length,
  DROP COLUMN attempts_used,
  DROP COLUMN call_outcome,
  DROP COLUMN scenario_result,
  DROP COLUMN sip_status,
  DROP COLUMN ringing_ms,
  DROP COLUMN answer_ms,
  DROP COLUMN call_total_ms,
  DROP COLUMN call_completed_at;
