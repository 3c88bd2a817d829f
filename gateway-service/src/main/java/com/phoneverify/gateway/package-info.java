/**
 * The gateway: merchants call it over signed HTTP; it keeps the read model of every
 * verification and talks to the other services only through Kafka.
 */
package com.phoneverify.gateway;
