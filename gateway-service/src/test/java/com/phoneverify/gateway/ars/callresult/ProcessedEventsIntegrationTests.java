package com.phoneverify.gateway.ars.callresult;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import com.phoneverify.gateway.GatewayIntegrationTest;
import com.phoneverify.messaging.consume.ProcessedEvents;
import org.junit.jupiter.api.Test;
import reactor.test.StepVerifier;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

class ProcessedEventsIntegrationTests extends GatewayIntegrationTest {

	@Autowired
	private ProcessedEvents processedEvents;

	@Test
	void anEventIdIsAFirstDeliveryOnce() {
		UUID id = UUID.randomUUID();
		StepVerifier.create(this.processedEvents.firstDelivery(id)).expectNext(true).verifyComplete();
		StepVerifier.create(this.processedEvents.firstDelivery(id)).expectNext(false).verifyComplete();
	}

	@Test
	void idsOlderThanTheRetentionArePurgedAndYoungerOnesKept() {
		UUID old = UUID.randomUUID();
		UUID young = UUID.randomUUID();
		insert(old, Instant.now().minus(Duration.ofDays(7)).minusSeconds(60));
		insert(young, Instant.now().minus(Duration.ofDays(7)).plusSeconds(60));
		StepVerifier.create(this.processedEvents.purgeExpired())
			.assertNext((purged) -> assertThat(purged).isPositive())
			.verifyComplete();
		assertThat(count("SELECT count(*) FROM gateway.processed_events WHERE event_id = $1", old)).isZero();
		assertThat(count("SELECT count(*) FROM gateway.processed_events WHERE event_id = $1", young)).isOne();
	}

	private void insert(UUID id, Instant processedAt) {
		this.db.sql("INSERT INTO gateway.processed_events (event_id, processed_at) VALUES ($1, $2)")
			.bind(0, id)
			.bind(1, processedAt)
			.then()
			.block();
	}

}
