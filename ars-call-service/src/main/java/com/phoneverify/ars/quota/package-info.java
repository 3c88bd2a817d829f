/**
 * Channel quotas: at most N calls at once overall and M per merchant. A request beyond
 * the quota waits in arrival order and is never dropped; it is admitted when a call of
 * its merchant (or any call, for the global limit) ends.
 * <p>
 * The quota only admits; backpressure towards Kafka is the intake's job: it counts the
 * requests held here (admitted plus waiting) and pauses the consumer when they reach its
 * bound, resuming when a call completes, so waiting requests stay uncommitted Kafka
 * records rather than an unbounded in-memory queue.
 */
@NullMarked
package com.phoneverify.ars.quota;

import org.jspecify.annotations.NullMarked;
