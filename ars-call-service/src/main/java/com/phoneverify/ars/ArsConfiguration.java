package com.phoneverify.ars;

import java.time.Clock;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

import com.phoneverify.ars.call.CallRunner;
import com.phoneverify.ars.call.CallStops;
import com.phoneverify.ars.quota.ChannelQuota;
import com.phoneverify.ars.request.AuthRequestListener;
import com.phoneverify.ars.request.AuthRequestOpener;
import com.phoneverify.ars.request.CallLifecycle;
import com.phoneverify.ars.request.CallLog;
import com.phoneverify.ars.request.CallRequestHandler;
import com.phoneverify.ars.request.KafkaCompletions;
import com.phoneverify.ars.request.VerificationOutcomeListener;
import com.phoneverify.ars.scenario.ScenarioCatalog;
import com.phoneverify.ars.scenario.ScenarioEngine;
import com.phoneverify.ars.settings.ArsProperties;
import com.phoneverify.contracts.EventCodec;
import com.phoneverify.contracts.Topics;
import com.phoneverify.contracts.sealed.Sealer;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.ConcurrentKafkaListenerContainerFactory;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.ConsumerAwareRebalanceListener;
import org.springframework.kafka.listener.ContainerProperties;

/**
 * Wires what the packages share (the call scheduler, the clock) and the Kafka edge. Every
 * other package wires its own beans in a {@code @Configuration} of its own
 * ({@code ScenarioConfiguration}, {@code PromptConfiguration},
 * {@code MediaConfiguration}, {@code SipTrunkConfiguration}, {@code CallConfiguration},
 * {@code QuotaConfiguration}, {@code StoreConfiguration}), so its types can stay
 * package-private. Kafka serializers, acks and offsets are set here rather than in
 * {@code application.yaml}, so they hold when the service runs in a JVM with others
 * (devstack) whatever configuration files the classpath carries.
 */
@Configuration(proxyBeanMethods = false)
class ArsConfiguration {

	@Bean(destroyMethod = "dispose")
	Scheduler arsCallScheduler() {
		// call events, timers and scenarios; a private scheduler, so no JVM-global state
		return Schedulers.newParallel("ars-call", Math.max(2, Runtime.getRuntime().availableProcessors()));
	}

	@Bean(destroyMethod = "dispose")
	Scheduler arsKafkaSendScheduler() {
		// KafkaProducer.send may block up to max.block.ms: never on the call scheduler
		return Schedulers.newBoundedElastic(4, Integer.MAX_VALUE, "ars-kafka-send");
	}

	@Bean
	Clock arsClock() {
		return Clock.systemUTC();
	}

	@Bean
	EventCodec eventCodec() {
		return new EventCodec();
	}

	@Bean
	AuthRequestOpener authRequestOpener(ArsProperties properties, EventCodec codec) {
		ArsProperties.Sealing sealing = properties.sealing();
		if (sealing.keys().isEmpty() || sealing.currentKeyId() == null) {
			throw new IllegalStateException(
					"configure ars.sealing.keys.<id> (Base64 of 32 bytes) and ars.sealing.current-key-id: "
							+ "the same key ring the gateway seals auth-requested with");
		}
		return new AuthRequestOpener(codec, Sealer.of(sealing.keys(), sealing.currentKeyId()));
	}

	@Bean
	CallRequestHandler callRequestHandler(ChannelQuota quota, CallStops stops, CallRunner runner, ScenarioEngine engine,
			ScenarioCatalog catalog, KafkaTemplate<String, byte[]> arsKafkaTemplate, EventCodec codec, CallLog calls,
			Clock clock, MeterRegistry meters, Scheduler arsKafkaSendScheduler) {
		return new CallRequestHandler(quota, stops, runner, engine, catalog,
				new KafkaCompletions(arsKafkaTemplate, codec, arsKafkaSendScheduler), calls, clock,
				(report) -> Counter.builder("ars.calls.completed")
					.description("Calls ended, by outcome")
					.tag("outcome", report.outcome().name().toLowerCase(java.util.Locale.ROOT))
					.register(meters)
					.increment());
	}

	@Bean
	CallLifecycle callLifecycle(AuthRequestListener listener, CallRequestHandler handler, CallRunner runner,
			Clock clock, ArsProperties properties, Scheduler arsCallScheduler) {
		return new CallLifecycle(listener, handler, runner, clock, properties.intake().heartbeatInterval(),
				properties.intake().shutdownGrace(), properties.sip().hangUpGrace(), arsCallScheduler);
	}

