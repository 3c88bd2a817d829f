-- gateway-service schema. Personal data is sealed (AES-256-GCM, key id recorded) or
-- masked; codes are stored only as HMACs.

CREATE TABLE gateway.merchants (
  id                          text PRIMARY KEY,
  name                        text NOT NULL,
  webhook_secret_key_id       text NOT NULL,
  webhook_secret_nonce        text NOT NULL,
  webhook_secret_ciphertext   text NOT NULL,
  created_at                  timestamptz NOT NULL
);

CREATE TABLE gateway.api_credentials (
  key_id              text PRIMARY KEY,
  merchant_id         text NOT NULL REFERENCES gateway.merchants (id),
  secret_key_id       text NOT NULL,
  secret_nonce        text NOT NULL,
  secret_ciphertext   text NOT NULL,
  created_at          timestamptz NOT NULL,
  revoked_at          timestamptz
);

-- Each (key, nonce) once. expires_at = signature timestamp + window; later the
-- timestamp alone refuses the request, so expired rows are purged. BRIN: rows arrive in
-- time order and the index costs the insert almost nothing.
CREATE TABLE gateway.request_nonces (
  key_id      text NOT NULL,
  nonce       text NOT NULL,
  expires_at  timestamptz NOT NULL,
  CONSTRAINT request_nonces_pkey PRIMARY KEY (key_id, nonce)
);
CREATE INDEX request_nonces_expiry ON gateway.request_nonces USING brin (expires_at);

-- No foreign key to merchants: the merchant comes from an authenticated credential, and
-- a key-share lock on the merchant row per insert would serialise a busy merchant.
CREATE TABLE gateway.verifications (
  id                  uuid PRIMARY KEY,
  merchant_id         text NOT NULL,
  type                text NOT NULL CHECK (type IN ('A', 'B', 'C')),
  status              text NOT NULL CHECK (status IN ('pending', 'approved', 'denied', 'canceled', 'expired',
                                                      'max_attempts_reached', 'failed')),
  reason              text,
  phone_key_id        text NOT NULL,
  phone_nonce         text NOT NULL,
  phone_ciphertext    text NOT NULL,
  phone_masked        text NOT NULL,
  code_hash           bytea NOT NULL,
  code_length         smallint NOT NULL CHECK (code_length BETWEEN 4 AND 8),
  attempts_used       smallint NOT NULL DEFAULT 0,
  callback_url        text CHECK (length(callback_url) <= 2048),
  expires_at          timestamptz NOT NULL,
  created_at          timestamptz NOT NULL,
  updated_at          timestamptz NOT NULL,
  finished_at         timestamptz,
  call_outcome        text,
  scenario_result     text,
  sip_status          integer,
  ringing_ms          bigint,
  answer_ms           bigint,
  call_total_ms       bigint,
  call_completed_at   timestamptz
);
CREATE INDEX verifications_pending_expiry ON gateway.verifications (expires_at) WHERE status = 'pending';

-- Transactional outbox: rows are deleted once published.
CREATE TABLE gateway.outbox (
  id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  topic        text NOT NULL,
  message_key  text NOT NULL,
  payload      bytea NOT NULL,
  created_at   timestamptz NOT NULL DEFAULT now()
);

-- Events consumed, for idempotent consumers.
CREATE TABLE gateway.processed_events (
  event_id      uuid PRIMARY KEY,
  processed_at  timestamptz NOT NULL
);

CREATE TABLE gateway.webhook_deliveries (
  id                bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  event_id          uuid NOT NULL UNIQUE,
  merchant_id       text NOT NULL,
  verification_id   uuid NOT NULL,
  url               text NOT NULL,
  payload           bytea NOT NULL,
  status            text NOT NULL CHECK (status IN ('pending', 'delivered', 'failed')),
  attempts          integer NOT NULL DEFAULT 0,
  next_attempt_at   timestamptz NOT NULL,
  last_status_code  integer,
  last_error        text,
  created_at        timestamptz NOT NULL,
  delivered_at      timestamptz
);
CREATE INDEX webhook_deliveries_due ON gateway.webhook_deliveries (next_attempt_at) WHERE status = 'pending';

CREATE TABLE gateway.webhook_attempts (
  delivery_id   bigint NOT NULL REFERENCES gateway.webhook_deliveries (id),
  attempt       integer NOT NULL,
  status_code   integer,
  error         text,
  duration_ms   bigint NOT NULL,
  attempted_at  timestamptz NOT NULL,
  PRIMARY KEY (delivery_id, attempt)
);
