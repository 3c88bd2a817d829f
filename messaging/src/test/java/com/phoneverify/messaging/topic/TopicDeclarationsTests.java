package com.phoneverify.messaging.topic;

import java.time.Duration;
import java.util.Map;

import com.phoneverify.messaging.MessagingProperties;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

class TopicDeclarationsTests {

	private static MessagingProperties properties(Map<String, MessagingProperties.TopicLayout> produces,
			Map<String, String> consumes) {
		return new MessagingProperties(produces, consumes,
				new MessagingProperties.Outbox(null, 256, Duration.ofMillis(250), 1),
				new MessagingProperties.Consumer(null, Duration.ofDays(7), Duration.ofHours(1), Duration.ofMillis(500),
						Duration.ofSeconds(30), Duration.ofSeconds(30)),
				new MessagingProperties.Producer(Duration.ofSeconds(5), Duration.ofMillis(2), 4));
	}

	@Test
	void declaresTheProducedTopicsAndTheDeadLetterTopicOfEachConsumedOne() {
		var declared = TopicDeclarations
			.of(properties(Map.of("auth-requested", new MessagingProperties.TopicLayout(6, (short) 3)),
					Map.of("call-completed", "gateway-service")));
		assertThat(declared).extracting(NewTopic::name)
			.containsExactlyInAnyOrder("auth-requested", "call-completed.gateway-service.dlt");
		NewTopic produced = declared.stream().filter((t) -> t.name().equals("auth-requested")).findFirst().get();
		assertThat(produced.numPartitions()).isEqualTo(6);
		assertThat(produced.replicationFactor()).isEqualTo((short) 3);
	}

	@Test
	void aConsumedTopicIsNotDeclaredByItsConsumer() {
		var declared = TopicDeclarations.of(properties(Map.of(), Map.of("call-completed", "gateway-service")));
		assertThat(declared).extracting(NewTopic::name).doesNotContain("call-completed");
	}

	@Test
	void aBadLayoutStopsTheStartNamingTheProperty() {
		assertThatIllegalStateException()
			.isThrownBy(() -> TopicDeclarations
				.of(properties(Map.of("auth-requested", new MessagingProperties.TopicLayout(0, (short) 1)), Map.of())))
			.withMessage("messaging.produces.auth-requested.partitions must be at least 1");
	}

	@Test
	void aConsumedTopicWithoutGroupStopsTheStartNamingTheProperty() {
		assertThatIllegalStateException()
			.isThrownBy(() -> TopicDeclarations.of(properties(Map.of(), Map.of("call-completed", " "))))
			.withMessageContaining("messaging.consumes.call-completed");
	}

	@Test
	void aServiceThatPublishesToAnUndeclaredTopicRefusesToStartNamingTheProperty() {
		MessagingProperties declared = properties(
				Map.of("auth-requested", new MessagingProperties.TopicLayout(3, (short) 1)), Map.of());
		assertThat(ProducedTopics.require(declared, "auth-requested").names()).containsExactly("auth-requested");
		assertThatIllegalStateException()
			.isThrownBy(() -> ProducedTopics.require(declared, "auth-requested", "verification-outcomes"))
			.withMessageContaining("messaging.produces.verification-outcomes.partitions");
	}

}
