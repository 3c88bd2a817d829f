package com.phoneverify.ars;

import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.Locale;

import com.phoneverify.ars.call.CallRunner;
import com.phoneverify.ars.call.CallStops;
import com.phoneverify.ars.call.DestinationPolicy;
import com.phoneverify.ars.quota.ChannelQuota;
import com.phoneverify.ars.request.AuthRequestListener;
import com.phoneverify.ars.request.AuthRequestOpener;
import com.phoneverify.ars.request.CallLifecycle;
import com.phoneverify.ars.request.CallLog;
import com.phoneverify.ars.request.CallRequestHandler;
import com.phoneverify.ars.request.ParkedRequests;
import com.phoneverify.ars.request.ParkingLot;
import com.phoneverify.ars.request.VerificationOutcomeListener;
import com.phoneverify.ars.scenario.ScenarioCatalog;
import com.phoneverify.ars.scenario.ScenarioEngine;
import com.phoneverify.ars.settings.ArsProperties;
import com.phoneverify.contracts.EventCodec;
import com.phoneverify.contracts.Topics;
import com.phoneverify.contracts.sealed.Sealer;
import com.phoneverify.messaging.MessagingProperties;
import com.phoneverify.messaging.consume.DeadLetters;
import com.phoneverify.messaging.consume.ListenerContainers;
import com.phoneverify.messaging.produce.EventPublisher;
import com.phoneverify.messaging.topic.ProducedTopics;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.TopicPartition;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.ConcurrentKafkaListenerContainerFactory;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.listener.ConsumerAwareRebalanceListener;

/**
 * Wires what the packages share (the call scheduler, the clock) and the Kafka edge. Every
 * other package wires its own beans in a {@code @Configuration} of its own
 * ({@code ScenarioConfiguration}, {@code PromptConfiguration},
 * {@code MediaConfiguration}, {@code SipTrunkConfiguration}, {@code CallConfiguration},
 * {@code QuotaConfiguration}, {@code StoreConfiguration}), so its types can stay
 * package-private. The producer, dead letters and listener containers come from the
 * messaging library (topics and groups in {@code messaging.*}); only the two listener
 * containers, which differ in how they acknowledge and where they start, are built here.
 */
@Configuration(proxyBeanMethods = false)
class ArsConfiguration {

	@Bean(destroyMethod = "dispose")
	Scheduler arsCallScheduler() {
		// call events, timers and scenarios; a private scheduler, so no JVM-global state
		return Schedulers.newParallel("ars-call", Math.max(2, Runtime.getRuntime().availableProcessors()));
	}

	@Bean
	Clock arsClock() {
		return Clock.systemUTC();
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
			ScenarioCatalog catalog, EventPublisher publisher, CallLog calls, Clock clock, MeterRegistry meters,
			DestinationPolicy destinations) {
		return new CallRequestHandler(quota, stops, runner, engine, catalog,
				(event) -> publisher.publish(Topics.CALL_COMPLETED, event), calls, clock,
				(report) -> Counter.builder("ars.calls.completed")
					.description("Calls ended, by outcome")
					.tag("outcome", report.outcome().name().toLowerCase(Locale.ROOT))
					.register(meters)
					.increment(),
				destinations);
	}

	@Bean
	ParkedRequests parkedRequests(ParkingLot parkingLot, AuthRequestOpener opener, CallRequestHandler handler,
			Clock clock, ArsProperties properties, Scheduler arsCallScheduler) {
		return new ParkedRequests(parkingLot, opener, handler, clock, properties.channels().parkAfter(),
				properties.intake().heartbeatInterval(), arsCallScheduler);
	}

	@Bean
	CallLifecycle callLifecycle(AuthRequestListener listener, CallRequestHandler handler, ParkedRequests parked,
			CallRunner runner, Clock clock, ArsProperties properties, Scheduler arsCallScheduler) {
		return new CallLifecycle(listener, handler, parked, runner, clock, properties.intake().heartbeatInterval(),
				properties.intake().shutdownGrace(), properties.intake().hangUpWait(), longestCallOverrun(properties),
				arsCallScheduler);
	}

