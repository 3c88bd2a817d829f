/**
 * Consuming events: listener containers with one error rule and one dead-letter format
 * ({@link com.phoneverify.messaging.consume.DeadLetters}), deduplication by event id
 * ({@link com.phoneverify.messaging.consume.IdempotentConsumer}), and in-order
 * acknowledgement for listeners that finish records out of order
 * ({@link com.phoneverify.messaging.consume.InOrderAcks}).
 */
@NullMarked
package com.phoneverify.messaging.consume;

import org.jspecify.annotations.NullMarked;
