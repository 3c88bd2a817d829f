package com.phoneverify.gateway.retention;

import java.time.Instant;

import reactor.core.publisher.Mono;

/**
 * Personal data of one kind that must not outlive the retention period: a product's
 * sealed phone numbers, the webhook deliveries. A product that stores personal data adds
 * one bean of this type.
 */
public interface RetentionRule {

	/** What is erased, for logs and metrics (e.g. {@code "ars phone numbers"}). */
	String what();

	/**
	 * Erases or deletes at most {@code batchSize} rows of verifications that ended and
	 * were created before {@code cutoff}; emits how many.
	 */
	Mono<Long> eraseBefore(Instant cutoff, int batchSize);

}
