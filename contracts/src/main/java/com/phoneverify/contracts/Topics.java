package com.phoneverify.contracts;

/**
 * Kafka topic names. Every topic is keyed by the verification id so that all events of
 * one verification stay ordered on one partition. The AsyncAPI document
 * ({@code asyncapi.yaml}) describes each topic's schema, producers and consumers.
 */
public final class Topics {

	/** A verification asks for an outbound ARS call. Producer: gateway. */
	public static final String AUTH_REQUESTED = "auth-requested";

	/** An ARS call has ended, whatever the reason. Producer: ars-call-service. */
	public static final String CALL_COMPLETED = "call-completed";

	/** A verification reached a new merchant-facing status. Producer: gateway. */
	public static final String VERIFICATION_OUTCOMES = "verification-outcomes";

	private Topics() {
	}

	/**
	 * The dead-letter topic of one consumer group on one topic:
	 * {@code <topic>.<group>.dlt}. Records that the consumer cannot decode or process go
	 * there unchanged, with the reason in the {@link DeadLetters#REASON_HEADER} header,
	 * and the consumer moves on.
	 */
	public static String deadLetterOf(String topic, String consumerGroup) {
		return topic + "." + consumerGroup + ".dlt";
	}

}
