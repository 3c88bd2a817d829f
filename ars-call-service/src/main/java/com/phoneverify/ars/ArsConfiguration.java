package com.phoneverify.ars;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.util.Collection;
import java.util.UUID;

import com.phoneverify.ars.call.CallRunner;
import com.phoneverify.ars.call.CallStops;
import com.phoneverify.ars.media.RtpMedia;
import com.phoneverify.ars.prompt.EspeakTextToSpeech;
import com.phoneverify.ars.prompt.PromptLibrary;
import com.phoneverify.ars.quota.ChannelQuota;
import com.phoneverify.ars.request.AuthRequestListener;
import com.phoneverify.ars.request.AuthRequestOpener;
import com.phoneverify.ars.request.CallLifecycle;
import com.phoneverify.ars.request.CallLog;
import com.phoneverify.ars.request.CallRequestHandler;
import com.phoneverify.ars.request.VerificationOutcomeListener;
import com.phoneverify.ars.scenario.ScenarioCatalog;
import com.phoneverify.ars.scenario.ScenarioEngine;
import com.phoneverify.ars.store.R2dbcCallLog;
import com.phoneverify.ars.trunk.sip.SipTrunk;
import com.phoneverify.contracts.EventCodec;
import com.phoneverify.contracts.Topics;
import com.phoneverify.contracts.sealed.Sealer;
import com.phoneverify.media.MediaEngineOptions;
import com.phoneverify.messaging.MessagingProperties;
import com.phoneverify.messaging.consume.DeadLetters;
import com.phoneverify.messaging.consume.ListenerContainers;
import com.phoneverify.messaging.produce.EventPublisher;
import com.phoneverify.messaging.topic.ProducedTopics;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.r2dbc.spi.ConnectionFactory;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.TopicPartition;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.Resource;
import org.springframework.core.io.ResourceLoader;
import org.springframework.kafka.config.ConcurrentKafkaListenerContainerFactory;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.listener.ConsumerAwareRebalanceListener;
import org.springframework.r2dbc.core.DatabaseClient;

/**
 * Wires the service. The producer, dead letters and listener containers come from the
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
	ScenarioCatalog scenarioCatalog(ArsProperties properties, ResourceLoader resources) {
		String location = properties.scenarios().location();
		String base = location.endsWith("/") ? location : location + "/";
		return ScenarioCatalog.load((name) -> {
			Resource resource = resources.getResource(base + name);
			return resource.exists() ? resource.getInputStream() : null;
		});
	}

	@Bean
	PromptLibrary promptLibrary(ArsProperties properties, ScenarioCatalog catalog) {
		PromptLibrary library = new PromptLibrary(new EspeakTextToSpeech(properties.prompts().espeakCommand()),
				properties.prompts().cacheDirOrDefault(), ArsConfiguration.class.getClassLoader());
		library.prepare(catalog.fragments());
		return library;
	}

	@Bean
	ScenarioEngine scenarioEngine(PromptLibrary prompts, Scheduler arsCallScheduler) {
		return new ScenarioEngine(prompts, arsCallScheduler);
	}

	@Bean(destroyMethod = "close")
	RtpMedia rtpMedia(ArsProperties properties) throws UnknownHostException {
		ArsProperties.Media media = properties.media();
		MediaEngineOptions options = MediaEngineOptions.defaults()
			.withBindAddress(InetAddress.getByName(media.bindAddress()));
		if (media.portRangeStart() != 0) {
			options = options.withPortRange(media.portRangeStart(), media.portRangeEnd());
		}
		return new RtpMedia(options);
	}

	@Bean(destroyMethod = "close")
	SipTrunk sipTrunk(ArsProperties properties, RtpMedia media, Scheduler arsCallScheduler) {
		return new SipTrunk(properties.sip(), media, arsCallScheduler);
	}

	@Bean
	CallRunner callRunner(SipTrunk trunk, ArsProperties properties, Clock clock, Scheduler arsCallScheduler) {
		return new CallRunner(trunk, properties.sip().ringTimeout(), properties.sip().hangUpGrace(), clock,
				arsCallScheduler);
	}

	@Bean
	ChannelQuota channelQuota(ArsProperties properties, MeterRegistry meters) {
		ChannelQuota quota = new ChannelQuota(properties.channels().global(), properties.channels().perMerchant());
		Gauge.builder("ars.calls.active", quota, ChannelQuota::active)
			.description("Calls admitted and not yet ended")
			.register(meters);
		Gauge.builder("ars.calls.waiting", quota, ChannelQuota::waiting)
			.description("Requests waiting for a channel")
			.register(meters);
		return quota;
	}

	@Bean
	CallStops callStops(Scheduler arsCallScheduler) {
		return new CallStops(arsCallScheduler, CallStops.DEFAULT_REMEMBERED);
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
	CallLog callLog(ConnectionFactory connectionFactory, EventCodec codec, Clock clock, Scheduler arsCallScheduler) {
		return new R2dbcCallLog(DatabaseClient.create(connectionFactory), codec, clock, UUID.randomUUID(),
				arsCallScheduler);
	}

	@Bean
	CallRequestHandler callRequestHandler(ChannelQuota quota, CallStops stops, CallRunner runner, ScenarioEngine engine,
			ScenarioCatalog catalog, EventPublisher publisher, CallLog calls, Clock clock, MeterRegistry meters) {
		return new CallRequestHandler(quota, stops, runner, engine, catalog,
				(event) -> publisher.publish(Topics.CALL_COMPLETED, event), calls, clock,
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
			DeadLetters deadLetters, KafkaListenerEndpointRegistry registry, MessagingProperties messaging,
			ArsProperties properties) {
		return new AuthRequestListener(opener, handler, deadLetters, registry,
				consumerGroup(messaging, Topics.AUTH_REQUESTED), properties.channels().maxPending());
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
