-- Transfers requested through the gateway: the merchant that asked (null for the service's own
-- API), and the requests that never became a transfer (refused, or canceled before they were
-- applied), so that a redelivered or late transfer-requested is answered once.
ALTER TABLE transfer.transfers ADD COLUMN merchant_id text;

CREATE TABLE transfer.unstarted_requests (
  transfer_id uuid PRIMARY KEY,
  merchant_id text NOT NULL,
  outcome     text NOT NULL CHECK (outcome IN ('refused', 'canceled')),
  reason      text NOT NULL,
  decided_at  timestamptz NOT NULL
);
