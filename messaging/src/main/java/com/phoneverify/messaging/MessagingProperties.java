package com.phoneverify.messaging;

import java.time.Duration;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How a service takes part in the event flow (prefix {@code messaging}). A service lists
 * the topics it produces and the topics it consumes; everything else has a default.
 *
 * <pre>
 * messaging:
 *   produces:                      # declared at start-up, by their producer only
 *     auth-requested: { partitions: 3 }
 *   consumes:                      # topic → consumer group; declares &lt;topic&gt;.&lt;group&gt;.dlt
 *     call-completed: gateway-service
 *   outbox.table: gateway.outbox   # this service publishes through an outbox
 *   consumer.processed-events-table: gateway.processed_events
 * </pre>
 *
 * @param produces the topics this service publishes to, with their layout; each is
 * created (or grown) at start-up. Only the producer of a topic declares it
 * @param consumes the topics this service consumes, each with its consumer group: the
 * group names the dead-letter topic {@code <topic>.<group>.dlt}, which this service
 * declares (it is its producer)
 * @param outbox the transactional outbox, when the service has one
 * @param consumer retries and deduplication of consumed events
 * @param producer the Kafka producer every service uses
 */
@ConfigurationProperties("messaging")
public record MessagingProperties(@DefaultValue Map<String, TopicLayout> produces,
		@DefaultValue Map<String, String> consumes, @DefaultValue Outbox outbox, @DefaultValue Consumer consumer,
		@DefaultValue Producer producer) {

	/**
	 * @param partitions partitions of the topic (default 3); an existing topic with fewer
	 * is grown, never shrunk
	 * @param replicas replication factor (default 1: one broker; 3 in production)
	 */
	public record TopicLayout(@DefaultValue("3") int partitions, @DefaultValue("1") short replicas) {
	}

	/**
	 * @param table the outbox table, schema-qualified (for example
	 * {@code gateway.outbox}); no outbox without it. Columns:
	 * {@code id bigint identity, topic text, message_key
	 * text, payload bytea, traceparent text}
	 * @param batchSize rows published per relay transaction (default 256)
	 * @param pollInterval how often the relay looks for rows that other instances wrote;
	 * rows this instance writes are relayed at once (default 250 ms)
	 * @param deadLetterPartitions partitions of each dead-letter topic (default 1)
	 */
	public record Outbox(@Nullable String table, @DefaultValue("256") int batchSize,
			@DefaultValue("250ms") Duration pollInterval, @DefaultValue("1") int deadLetterPartitions) {
	}

	/**
	 * @param processedEventsTable the table of consumed event ids, schema-qualified (for
	 * example {@code gateway.processed_events}); no deduplication by event id without it.
	 * Columns: {@code event_id uuid primary key, processed_at timestamptz}
	 * @param processedEventsRetention how long the ids of consumed events are kept to
	 * refuse redeliveries (default 7 days, far longer than a redelivery comes late)
	 * @param processedEventsPurgeInterval how often older ids are deleted (default 1
	 * hour)
	 * @param retryBackoff first wait before a record that failed for a reason other than
	 * being poison is tried again (default 500 ms); doubled after each failure, without
	 * limit: the partition waits, the record is never dead-lettered
	 * @param retryMaxBackoff the longest wait between those retries (default 30 s)
	 * @param handlerTimeout how long a listener waits for the transaction that applies
	 * one event before it fails (and is retried) (default 30 s)
	 */
	public record Consumer(@Nullable String processedEventsTable, @DefaultValue("7d") Duration processedEventsRetention,
			@DefaultValue("1h") Duration processedEventsPurgeInterval, @DefaultValue("500ms") Duration retryBackoff,
			@DefaultValue("30s") Duration retryMaxBackoff, @DefaultValue("30s") Duration handlerTimeout) {
	}

	/**
	 * Always idempotent with {@code acks=all}, String keys and byte values, whatever
	 * {@code spring.kafka.producer} says about those.
	 *
	 * @param maxBlock how long {@code send} may block its caller waiting for metadata or
	 * buffer space (default 5 s instead of Kafka's minute); the send then fails and is
	 * retried by its caller
	 * @param linger how long the producer waits to fill a batch (default 2 ms)
	 * @param sendThreads threads that call {@code send}, never an event loop or a call
	 * thread (default 4)
	 */
	public record Producer(@DefaultValue("5s") Duration maxBlock, @DefaultValue("2ms") Duration linger,
			@DefaultValue("4") int sendThreads) {
	}

}
