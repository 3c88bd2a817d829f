/**
 * A real Kafka broker (KRaft) and a real PostgreSQL on loopback, started once per JVM:
 * from Testcontainers when a Docker engine answers, otherwise embedded (Apache Kafka's
 * broker via spring-kafka-test, PostgreSQL binaries from Maven Central). Used by devstack
 * and by every integration test.
 */
@NullMarked
package com.phoneverify.embedded;

import org.jspecify.annotations.NullMarked;
