package com.phoneverify.messaging.it;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import com.phoneverify.messaging.consume.IdempotentConsumer;
import com.phoneverify.messaging.consume.ListenerContainers;
import com.phoneverify.messaging.trace.TraceLogging;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.MDC;
import reactor.core.publisher.Mono;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.config.ConcurrentKafkaListenerContainerFactory;
import org.springframework.stereotype.Component;

/**
 * A service as small as can be: it publishes {@code messaging-it-events} through its
 * outbox and consumes them idempotently; its handler fails on purpose for notes that ask
 * for it.
 */
@SpringBootApplication
public class MessagingTestApplication {

	static final String TOPIC = "messaging-it-events";

	static final String GROUP = "messaging-it";

	@Bean
	ConcurrentKafkaListenerContainerFactory<String, byte[]> testContainerFactory(ListenerContainers containers) {
		return containers.forGroup(GROUP, ListenerContainers.StartFrom.EARLIEST);
	}

	/** What the handler saw: applications per key, and the trace id in the MDC. */
	@Component
	static class Handled {

		final Map<String, AtomicInteger> applied = new ConcurrentHashMap<>();

		final Map<String, AtomicInteger> failures = new ConcurrentHashMap<>();

		final List<String> traceIds = new CopyOnWriteArrayList<>();

	}

	@Component
	static class Listener {

		private final IdempotentConsumer consumer;

		private final Handled handled;

		Listener(IdempotentConsumer consumer, Handled handled) {
			this.consumer = consumer;
			this.handled = handled;
		}

		@KafkaListener(id = "messaging-it-listener", topics = TOPIC, containerFactory = "testContainerFactory")
		void onRecord(ConsumerRecord<String, byte[]> record) {
			String traceId = MDC.get(TraceLogging.TRACE_ID);
			if (traceId != null) {
				this.handled.traceIds.add(traceId);
			}
			this.consumer.apply(record, TestEvent.TOPIC, (envelope) -> Mono.fromRunnable(() -> {
				TestEvent event = envelope.payload();
				if (event.note().startsWith("fail-twice")
						&& this.handled.failures.computeIfAbsent(event.key(), (k) -> new AtomicInteger())
							.incrementAndGet() <= 2) {
					// a bug or a transient fault, not a bad record: must be retried
					throw new IllegalArgumentException("unrelated failure " + this.handled.failures.get(event.key()));
				}
				this.handled.applied.computeIfAbsent(event.key(), (k) -> new AtomicInteger()).incrementAndGet();
			}));
		}

	}

}
