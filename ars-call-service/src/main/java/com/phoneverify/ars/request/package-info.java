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
 * <p>
 * Fairness between merchants: the {@code CallRequestHandler} counts the requests it holds
 * per merchant; once a merchant has {@code ars.channels.park-after} held, its next
 * requests are parked in the call log ({@link com.phoneverify.ars.request.ParkingLot},
 * the record with its fields still sealed) and their records acknowledged, so one
 * merchant's backlog never fills {@code max-pending} and pauses everyone's intake.
 * {@link com.phoneverify.ars.request.ParkedRequests} calls them back oldest first when
 * the merchant has room (a call ended, or on the heartbeat tick), under a renewed lease
 * so that several instances share them and a dead instance's are taken again; expired
 * ones end {@code canceled} without a channel. Parked requests survive restarts; at
 * shutdown none is taken any more.
 */
@NullMarked
package com.phoneverify.ars.request;

import org.jspecify.annotations.NullMarked;
