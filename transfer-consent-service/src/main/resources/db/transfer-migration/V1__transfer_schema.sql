-- transfer-consent-service: accounts, the double-entry ledger, transfers and their consent,
-- the evidence chain, and the messaging tables (outbox, processed events).

-- Accounts. A customer account never goes below zero (the check constraint); the one funding
-- account is the other side of opening balances and may; the one escrow account holds the
-- money of every transfer that waits for its recipient's consent.
CREATE TABLE transfer.accounts (
  account_number      text PRIMARY KEY,
  kind                text NOT NULL DEFAULT 'customer' CHECK (kind IN ('customer', 'escrow', 'funding')),
  holder_name         text NOT NULL,
  phone               text,
  balance             bigint NOT NULL DEFAULT 0,
  password_hash       bytea,
  password_salt       bytea,
  password_iterations integer,
  failed_logins       integer NOT NULL DEFAULT 0,
  locked_at           timestamptz,
  created_at          timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT accounts_balance_never_negative CHECK (kind = 'funding' OR balance >= 0)
);

INSERT INTO transfer.accounts (account_number, kind, holder_name) VALUES
  ('SYS-ESCROW', 'escrow', 'transfers awaiting consent'),
  ('SYS-FUNDING', 'funding', 'opening balances');

-- The journal: a posting moves money between accounts; its entries sum to zero.
CREATE TABLE transfer.postings (
  id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  transfer_id uuid,
  kind        text NOT NULL CHECK (kind IN ('opening', 'hold', 'release', 'settle')),
  posted_at   timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX postings_transfer ON transfer.postings (transfer_id);

CREATE TABLE transfer.entries (
  posting_id     bigint NOT NULL REFERENCES transfer.postings (id),
  account_number text NOT NULL REFERENCES transfer.accounts (account_number),
  amount         bigint NOT NULL CHECK (amount <> 0),
  PRIMARY KEY (posting_id, account_number)
);
CREATE INDEX entries_account ON transfer.entries (account_number);

-- An entry moves its account's balance in the same statement (so the balance check applies
-- at once and no code path can update a balance without an entry).
CREATE FUNCTION transfer.apply_entry() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE transfer.accounts SET balance = balance + NEW.amount WHERE account_number = NEW.account_number;
  RETURN NEW;
END $$;
CREATE TRIGGER entries_apply AFTER INSERT ON transfer.entries FOR EACH ROW EXECUTE FUNCTION transfer.apply_entry();

-- Every posting is balanced when its transaction commits: checked by the database, whatever
-- wrote the entries.
CREATE FUNCTION transfer.check_posting_balanced() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF (SELECT coalesce(sum(amount), 0) FROM transfer.entries WHERE posting_id = NEW.posting_id) <> 0 THEN
    RAISE EXCEPTION 'posting % is not balanced', NEW.posting_id USING ERRCODE = '23514';
  END IF;
  RETURN NULL;
END $$;
CREATE CONSTRAINT TRIGGER entries_balanced AFTER INSERT ON transfer.entries
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION transfer.check_posting_balanced();

-- The journal is append-only.
CREATE FUNCTION transfer.refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'the ledger is append-only (% on %)', TG_OP, TG_TABLE_NAME;
END $$;
CREATE TRIGGER entries_append_only BEFORE UPDATE OR DELETE ON transfer.entries
  FOR EACH ROW EXECUTE FUNCTION transfer.refuse_change();
CREATE TRIGGER postings_append_only BEFORE UPDATE OR DELETE ON transfer.postings
  FOR EACH ROW EXECUTE FUNCTION transfer.refuse_change();

-- Transfers and their 2-WAY consent.
CREATE TABLE transfer.transfers (
  id                 uuid PRIMARY KEY,
  mode               text NOT NULL CHECK (mode IN ('normal', 'phishing_guard', 'mutual_consent')),
  purpose            text CHECK (purpose IN ('loan', 'contract', 'trade')),
  repayment_date     date,
  conditions         text,
  from_account       text NOT NULL REFERENCES transfer.accounts (account_number),
  to_bank            text NOT NULL,
  to_account         text NOT NULL REFERENCES transfer.accounts (account_number),
  amount             bigint NOT NULL CHECK (amount > 0),
  recipient_phone    text,
  name_check         text CHECK (name_check IN ('match', 'close_match', 'no_match')),
  state              text NOT NULL
                     CHECK (state IN ('awaiting_consent', 'executed', 'declined', 'expired', 'failed', 'canceled')),
  reason             text,
  code_hash          bytea,
  wrong_codes        integer NOT NULL DEFAULT 0,
  consent_message_id uuid,
  requested_at       timestamptz NOT NULL,
  expires_at         timestamptz,
  replied_at         timestamptz,
  finished_at        timestamptz,
  CONSTRAINT transfers_purpose_only_for_mutual_consent CHECK ((mode = 'mutual_consent') = (purpose IS NOT NULL)),
  CONSTRAINT transfers_consent_has_code CHECK (mode = 'normal' OR (code_hash IS NOT NULL AND expires_at IS NOT NULL
    AND recipient_phone IS NOT NULL))
);
CREATE INDEX transfers_awaiting_consent ON transfer.transfers (expires_at) WHERE state = 'awaiting_consent';
CREATE INDEX transfers_requested_at ON transfer.transfers (requested_at);

-- Every reply to a consent request and what became of it (the evidence lists them).
CREATE TABLE transfer.replies (
  id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  transfer_id   uuid NOT NULL REFERENCES transfer.transfers (id),
  received_at   timestamptz NOT NULL,
  sender_masked text NOT NULL,
  outcome       text NOT NULL
);
CREATE INDEX replies_transfer ON transfer.replies (transfer_id);

-- SMS this service asked for, and their delivery status from sms-status.
CREATE TABLE transfer.sms_messages (
  message_id  uuid PRIMARY KEY,
  transfer_id uuid NOT NULL REFERENCES transfer.transfers (id),
  purpose     text NOT NULL CHECK (purpose IN ('consent', 'result')),
  status      text NOT NULL,
  updated_at  timestamptz NOT NULL
);

-- Evidence documents, one per finished transfer, chained by SHA-256 in sequence order.
CREATE TABLE transfer.evidence (
  sequence      bigint PRIMARY KEY,
  transfer_id   uuid NOT NULL UNIQUE REFERENCES transfer.transfers (id),
  document      text NOT NULL,
  sha256        text NOT NULL,
  previous_hash text NOT NULL,
  signature     text NOT NULL,
  salt          bytea NOT NULL,
  created_at    timestamptz NOT NULL
);
-- The head of the chain, one row: locked by the transaction that appends a document.
CREATE TABLE transfer.evidence_head (
  id       integer PRIMARY KEY CHECK (id = 1),
  sequence bigint NOT NULL,
  sha256   text NOT NULL
);
INSERT INTO transfer.evidence_head VALUES (1, 0, repeat('0', 64));

-- messaging: the transactional outbox and the idempotent consumer's event ids
CREATE TABLE transfer.outbox (
  id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  topic       text NOT NULL,
  message_key text NOT NULL,
  payload     bytea NOT NULL,
  traceparent text,
  created_at  timestamptz NOT NULL DEFAULT now()
);
CREATE TABLE transfer.processed_events (
  event_id     uuid PRIMARY KEY,
  processed_at timestamptz NOT NULL
);
CREATE INDEX processed_events_age ON transfer.processed_events USING brin (processed_at);
