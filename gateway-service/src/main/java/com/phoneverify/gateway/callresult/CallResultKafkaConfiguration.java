package com.phoneverify.gateway.callresult;

import java.nio.charset.StandardCharsets;

import com.phoneverify.contracts.DeadLetters;
import com.phoneverify.contracts.EventCodec;
import com.phoneverify.contracts.Topics;
import com.phoneverify.gateway.GatewayProperties;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.internals.RecordHeaders;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.util.backoff.FixedBackOff;

/**
 * What happens to a record the listener cannot process: a malformed event goes to
 * {@code call-completed.<group>.dlt} at once; anything else (a database hiccup) is
 * retried a few times with a backoff first. Either way the dead letter carries
 * {@code dlt-reason} and {@code dlt-consumer}, and the consumer moves on.
 */
@Configuration(proxyBeanMethods = false)
class CallResultKafkaConfiguration {

	@Bean
	DefaultErrorHandler kafkaErrorHandler(KafkaTemplate<String, byte[]> kafka, GatewayProperties properties) {
		String group = properties.kafka().consumerGroup();
		DeadLetterPublishingRecoverer recoverer = new DeadLetterPublishingRecoverer(kafka,
				(record, ex) -> new TopicPartition(Topics.deadLetterOf(record.topic(), group), -1));
		recoverer.setHeadersFunction((record, ex) -> {
			RecordHeaders headers = new RecordHeaders();
			headers.add(DeadLetters.REASON_HEADER, reason(ex).getBytes(StandardCharsets.UTF_8));
			headers.add(DeadLetters.CONSUMER_HEADER, group.getBytes(StandardCharsets.UTF_8));
			return headers;
		});
		GatewayProperties.Kafka kafkaProperties = properties.kafka();
		DefaultErrorHandler handler = new DefaultErrorHandler(recoverer,
				new FixedBackOff(kafkaProperties.retryBackoff().toMillis(), kafkaProperties.retries()));
		handler.addNotRetryableExceptions(EventCodec.MalformedEventException.class);
		return handler;
	}

	/** The innermost message: what an operator needs to read. */
	static String reason(Throwable ex) {
		Throwable cause = ex;
		while (cause.getCause() != null && cause.getCause() != cause) {
			if (cause instanceof EventCodec.MalformedEventException) {
				break;
			}
			cause = cause.getCause();
		}
		String message = cause.getMessage();
		return (message != null) ? message : cause.getClass().getSimpleName();
	}

}
