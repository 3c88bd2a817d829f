-- The W3C traceparent of the request that created the verification (DESIGN §4); carried by
-- its auth-requested and verification-outcome events. Null for rows from before.
ALTER TABLE gateway.verifications ADD COLUMN traceparent text;
