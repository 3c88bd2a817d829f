-- The messaging library's outbox relay sends each row's trace context as the Kafka header
-- traceparent, so that consumers can log it without decoding the event.
ALTER TABLE gateway.outbox ADD COLUMN traceparent text;
