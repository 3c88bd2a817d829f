-- The transaction an accepted POST /v1/ars-verifications commits, for pgbench:
-- the same single statement as ArsVerificationRepository.INSERT_ACCEPTED (nonce, shared verification
-- row, ARS details, auth-requested outbox row in one implicit transaction), with representative values of
-- the same sizes (sealed phone, 32-byte code HMAC, 32-byte destination HMAC, ~700-byte AuthRequested JSON).
-- Like the gateway's statement it first counts the destination's verifications of the last
-- 10 minutes and day (issue 13's per-number limits: 3 and 10 by default) and writes only when
-- both are under their limits; each pgbench transaction draws a new destination, as the
-- benchmark's driver draws a new phone number per request.
--
--   pgbench -n -M prepared -c 8 -j 2 -T 30 -f accepted-request.sql <gateway database>
--
-- -M prepared matches the gateway (r2dbc-postgresql uses the extended protocol with a
-- statement cache). Run it against the database the gateway uses (schema "gateway"
-- migrated by Flyway).
\set hi random(1, 9223372036854775806)
\set lo random(1, 9223372036854775806)
\set nonce random(1, 9223372036854775806)
\set destination random(1, 9223372036854775806)
WITH usage AS (
  SELECT count(*) FILTER (WHERE v.created_at > now() - interval '10 minutes') AS short_count, count(*) AS day_count
  FROM gateway.ars_verifications a JOIN gateway.verifications v USING (id)
  WHERE a.destination_hash = decode(lpad(to_hex(:destination::bigint), 64, '0'), 'hex')
    AND v.created_at > now() - interval '1 day'
), allowed AS (
  SELECT 1 FROM usage WHERE short_count + 1 <= 3 AND day_count + 1 <= 10
), nonce AS (
  INSERT INTO gateway.request_nonces (key_id, nonce, expires_at)
  SELECT 'pk_benchmarkbenchmark0', 'bench-nonce-' || :nonce::bigint, now() + interval '5 minutes' FROM allowed
), verification AS (
  INSERT INTO gateway.verifications (id, merchant_id, product, kind, status, callback_url, expires_at,
    created_at, updated_at, traceparent)
  SELECT (lpad(to_hex(:hi::bigint), 16, '0') || lpad(to_hex(:lo::bigint), 16, '0'))::uuid, 'bench-merchant', 'ars', 'C',
    'pending', 'https://shop.example/hooks/phone-verify', now() + interval '3 minutes', now(), now(),
    '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01' FROM allowed
), ars AS (
  INSERT INTO gateway.ars_verifications (id, phone_key_id, phone_nonce, phone_ciphertext, phone_masked,
    code_hash, code_length, attempts_used, destination_hash)
  SELECT (lpad(to_hex(:hi::bigint), 16, '0') || lpad(to_hex(:lo::bigint), 16, '0'))::uuid,
    'dev-1', 'q83vEjRWeJCrze8S', 'Q2lwaGVydGV4dE9mQVBob25lTnVtYmVyV2l0aEFHQ01UYWc=', '+82 10-****-5678',
    '\x8f3b0c1d2e4a5b6c7d8e9fa0b1c2d3e4f5061728394a5b6c7d8e9fa0b1c2d3e4'::bytea, 6, 0,
    decode(lpad(to_hex(:destination::bigint), 64, '0'), 'hex') FROM allowed
)
INSERT INTO gateway.outbox (topic, message_key, payload, traceparent)
SELECT 'auth-requested', lpad(to_hex(:hi::bigint), 16, '0') || lpad(to_hex(:lo::bigint), 16, '0'),
  convert_to('{"eventId":"0b6f1c2e-3d4a-4b5c-8d6e-7f8091a2b3c4","type":"auth-requested","schemaVersion":2,"occurredAt":"2026-11-25T10:00:00.123456Z","traceparent":"00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01","key":"5f0e1d2c-3b4a-4958-8776-655443322110","payload":{"verificationId":"5f0e1d2c-3b4a-4958-8776-655443322110","merchantId":"bench-merchant","scenario":"C","phone":{"keyId":"dev-1","nonce":"q83vEjRWeJCrze8S","ciphertext":"Q2lwaGVydGV4dE9mQVBob25lTnVtYmVyV2l0aEFHQ01UYWc="},"code":{"keyId":"dev-1","nonce":"3q2+7wAAAAAAAAAA","ciphertext":"c2VhbGVkQ29kZVdpdGhUYWcxMjM0NTY="},"challengeKey": null,"codeLength":6,"expiresAt":"2026-11-25T10:03:00.123456Z"}}', 'UTF8'),
  '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01' FROM allowed;
