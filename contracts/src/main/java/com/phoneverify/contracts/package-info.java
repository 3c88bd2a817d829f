/**
 * What the services say to each other over Kafka: topic names, versioned event records
 * and the codec that turns them into JSON. Every event carries an id, a type, a schema
 * version, an occurrence time and a W3C trace context.
 */
@NullMarked
package com.phoneverify.contracts;

import org.jspecify.annotations.NullMarked;
