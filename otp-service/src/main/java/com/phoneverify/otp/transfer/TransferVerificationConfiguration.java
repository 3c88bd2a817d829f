package com.phoneverify.otp.transfer;

import java.util.Map;

import com.phoneverify.contracts.Topics;
import com.phoneverify.contracts.sealed.Sealer;
import com.phoneverify.messaging.MessagingProperties;
import com.phoneverify.messaging.consume.ListenerContainers;
import com.phoneverify.messaging.topic.ProducedTopics;
import com.phoneverify.otp.settings.OtpProperties;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.ConcurrentKafkaListenerContainerFactory;

/**
 * The container of {@code otp-verification-requested} (group from
 * {@code messaging.consumes}, earliest offset: every request must be answered), the
 * events key ring, and the check that {@code otp-verified} is declared.
 */
@Configuration(proxyBeanMethods = false)
class TransferVerificationConfiguration {

	static final String CONTAINER_FACTORY = "otpVerificationRequestedContainerFactory";

	@Bean(CONTAINER_FACTORY)
	ConcurrentKafkaListenerContainerFactory<String, byte[]> otpVerificationRequestedContainerFactory(
			ListenerContainers containers, MessagingProperties properties) {
		String group = properties.consumes().get(Topics.OTP_VERIFICATION_REQUESTED);
		if (group == null) {
			throw new IllegalStateException(
					"messaging.consumes.otp-verification-requested must name the consumer group");
		}
		return containers.forGroup(group, ListenerContainers.StartFrom.EARLIEST);
	}

	@Bean
	ProducedTopics otpProducedTopics(MessagingProperties messaging) {
		return ProducedTopics.require(messaging, Topics.OTP_VERIFIED);
	}

	/** The events ring {@code otp.sealing}; the service does not start without it. */
	@Bean
	EventSealer eventSealer(OtpProperties properties) {
		Map<String, String> keys = properties.sealing().keys();
		String current = properties.sealing().currentKeyId();
		if (keys == null || keys.isEmpty() || current == null) {
			throw new IllegalStateException("configure otp.sealing.keys.<id> (Base64 of 32 random bytes, the "
					+ "gateway's gateway.sealing.events ring) and otp.sealing.current-key-id");
		}
		return new EventSealer(Sealer.of(keys, current));
	}

	/** The events key ring, apart from the secrets ring by type. */
	record EventSealer(Sealer sealer) {
	}

}
