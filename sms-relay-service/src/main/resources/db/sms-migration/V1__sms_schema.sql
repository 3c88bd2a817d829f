-- sms-relay-service: every outbound message with its status, the SMSC's ids for its parts,
-- inbound messages seen (deduplication), the sender-number registry, and messaging's tables.

CREATE TABLE sms.sender_numbers (
  number        text PRIMARY KEY,
  registered_at timestamptz NOT NULL DEFAULT now()
);

-- recipient and body are the request's sealed values as they came (AES-GCM, associated data
-- <id>/to and <id>/text): personal data is never stored in clear. recipient_key is an HMAC of
-- the E.164 number: per-recipient limits and reply matching without the number.
CREATE TABLE sms.messages (
  id              uuid PRIMARY KEY,
  sender_number   text NOT NULL,
  recipient_key   text NOT NULL,
  recipient       text NOT NULL,
  body            text NOT NULL,
  reply_for       uuid,
  status          text NOT NULL,
  error_code      text,
  parts           int NOT NULL DEFAULT 0,
  parts_delivered int NOT NULL DEFAULT 0,
  attempts        int NOT NULL DEFAULT 0,
  next_attempt_at timestamptz NOT NULL,
  claimed_by      uuid,
  claimed_at      timestamptz,
  expires_at      timestamptz NOT NULL,
  traceparent     text,
  created_at      timestamptz NOT NULL,
  updated_at      timestamptz NOT NULL,
  CONSTRAINT messages_status_check
    CHECK (status IN ('queued', 'submitting', 'submitted', 'delivered', 'failed', 'expired'))
);
CREATE INDEX messages_due ON sms.messages (next_attempt_at) WHERE status = 'queued';
CREATE INDEX messages_claimed ON sms.messages (claimed_at) WHERE status = 'submitting';
CREATE INDEX messages_recipient ON sms.messages (recipient_key, created_at);

-- the SMSC's message id of each submitted part: a receipt is matched here, after a reconnect
-- or a restart as well
CREATE TABLE sms.smsc_ids (
  smsc_message_id text PRIMARY KEY,
  message_id      uuid NOT NULL REFERENCES sms.messages (id),
  part            int NOT NULL,
  receipt_state   text
);
CREATE INDEX smsc_ids_message ON sms.smsc_ids (message_id);

-- a receipt that came before its submit_sm_resp was recorded (or for an id we never had);
-- applied when the id is recorded
CREATE TABLE sms.unmatched_receipts (
  smsc_message_id text PRIMARY KEY,
  state           text NOT NULL,
  error_code      text,
  received_at     timestamptz NOT NULL
);

-- mobile-originated messages seen, by fingerprint (SHA-256 of source, destination, coding and
-- bytes): an MO the SMSC delivers twice is relayed once
CREATE TABLE sms.inbound_seen (
  fingerprint text PRIMARY KEY,
  received_at timestamptz NOT NULL,
  outcome     text NOT NULL
);
CREATE INDEX inbound_seen_age ON sms.inbound_seen USING brin (received_at);

CREATE TABLE sms.outbox (
  id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  topic       text NOT NULL,
  message_key text NOT NULL,
  payload     bytea NOT NULL,
  traceparent text,
  created_at  timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE sms.processed_events (
  event_id     uuid PRIMARY KEY,
  processed_at timestamptz NOT NULL
);
CREATE INDEX processed_events_age ON sms.processed_events USING brin (processed_at);
