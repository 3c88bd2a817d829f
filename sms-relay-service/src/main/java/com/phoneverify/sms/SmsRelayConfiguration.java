package com.phoneverify.sms;

import java.time.Clock;
import java.util.Map;

import com.phoneverify.contracts.EventCodec;
import com.phoneverify.contracts.Topics;
import com.phoneverify.contracts.sealed.Sealer;
import com.phoneverify.messaging.MessagingProperties;
import com.phoneverify.messaging.consume.IdempotentConsumer;
import com.phoneverify.messaging.consume.ListenerContainers;
import com.phoneverify.messaging.outbox.Outbox;
import com.phoneverify.sms.inbound.InboundMessages;
import com.phoneverify.sms.intake.SmsRequestListener;
import com.phoneverify.sms.outbound.Dispatcher;
import com.phoneverify.sms.outbound.OutboundStore;
import com.phoneverify.sms.outbound.Receipts;
import com.phoneverify.sms.outbound.SmsIntake;
import com.phoneverify.sms.outbound.StatusEvents;
import com.phoneverify.sms.outbound.TextEncoding;
import com.phoneverify.sms.recipient.RecipientKeys;
import com.phoneverify.sms.settings.SmsProperties;
import com.phoneverify.sms.smpp.JsmppSmsc;
import com.phoneverify.sms.smsc.MobileMessage;
import com.phoneverify.sms.smsc.Receipt;
import com.phoneverify.sms.smsc.SmscPort;
import com.phoneverify.sms.store.R2dbcInboundStore;
import com.phoneverify.sms.store.R2dbcOutboundStore;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.r2dbc.spi.ConnectionFactory;
import reactor.core.publisher.Mono;

import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.ConcurrentKafkaListenerContainerFactory;
import org.springframework.kafka.listener.ContainerProperties;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.transaction.ReactiveTransactionManager;
import org.springframework.transaction.reactive.TransactionalOperator;

/**
 * Wires the relay: the stores on R2DBC, the SMSC adapter (jSMPP), the dispatcher, the
 * intake and the inbound side. The producer, outbox, dead letters and listener containers
 * come from the messaging library.
 */
@Configuration(proxyBeanMethods = false)
class SmsRelayConfiguration {

	@Bean
	Clock smsClock() {
		return Clock.systemUTC();
	}

	@Bean
	TransactionalOperator smsTransactionalOperator(ReactiveTransactionManager transactionManager) {
		return TransactionalOperator.create(transactionManager);
	}

	@Bean
	Sealer smsSealer(SmsProperties properties) {
		SmsProperties.Sealing sealing = properties.sealing();
		if (sealing.keys().isEmpty() || sealing.currentKeyId() == null) {
			throw new IllegalStateException(
					"configure sms.sealing.keys.<id> (Base64 of 32 bytes) and sms.sealing.current-key-id: "
							+ "the events key ring sms-outbound is sealed with");
		}
		return Sealer.of(sealing.keys(), sealing.currentKeyId());
	}

	@Bean
	RecipientKeys recipientKeys(SmsProperties properties) {
		SmsProperties.Sealing sealing = properties.sealing();
		String keyId = (sealing.lookupKeyId() != null) ? sealing.lookupKeyId() : sealing.currentKeyId();
		Map<String, String> keys = sealing.keys();
		if (keyId == null || !keys.containsKey(keyId)) {
			throw new IllegalStateException("sms.sealing.lookup-key-id names no key of sms.sealing.keys");
		}
		return RecipientKeys.derivedFrom(keys.get(keyId));
	}

	@Bean
	OutboundStore outboundStore(ConnectionFactory connectionFactory) {
		return new R2dbcOutboundStore(DatabaseClient.create(connectionFactory));
	}

	@Bean
	StatusEvents statusEvents(Outbox outbox, EventCodec codec, Clock clock) {
		return new StatusEvents(outbox, codec, clock);
	}

	@Bean
	SmsIntake smsIntake(OutboundStore store, StatusEvents events, Sealer sealer, RecipientKeys recipients, Clock clock,
			SmsProperties properties) {
		return new SmsIntake(store, events, sealer, recipients, clock, properties.limits().perHour(),
				properties.limits().perDay());
	}

	@Bean
	Receipts receipts(OutboundStore store, StatusEvents events, TransactionalOperator tx, Clock clock) {
		return new Receipts(store, events, tx, clock);
	}

	@Bean
	InboundMessages inboundMessages(ConnectionFactory connectionFactory, Outbox outbox, EventCodec codec,
			TransactionalOperator tx, Sealer sealer, RecipientKeys recipients, Clock clock, SmsProperties properties) {
		SmsProperties.Inbound inbound = properties.inbound();
		return new InboundMessages(new R2dbcInboundStore(DatabaseClient.create(connectionFactory)), outbox, codec, tx,
				sealer, recipients, clock, properties.twoWayNumber(), inbound.replyWindow(), inbound.duplicateWindow(),
				inbound.maxTextLength());
	}

