-- otp-service's own schema. Real-name ids are never stored: customers are found by their
-- blind index (HMAC-SHA256 under otp.secrets.lookup-key). Token secrets are sealed with
-- AES-256-GCM under a key id of otp.secrets.keys (associated data: otp-token/<id>).

CREATE TABLE otp.customers (
  customer_key  text PRIMARY KEY,
  kind          text NOT NULL CHECK (kind IN ('DOMESTIC_INDIVIDUAL', 'FOREIGN_INDIVIDUAL', 'CORPORATION')),
  security_card boolean NOT NULL DEFAULT false,
  -- consecutive verification failures over all the customer's tokens; only a success or an
  -- explicit reset sets it back to 0 (nothing expires it)
  failures      integer NOT NULL DEFAULT 0 CHECK (failures >= 0),
  created_at    timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE otp.tokens (
  id                uuid PRIMARY KEY,
  customer_key      text NOT NULL REFERENCES otp.customers (customer_key),
  kind              text NOT NULL CHECK (kind IN ('HARDWARE', 'MOBILE')),
  vendor_code       text,
  serial            text,
  mobile_device     text,
  time_based        boolean NOT NULL,
  algorithm         text NOT NULL CHECK (algorithm IN ('SHA1', 'SHA256', 'SHA512')),
  digits            integer NOT NULL CHECK (digits IN (6, 8)),
  step_seconds      integer NOT NULL CHECK (step_seconds IN (0, 30, 60)),
  secret_key_id     text NOT NULL,
  secret_nonce      text NOT NULL,
  secret_ciphertext text NOT NULL,
  -- HOTP: the next counter; TOTP: the last time step used (-1: none). Once-only codes.
  moving_factor     bigint NOT NULL,
  ocra_last_step    bigint NOT NULL DEFAULT -1,
  status            text NOT NULL CHECK (status IN ('ACTIVE', 'LOST', 'UNUSABLE', 'REVOKED', 'CANCELED')),
  warranty_from     date,
  warranty_until    date,
  valid_until       timestamptz,
  pin_hash          text,
  pin_failures      integer NOT NULL DEFAULT 0,
  created_at        timestamptz NOT NULL,
  updated_at        timestamptz NOT NULL DEFAULT now(),
  CHECK ((kind = 'HARDWARE') = (vendor_code IS NOT NULL AND serial IS NOT NULL)),
  CHECK ((kind = 'MOBILE') = (mobile_device IS NOT NULL))
);

-- one OTP of each kind per customer (1인 1개), and one live registration per device here
CREATE UNIQUE INDEX tokens_one_live_per_customer ON otp.tokens (customer_key, kind)
  WHERE status IN ('ACTIVE', 'LOST', 'UNUSABLE');
CREATE UNIQUE INDEX tokens_one_live_per_device ON otp.tokens (vendor_code, serial)
  WHERE kind = 'HARDWARE' AND status IN ('ACTIVE', 'LOST', 'UNUSABLE');
CREATE INDEX tokens_by_customer ON otp.tokens (customer_key, created_at DESC);
CREATE INDEX tokens_by_secret_key ON otp.tokens (secret_key_id);

-- The audit trail: who, on which channel, when, what, outcome. No secret, code, PIN or
-- real-name id. Append-only (the trigger below refuses UPDATE, DELETE and TRUNCATE).
-- Retention: 10 years (the seed's 문서 보존년한 10년); rows are never purged by the service.
-- Archiving older rows needs the table owner to drop the trigger, deliberately.
CREATE TABLE otp.audit_events (
  id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  at           timestamptz NOT NULL,
  actor        text NOT NULL,
  channel      text NOT NULL,
  operation    text NOT NULL,
  outcome      text NOT NULL,
  customer_key text NOT NULL,
  token_id     uuid,
  device       text
);
CREATE INDEX audit_events_by_device ON otp.audit_events (device, id);
CREATE INDEX audit_events_by_customer ON otp.audit_events (customer_key, id);

CREATE FUNCTION otp.audit_events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'otp.audit_events is append-only (% refused)', TG_OP
    USING ERRCODE = 'insufficient_privilege';
END;
$$;
CREATE TRIGGER audit_events_append_only BEFORE UPDATE OR DELETE ON otp.audit_events
  FOR EACH ROW EXECUTE FUNCTION otp.audit_events_append_only();
CREATE TRIGGER audit_events_no_truncate BEFORE TRUNCATE ON otp.audit_events
  FOR EACH STATEMENT EXECUTE FUNCTION otp.audit_events_append_only();

-- messaging library tables (messaging/README.md)
CREATE TABLE otp.outbox (
  id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  topic       text NOT NULL,
  message_key text NOT NULL,
  payload     bytea NOT NULL,
  traceparent text,
  created_at  timestamptz NOT NULL DEFAULT now()
);
CREATE TABLE otp.processed_events (
  event_id     uuid PRIMARY KEY,
  processed_at timestamptz NOT NULL
);
CREATE INDEX processed_events_age ON otp.processed_events USING brin (processed_at);
