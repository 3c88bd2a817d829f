/**
 * What the services say to each other over Kafka: topic names, the event envelope, the
 * topics' payload and key types, typed ids and the codec that turns events into JSON.
 * Every event is an {@link com.phoneverify.contracts.EventEnvelope} with an id, a type, a
 * schema version, an occurrence time, a W3C trace context and its record key around one
 * product's payload.
 */
@NullMarked
package com.phoneverify.contracts;

import org.jspecify.annotations.NullMarked;