	@Bean
	AuthRequestListener authRequestListener(AuthRequestOpener opener, CallRequestHandler handler,
			KafkaTemplate<String, byte[]> arsKafkaTemplate, Scheduler arsKafkaSendScheduler,
			KafkaListenerEndpointRegistry registry, ArsProperties properties) {
		return new AuthRequestListener(opener, handler, arsKafkaTemplate, arsKafkaSendScheduler, registry,
				properties.consumerGroup(), properties.channels().maxPending());
	}

	@Bean
	VerificationOutcomeListener verificationOutcomeListener(EventCodec codec, CallStops stops) {
		return new VerificationOutcomeListener(codec, stops);
	}

	@Bean
	KafkaTemplate<String, byte[]> arsKafkaTemplate(KafkaProperties kafka) {
		Map<String, Object> config = new HashMap<>(kafka.buildProducerProperties());
		config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
		config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
		config.put(ProducerConfig.ACKS_CONFIG, "all");
		config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
		// a send that cannot get metadata or buffer space fails after 5 s (and is
		// retried) instead of holding its thread for the default minute
		config.putIfAbsent(ProducerConfig.MAX_BLOCK_MS_CONFIG, 5000);
		return new KafkaTemplate<>(new DefaultKafkaProducerFactory<>(config));
	}

	@Bean
	ConcurrentKafkaListenerContainerFactory<String, byte[]> arsListenerContainerFactory(KafkaProperties kafka,
			ArsProperties properties, org.springframework.beans.factory.ObjectProvider<AuthRequestListener> listener) {
		Map<String, Object> config = new HashMap<>(kafka.buildConsumerProperties());
		config.put(ConsumerConfig.GROUP_ID_CONFIG, properties.consumerGroup());
		config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
		config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
		config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
		config.putIfAbsent(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
		// a paused container still delivers the rest of its last poll: keep polls small
		config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG,
				Math.max(1, Math.min(50, properties.channels().maxPending() / 4)));
		ConcurrentKafkaListenerContainerFactory<String, byte[]> factory = new ConcurrentKafkaListenerContainerFactory<>();
		factory.setConsumerFactory(new DefaultKafkaConsumerFactory<>(config));
		ContainerProperties container = factory.getContainerProperties();
		// acks come from call threads, in offset order per partition (InOrderAcks); the
		// container queues them and commits on its consumer thread
		container.setAckMode(ContainerProperties.AckMode.MANUAL);
		container.setConsumerRebalanceListener(new ConsumerAwareRebalanceListener() {
			@Override
			public void onPartitionsRevokedBeforeCommit(Consumer<?, ?> consumer,
					Collection<TopicPartition> partitions) {
				listener.ifAvailable((it) -> it.partitionsRevoked(partitions));
			}
		});
		return factory;
	}

	@Bean
	ConcurrentKafkaListenerContainerFactory<String, byte[]> arsOutcomesContainerFactory(KafkaProperties kafka,
			ArsProperties properties, KafkaTemplate<String, byte[]> arsKafkaTemplate) {
		String group = properties.outcomes().consumerGroup();
		Map<String, Object> config = new HashMap<>(kafka.buildConsumerProperties());
		config.put(ConsumerConfig.GROUP_ID_CONFIG, group);
		config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
		config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
		config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
		// only verifications that end from now on can stop a call of ours
		config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest");
		ConcurrentKafkaListenerContainerFactory<String, byte[]> factory = new ConcurrentKafkaListenerContainerFactory<>();
		factory.setConsumerFactory(new DefaultKafkaConsumerFactory<>(config));
		factory.setCommonErrorHandler(VerificationOutcomeListener.deadLettering(arsKafkaTemplate, group));
		return factory;
	}

	@Bean
	NewTopic authRequestedTopic() {
		return TopicBuilder.name(Topics.AUTH_REQUESTED).partitions(3).build();
	}

	@Bean
	NewTopic callCompletedTopic() {
		return TopicBuilder.name(Topics.CALL_COMPLETED).partitions(3).build();
	}

	@Bean
	NewTopic verificationOutcomesTopic() {
		return TopicBuilder.name(Topics.VERIFICATION_OUTCOMES).partitions(3).build();
	}

	@Bean
	NewTopic verificationOutcomesDeadLetterTopic(ArsProperties properties) {
		return TopicBuilder
			.name(Topics.deadLetterOf(Topics.VERIFICATION_OUTCOMES, properties.outcomes().consumerGroup()))
			.partitions(1)
			.build();
	}

	@Bean
	NewTopic authRequestedDeadLetterTopic(ArsProperties properties) {
		return TopicBuilder.name(Topics.deadLetterOf(Topics.AUTH_REQUESTED, properties.consumerGroup()))
			.partitions(1)
			.build();
	}

}
