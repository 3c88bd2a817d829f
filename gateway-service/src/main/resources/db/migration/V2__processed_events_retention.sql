-- processed_events rows are purged after gateway.kafka.processed-events-retention (7 days).
-- BRIN: rows arrive in time order and the index costs the insert almost nothing.
CREATE INDEX processed_events_age ON gateway.processed_events USING brin (processed_at);
