/**
 * The Kafka edge and the use case behind it: an {@code auth-requested} record is decoded
 * and its sealed fields opened (or it goes to the dead-letter topic with the reason),
 * waits for a channel, becomes one call, and ends as exactly one {@code call-completed}.
 * A {@code verification-outcomes} record is decoded and handed to {@code CallStops},
 * which decides whether it stops a call.
 * <p>
 * Delivery: at least once. The listener acknowledges a record only after its
 * {@code call-completed} (or dead letter) was acknowledged by the broker; the container
 * runs with manual, asynchronous acks, so records finish out of order and the container
 * commits only the contiguous prefix of finished offsets. A crash re-delivers unfinished
 * records; duplicates inside one run are dropped by event id (an in-memory, bounded set:
 * a restart forgets it, so a record re-delivered after a restart may be called again).
 * Backpressure: when the records held (calling or waiting for a channel) reach
 * {@code ars.channels.max-pending} the container is paused, and resumed when one
 * completes, so nothing waiting is ever dropped and memory stays bounded.
 */
@NullMarked
package com.phoneverify.ars.request;

import org.jspecify.annotations.NullMarked;
