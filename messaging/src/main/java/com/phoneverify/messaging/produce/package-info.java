/**
 * The one producer configuration (idempotent, {@code acks=all}, bounded blocking) and
 * {@link com.phoneverify.messaging.produce.EventPublisher}, the bridge from Kafka's send
 * futures to Reactor.
 */
@NullMarked
package com.phoneverify.messaging.produce;

import org.jspecify.annotations.NullMarked;
