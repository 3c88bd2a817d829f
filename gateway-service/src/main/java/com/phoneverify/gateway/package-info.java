/**
 * The gateway: merchants call it over signed HTTP; it keeps the read model of every
 * verification and talks to the other services only through Kafka.
 */
@NullMarked
package com.phoneverify.gateway;

import org.jspecify.annotations.NullMarked;
