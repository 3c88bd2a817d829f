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
import org.springframework.util.backoff.ExponentialBackOff;

/**
 * What happens to a record the listener cannot process. A record that is not a valid
 * event (malformed JSON, a field that fails the record's validation) goes to
 * {@code call-completed.<group>.dlt} at once, with {@code dlt-reason} and
 * {@code dlt-consumer}, and the consumer moves on. Anything else (a database failover, a
 * timeout) says nothing about the record, so it is retried without limit, with
 * exponential backoff capped at {@code gateway.kafka.retry-max-backoff}: the partition
 * waits meanwhile, which is intended, since dead-lettering a valid call result would lose
 * it for good.
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
		DefaultErrorHandler handler = new DefaultErrorHandler(recoverer, backOff(properties.kafka()));
		handler.addNotRetryableExceptions(EventCodec.MalformedEventException.class, IllegalArgumentException.class);
		return handler;
	}

	/** Exponential, capped, and never giving up. */
	static ExponentialBackOff backOff(GatewayProperties.Kafka kafka) {
		ExponentialBackOff backOff = new ExponentialBackOff(kafka.retryBackoff().toMillis(), 2.0);
		backOff.setMaxInterval(kafka.retryMaxBackoff().toMillis());
		backOff.setMaxElapsedTime(Long.MAX_VALUE);
		backOff.setMaxAttempts(Long.MAX_VALUE);
		return backOff;
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
