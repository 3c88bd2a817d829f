package com.phoneverify.transfer.consent.kafka;

import java.time.Clock;

import com.phoneverify.contracts.EventCodec;
import com.phoneverify.contracts.MerchantId;
import com.phoneverify.contracts.Topics;
import com.phoneverify.contracts.sealed.Sealer;
import com.phoneverify.messaging.MessagingProperties;
import com.phoneverify.messaging.consume.IdempotentConsumer;
import com.phoneverify.messaging.consume.ListenerContainers;
import com.phoneverify.messaging.outbox.Outbox;
import com.phoneverify.messaging.topic.ProducedTopics;
import com.phoneverify.transfer.consent.ArsCalls;
import com.phoneverify.transfer.consent.ConsentMessages;
import com.phoneverify.transfer.consent.OtpVerifications;
import com.phoneverify.transfer.consent.TransferResults;
import com.phoneverify.transfer.consent.TransferService;
import com.phoneverify.transfer.settings.TransferProperties;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.ConcurrentKafkaListenerContainerFactory;

/**
 * The listeners and their containers, in the groups {@code messaging.consumes} names;
 * both start from the earliest offset, since every reply and status must be applied.
 */
@Configuration(proxyBeanMethods = false)
class KafkaConfiguration {

	static final String CONSENT_REPLIED = "consentRepliedContainerFactory";

	static final String SMS_STATUS = "smsStatusContainerFactory";

	static final String TRANSFER_REQUESTED = "transferRequestedContainerFactory";

	static final String TRANSFER_CANCEL_REQUESTED = "transferCancelRequestedContainerFactory";

	static final String OTP_VERIFIED = "otpVerifiedContainerFactory";

	static final String CALL_COMPLETED = "callCompletedContainerFactory";

	@Bean(TRANSFER_REQUESTED)
	ConcurrentKafkaListenerContainerFactory<String, byte[]> transferRequestedContainerFactory(
			ListenerContainers containers, MessagingProperties messaging) {
		return containers.forGroup(group(messaging, Topics.TRANSFER_REQUESTED), ListenerContainers.StartFrom.EARLIEST);
	}

	@Bean(TRANSFER_CANCEL_REQUESTED)
	ConcurrentKafkaListenerContainerFactory<String, byte[]> transferCancelRequestedContainerFactory(
			ListenerContainers containers, MessagingProperties messaging) {
		return containers.forGroup(group(messaging, Topics.TRANSFER_CANCEL_REQUESTED),
				ListenerContainers.StartFrom.EARLIEST);
	}

	@Bean
	TransferRequestListener transferRequestListener(IdempotentConsumer consumer, TransferService transfers,
			Sealer eventsSealer) {
		return new TransferRequestListener(consumer, transfers, eventsSealer);
	}

	@Bean
	TransferResults transferResults(Outbox outbox, EventCodec codec, Clock clock) {
		return new OutboxTransferResults(outbox, codec, clock);
	}

	@Bean(CONSENT_REPLIED)
	ConcurrentKafkaListenerContainerFactory<String, byte[]> consentRepliedContainerFactory(
			ListenerContainers containers, MessagingProperties messaging) {
		return containers.forGroup(group(messaging, Topics.CONSENT_REPLIED), ListenerContainers.StartFrom.EARLIEST);
	}

	@Bean(SMS_STATUS)
	ConcurrentKafkaListenerContainerFactory<String, byte[]> smsStatusContainerFactory(ListenerContainers containers,
			MessagingProperties messaging) {
		return containers.forGroup(group(messaging, Topics.SMS_STATUS), ListenerContainers.StartFrom.EARLIEST);
	}

	@Bean
	ConsentRepliedListener consentRepliedListener(IdempotentConsumer consumer, TransferService transfers,
			Sealer eventsSealer, ConsentMessages messages) {
		return new ConsentRepliedListener(consumer, transfers, eventsSealer, messages);
	}

	@Bean
	SmsStatusListener smsStatusListener(IdempotentConsumer consumer, TransferService transfers,
			ConsentMessages messages) {
		return new SmsStatusListener(consumer, transfers, messages);
	}

	@Bean(OTP_VERIFIED)
	ConcurrentKafkaListenerContainerFactory<String, byte[]> otpVerifiedContainerFactory(ListenerContainers containers,
			MessagingProperties messaging) {
		return containers.forGroup(group(messaging, Topics.OTP_VERIFIED), ListenerContainers.StartFrom.EARLIEST);
	}

	@Bean
	OtpVerifiedListener otpVerifiedListener(IdempotentConsumer consumer, TransferService transfers) {
		return new OtpVerifiedListener(consumer, transfers);
	}

	@Bean
	OtpVerifications otpVerifications(Outbox outbox, Sealer eventsSealer, EventCodec codec,
			TransferProperties properties, Clock clock) {
		return new OutboxOtpVerifications(outbox, eventsSealer, codec, new MerchantId(properties.otp().merchantId()),
				clock);
	}

	@Bean(CALL_COMPLETED)
	ConcurrentKafkaListenerContainerFactory<String, byte[]> callCompletedContainerFactory(ListenerContainers containers,
			MessagingProperties messaging) {
		return containers.forGroup(group(messaging, Topics.CALL_COMPLETED), ListenerContainers.StartFrom.EARLIEST);
	}

	@Bean
	CallCompletedListener callCompletedListener(IdempotentConsumer consumer, TransferService transfers) {
		return new CallCompletedListener(consumer, transfers);
	}

	@Bean
	ArsCalls arsCalls(Outbox outbox, Sealer eventsSealer, EventCodec codec, TransferProperties properties,
			Clock clock) {
		return new OutboxArsCalls(outbox, eventsSealer, codec, new MerchantId(properties.consent().arsMerchantId()),
				clock);
	}

	/** The topics this service publishes to must be declared: checked at start-up. */
	@Bean
	ProducedTopics producedTopics(MessagingProperties messaging) {
		return ProducedTopics.require(messaging, Topics.SMS_OUTBOUND, Topics.TRANSFER_COMPLETED,
				Topics.OTP_VERIFICATION_REQUESTED, Topics.AUTH_REQUESTED, Topics.VERIFICATION_OUTCOMES);
	}

	private static String group(MessagingProperties messaging, String topic) {
		String group = messaging.consumes().get(topic);
		if (group == null || group.isBlank()) {
			throw new IllegalStateException("messaging.consumes." + topic + " must name the consumer group");
		}
		return group;
	}

}
