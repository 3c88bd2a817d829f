/**
 * The Kafka edge of {@code sms-outbound}: each request applied once (messaging's
 * idempotent consumer), then the dispatcher woken.
 */
@NullMarked
package com.phoneverify.sms.intake;

import org.jspecify.annotations.NullMarked;
