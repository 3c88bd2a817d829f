package com.phoneverify.contracts;

/** Headers every dead-lettered record carries, whichever service put it there. */
public final class DeadLetters {

	/** Why the record was dead-lettered, in words an operator understands (UTF-8). */
	public static final String REASON_HEADER = "dlt-reason";

	/** The consumer group that gave up on the record. */
	public static final String CONSUMER_HEADER = "dlt-consumer";

	private DeadLetters() {
	}

}
