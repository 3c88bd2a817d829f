/**
 * The transactional outbox: features write the events they publish into table
 * {@code outbox} in the transaction of their state change; the relay sends committed rows
 * to Kafka and deletes them. At least once, in id order per instance.
 */
@NullMarked
package com.phoneverify.gateway.outbox;

import org.jspecify.annotations.NullMarked;
