-- What one signed POST /v1/otp/verifications commits (a right HOTP code of a hardware token), for
-- pgbench: the gateway spends the request's nonce (NonceStore, its own implicit transaction), then
-- otp-service's one transaction per attempt (TokenVerification): the customer's row lock, the live
-- token, the advanced moving factor and the audit row, statement for statement as R2dbcTokens and
-- R2dbcAuditTrail send them (the customer's error count is written only when it was not 0 already,
-- and it is 0 here). The registry simulator's status and clear-failures calls are in memory.
--
--   pgbench -n -M prepared -c 16 -j 2 -T 20 -f verification.sql <database>
--
-- The database needs otp-service's schema "otp" (Flyway), the gateway's gateway.request_nonces, and
-- for every pgbench client n (from 0) a customer 'bench-<n>' with one live hardware token: each
-- client works on its own customer, as each client of the HTTP driver does (bench.Benchmark with
-- -Dbench.workload=otp prepares such a copy).
\set nonce random(1, 9223372036854775806)
INSERT INTO gateway.request_nonces (key_id, nonce, expires_at)
VALUES ('pk_benchmarkbenchmark0', 'bench-nonce-' || :nonce::bigint, now() + interval '5 minutes');
BEGIN;
select customer_key, kind, security_card, failures from otp.customers where customer_key = 'bench-' || :client_id::text for update;
select * from otp.tokens where customer_key = 'bench-' || :client_id::text and kind = 'HARDWARE' and status in ('ACTIVE', 'LOST', 'UNUSABLE') \gset t_
\set moving :t_moving_factor + 1
update otp.tokens set moving_factor = :moving::bigint, ocra_last_step = :t_ocra_last_step::bigint, status = :t_status, pin_failures = :t_pin_failures::integer, updated_at = now() where id = :t_id::uuid;
insert into otp.audit_events (at, merchant, actor, channel, operation, outcome, customer_key, token_id, device) values (now(), 'bench', 'bench', 'ONLINE', 'VERIFY', 'VERIFIED', 'bench-' || :client_id::text, :t_id::uuid, '01/' || :t_serial);
COMMIT;
