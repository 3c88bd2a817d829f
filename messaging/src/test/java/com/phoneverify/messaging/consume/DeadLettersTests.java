package com.phoneverify.messaging.consume;

import com.phoneverify.contracts.EventCodec;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.ListenerExecutionFailedException;

import static org.assertj.core.api.Assertions.assertThat;

/** The one rule: poison is dead-lettered, everything else retried. */
class DeadLettersTests {

	@Test
	void aMalformedEventIsPoisonEvenWhenWrappedByTheContainer() {
		Exception failure = new ListenerExecutionFailedException("listener failed",
				new EventCodec.MalformedEventException("not a valid CallCompleted event: missing outcome"));
		assertThat(DeadLetters.isPoison(failure)).isTrue();
		assertThat(DeadLetters.reason(failure)).isEqualTo("not a valid CallCompleted event: missing outcome");
	}

	@Test
	void aListenerMayDeclareARecordPoison() {
		assertThat(DeadLetters.isPoison(new PoisonRecordException("phone does not open with any key"))).isTrue();
	}

	@Test
	void anUnrelatedIllegalArgumentExceptionIsRetriedNotDeadLettered() {
		Exception failure = new ListenerExecutionFailedException("listener failed",
				new IllegalArgumentException("bug in a handler"));
		assertThat(DeadLetters.isPoison(failure)).isFalse();
	}

	@Test
	void aDatabaseTimeoutIsRetried() {
		assertThat(DeadLetters.isPoison(new IllegalStateException("Timeout on blocking read for 30000 ms"))).isFalse();
	}

	@Test
	void theReasonIsTheInnermostMessageWhenNothingIsPoison() {
		Exception failure = new RuntimeException("outer", new IllegalStateException("connection refused"));
		assertThat(DeadLetters.reason(failure)).isEqualTo("connection refused");
	}

	@Test
	void theErrorHandlerClassifiesByTheRule() {
		KafkaTemplate<String, byte[]> kafka = new KafkaTemplate<>(new DefaultKafkaProducerFactory<>(Map.of()));
		DeadLetters deadLetters = new DeadLetters(kafka, null, Duration.ofMillis(10), Duration.ofMillis(100));
		var handler = deadLetters.errorHandler("group");
		assertThat(handler.removeClassification(EventCodec.MalformedEventException.class)).isFalse();
		assertThat(handler.removeClassification(PoisonRecordException.class)).isFalse();
		assertThat(handler.removeClassification(IllegalArgumentException.class)).isNull();
	}

}
