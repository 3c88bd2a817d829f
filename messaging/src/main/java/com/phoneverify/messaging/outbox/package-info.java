/**
 * The transactional outbox: a service writes the events it publishes into its outbox
 * table in the transaction of its state change; the relay sends committed rows to Kafka
 * and deletes them. At least once, in id order per instance; consumers deduplicate by
 * event id.
 */
@NullMarked
package com.phoneverify.messaging.outbox;

import org.jspecify.annotations.NullMarked;
