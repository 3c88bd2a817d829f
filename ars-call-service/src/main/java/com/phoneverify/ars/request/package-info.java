/**
 * The Kafka edge and the use case behind it: an {@code auth-requested} record is decoded
 * and its sealed fields opened (or it goes to the dead-letter topic with the reason),
 * waits for a channel, becomes one call, and ends as exactly one {@code call-completed}.
 * A {@code verification-outcomes} record is decoded and handed to {@code CallStops},
 * which decides whether it stops a call.
 * <p>
 * Delivery: at least once. The listener acknowledges a record only after its
 * {@code call-completed} (or dead letter) was acknowledged by the broker; acks are manual
 * and in offset order per partition ({@code InOrderAcks}), so records finish out of order
 * and only the contiguous prefix of finished offsets is committed. Every request is
 * recorded in the {@link com.phoneverify.ars.request.CallLog} (PostgreSQL, survives
 * restarts) before its record can be acknowledged; a redelivered record is deduplicated
 * there, never dialled twice. Backpressure: when the records held (calling or waiting for
 * a channel) reach {@code ars.channels.max-pending} the container is paused, and resumed
 * when one completes, so nothing waiting is ever dropped and memory stays bounded.
 */
@NullMarked
package com.phoneverify.ars.request;

import org.jspecify.annotations.NullMarked;
