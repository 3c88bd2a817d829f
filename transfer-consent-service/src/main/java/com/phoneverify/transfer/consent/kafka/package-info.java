/**
 * The Kafka edge: {@code consent-replied} and {@code sms-status}, each event applied once
 * through messaging's idempotent consumer.
 */
@NullMarked
package com.phoneverify.transfer.consent.kafka;

import org.jspecify.annotations.NullMarked;
