/**
 * The event machinery every service shares, auto-configured from
 * {@link com.phoneverify.messaging.MessagingProperties}: add the dependency, list the
 * topics the service produces and consumes, and it gets the producer, the outbox, the
 * idempotent consumer, dead letters and trace context.
 */
@NullMarked
package com.phoneverify.messaging;

import org.jspecify.annotations.NullMarked;