	@Bean(initMethod = "start", destroyMethod = "close")
	JsmppSmsc smsc(SmsProperties properties, Receipts receipts, InboundMessages inbound, Clock clock) {
		SmsProperties.Smsc smsc = properties.smsc();
		return new JsmppSmsc(new JsmppSmsc.Settings(smsc.host(), smsc.port(), smsc.systemId(), smsc.password(),
				smsc.systemType(), smsc.bindTimeout(), smsc.enquireLinkInterval(), smsc.responseTimeout(),
				smsc.reconnectMin(), smsc.reconnectMax(), smsc.receiverThreads(), smsc.responseTimeout()),
				new SmscPort.Listener() {

					@Override
					public Mono<Void> onReceipt(Receipt receipt) {
						return receipts.apply(receipt);
					}

					@Override
					public Mono<Void> onMessage(MobileMessage message) {
						return inbound.receive(message);
					}

				}, clock);
	}

	@Bean(destroyMethod = "close")
	Dispatcher dispatcher(OutboundStore store, StatusEvents events, TransactionalOperator tx, JsmppSmsc smsc,
			Sealer sealer, Clock clock, SmsProperties properties) {
		SmsProperties.Smsc link = properties.smsc();
		SmsProperties.Dispatch dispatch = properties.dispatch();
		return new Dispatcher(store, events, tx, smsc, sealer,
				new TextEncoding(
						(byte) link.koreanDataCoding(), link.longMessage() == SmsProperties.LongMessageMode.PAYLOAD),
				clock,
				new Dispatcher.Settings(link.window(), link.maxRate(), link.minRate(), link.throttlePause(),
						dispatch.batchSize(), dispatch.pollInterval(), dispatch.claimTimeout(), dispatch.retryBackoff(),
						dispatch.unmatchedReceiptRetention(), dispatch.lease(), dispatch.maxHandedOver()));
	}

	/**
	 * Health component {@code smsc}: down while no SMPP session is bound (messages wait
	 * queued meanwhile; nothing is lost, but nothing is sent either).
	 */
	@Bean
	HealthIndicator smscHealthIndicator(JsmppSmsc smsc) {
		return () -> smsc.isBound() ? Health.up().build() : Health.down().withDetail("smpp", "not bound").build();
	}

	/** What the dispatcher does, for Prometheus. */
	@Bean
	MeterBinder dispatcherMeters(Dispatcher dispatcher) {
		return (registry) -> {
			FunctionCounter.builder("sms.submits.accepted", dispatcher, Dispatcher::submittedParts)
				.description("submit_sm the SMSC accepted (each part counts)")
				.register(registry);
			FunctionCounter.builder("sms.submits.throttled", dispatcher, Dispatcher::throttledParts)
				.description("submit_sm refused with ESME_RTHROTTLED or ESME_RMSGQFUL (tried again)")
				.register(registry);
			FunctionCounter.builder("sms.dispatch.messages", dispatcher, Dispatcher::handedOverMessages)
				.tag("from", "intake")
				.description("messages the intake stored claimed and handed to the dispatcher (no claim of their own)")
				.register(registry);
			FunctionCounter.builder("sms.dispatch.messages", dispatcher, Dispatcher::claimedMessages)
				.tag("from", "queue")
				.description("messages the dispatcher claimed from the queue: many mean it is behind its intake")
				.register(registry);
			Gauge.builder("sms.submit.rate", dispatcher, Dispatcher::currentRate)
				.description("the adaptive submit rate now, per second")
				.register(registry);
			Gauge.builder("sms.submits.in.flight", dispatcher, Dispatcher::inFlight)
				.description("messages being submitted now")
				.register(registry);
		};
	}

	/** The sender registry from configuration, then the dispatcher (after migrations). */
	@Bean
	ApplicationRunner startDispatching(OutboundStore store, Dispatcher dispatcher, SmsProperties properties) {
		return (arguments) -> store.registerSenders(properties.senderNumbers())
			.doOnSuccess((done) -> dispatcher.start())
			.subscribe();
	}

	@Bean
	SmsRequestListener smsRequestListener(IdempotentConsumer consumer, EventCodec codec, TransactionalOperator tx,
			SmsIntake intake, Dispatcher dispatcher, MessagingProperties messaging) {
		return new SmsRequestListener(consumer, codec, tx, intake, dispatcher, messaging.consumer().handlerTimeout());
	}

	@Bean(SmsRequestListener.CONTAINER_FACTORY)
	ConcurrentKafkaListenerContainerFactory<String, byte[]> smsOutboundContainerFactory(ListenerContainers containers,
			MessagingProperties messaging, SmsProperties properties) {
		String group = messaging.consumes().get(Topics.SMS_OUTBOUND);
		if (group == null) {
			throw new IllegalStateException("messaging.consumes.sms-outbound must name the consumer group");
		}
		ConcurrentKafkaListenerContainerFactory<String, byte[]> factory = containers.forGroup(group,
				ListenerContainers.StartFrom.EARLIEST);
		// requests of one recipient may run in parallel: the intake locks the recipient
		factory.setConcurrency(properties.intake().concurrency());
		// a poll is stored in one transaction (SmsRequestListener) and committed after
		// it;
		// polls stay small so that a transaction stays short
		factory.setBatchListener(true);
		java.util.Properties consumer = new java.util.Properties();
		consumer.put(org.apache.kafka.clients.consumer.ConsumerConfig.MAX_POLL_RECORDS_CONFIG,
				properties.intake().maxPollRecords());
		factory.getContainerProperties().setKafkaConsumerProperties(consumer);
		factory.getContainerProperties().setAckMode(ContainerProperties.AckMode.BATCH);
		return factory;
	}

}