	/**
	 * How long after its verification's expiry a live call can still be running: the
	 * longer of waiting for the trunk to confirm a hang-up and giving up a CANCEL, plus a
	 * heartbeat.
	 */
	static Duration longestCallOverrun(ArsProperties properties) {
		Duration hangUp = properties.sip().hangUpGrace();
		Duration cancel = properties.sip().cancelTimeout();
		return ((hangUp.compareTo(cancel) > 0) ? hangUp : cancel).plus(properties.intake().heartbeatInterval());
	}

	@Bean
	AuthRequestListener authRequestListener(AuthRequestOpener opener, CallRequestHandler handler,
			DeadLetters deadLetters, KafkaListenerEndpointRegistry registry, MessagingProperties messaging,
			ArsProperties properties, ParkingLot parkingLot) {
		if (properties.channels().parkAfter() < 1) {
			throw new IllegalStateException("ars.channels.park-after must be at least 1 (default 20), was "
					+ properties.channels().parkAfter());
		}
		return new AuthRequestListener(opener, handler, deadLetters, registry,
				consumerGroup(messaging, Topics.AUTH_REQUESTED), properties.channels().maxPending(), parkingLot,
				properties.channels().parkAfter());
	}

	@Bean
	VerificationOutcomeListener verificationOutcomeListener(EventCodec codec, CallStops stops) {
		return new VerificationOutcomeListener(codec, stops);
	}

	/**
	 * The {@code auth-requested} listener acknowledges by itself, in offset order per
	 * partition (messaging's {@code InOrderAcks}). A paused container still delivers the
	 * rest of its last poll, so polls are kept small.
	 */
	@Bean(AuthRequestListener.CONTAINER_FACTORY)
	ConcurrentKafkaListenerContainerFactory<String, byte[]> authRequestedContainerFactory(ListenerContainers containers,
			MessagingProperties messaging, ArsProperties properties, ObjectProvider<AuthRequestListener> listener) {
		ConcurrentKafkaListenerContainerFactory<String, byte[]> factory = containers.forManualAcks(
				consumerGroup(messaging, Topics.AUTH_REQUESTED), ListenerContainers.StartFrom.EARLIEST,
				Math.max(1, Math.min(50, properties.channels().maxPending() / 4)));
		factory.getContainerProperties().setConsumerRebalanceListener(new ConsumerAwareRebalanceListener() {
			@Override
			public void onPartitionsRevokedBeforeCommit(Consumer<?, ?> consumer,
					Collection<TopicPartition> partitions) {
				listener.ifAvailable((it) -> it.partitionsRevoked(partitions));
			}
		});
		return factory;
	}

	/**
	 * Only verifications that end from now on can stop a call of ours: the group starts
	 * at the latest offset.
	 */
	@Bean(VerificationOutcomeListener.CONTAINER_FACTORY)
	ConcurrentKafkaListenerContainerFactory<String, byte[]> verificationOutcomesContainerFactory(
			ListenerContainers containers, MessagingProperties messaging) {
		return containers.forGroup(consumerGroup(messaging, Topics.VERIFICATION_OUTCOMES),
				ListenerContainers.StartFrom.LATEST);
	}

	/** The one topic this service publishes to must be declared: checked at start-up. */
	@Bean
	ProducedTopics producedTopics(MessagingProperties messaging) {
		return ProducedTopics.require(messaging, Topics.CALL_COMPLETED);
	}

	private static String consumerGroup(MessagingProperties messaging, String topic) {
		String group = messaging.consumes().get(topic);
		if (group == null || group.isBlank()) {
			throw new IllegalStateException("messaging.consumes." + topic + " must name the consumer group");
		}
		return group;
	}

}
