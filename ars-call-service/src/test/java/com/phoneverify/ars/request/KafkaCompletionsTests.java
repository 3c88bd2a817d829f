package com.phoneverify.ars.request;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;

import com.phoneverify.contracts.EventCodec;
import com.phoneverify.contracts.EventEnvelope;
import com.phoneverify.contracts.EventTopics;
import com.phoneverify.contracts.MerchantId;
import com.phoneverify.contracts.VerificationId;
import com.phoneverify.contracts.ars.CallCompleted;
import com.phoneverify.contracts.ars.CallOutcome;
import com.phoneverify.contracts.ars.CallTimings;
import org.junit.jupiter.api.Test;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;
import reactor.test.StepVerifier;

import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.support.SendResult;

import static org.assertj.core.api.Assertions.assertThat;

/** The bridge from Reactor to the Kafka producer. */
class KafkaCompletionsTests {

	@Test
	void sendsOnItsOwnSchedulerNeverOnTheCallersThread() {
		AtomicReference<String> sendingThread = new AtomicReference<>();
		KafkaTemplate<String, byte[]> kafka = new KafkaTemplate<>(new DefaultKafkaProducerFactory<>(Map.of())) {
			@Override
			public CompletableFuture<SendResult<String, byte[]>> send(String topic, String key, byte[] data) {
				// KafkaProducer.send may block here for up to max.block.ms
				sendingThread.set(Thread.currentThread().getName());
				return CompletableFuture.completedFuture(null);
			}
		};
		Scheduler sender = Schedulers.newSingle("ars-kafka-send-test");
		Scheduler caller = Schedulers.newSingle("ars-call-test");
		try {
			EventEnvelope<CallCompleted> event = EventTopics.CALL_COMPLETED
				.envelope(new CallCompleted(VerificationId.random(), MerchantId.of("shop"), CallOutcome.BUSY, null, 486,
						new CallTimings(null, null, 10)), Instant.now(), null);

			StepVerifier
				.create(new KafkaCompletions(kafka, new EventCodec(), sender).publish(event).subscribeOn(caller))
				.expectComplete()
				.verify(Duration.ofSeconds(5));

			assertThat(sendingThread.get()).startsWith("ars-kafka-send-test");
		}
		finally {
			sender.dispose();
			caller.dispose();
		}
	}

}
