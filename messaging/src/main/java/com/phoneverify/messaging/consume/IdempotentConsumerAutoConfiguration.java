package com.phoneverify.messaging.consume;

import java.time.Clock;

import com.phoneverify.contracts.EventCodec;
import com.phoneverify.messaging.MessagingAutoConfiguration;
import com.phoneverify.messaging.MessagingProperties;
import com.phoneverify.messaging.support.TableName;
import io.r2dbc.spi.ConnectionFactory;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.r2dbc.connection.R2dbcTransactionManager;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.transaction.ReactiveTransactionManager;
import org.springframework.transaction.reactive.TransactionalOperator;

/**
 * Deduplication by event id, when {@code messaging.consumer.processed-events-table} names
 * the table.
 */
@AutoConfiguration(after = MessagingAutoConfiguration.class,
		afterName = { "org.springframework.boot.r2dbc.autoconfigure.R2dbcAutoConfiguration",
				"org.springframework.boot.r2dbc.autoconfigure.R2dbcTransactionManagerAutoConfiguration" })
@ConditionalOnProperty("messaging.consumer.processed-events-table")
public class IdempotentConsumerAutoConfiguration {

	@Bean
	ProcessedEvents processedEvents(ConnectionFactory connectionFactory, ObjectProvider<Clock> clock,
			MessagingProperties properties) {
		MessagingProperties.Consumer consumer = properties.consumer();
		return new ProcessedEvents(DatabaseClient.create(connectionFactory), clock.getIfAvailable(Clock::systemUTC),
				TableName.of("messaging.consumer.processed-events-table", consumer.processedEventsTable()),
				consumer.processedEventsRetention(), consumer.processedEventsPurgeInterval());
	}

	@Bean
	IdempotentConsumer idempotentConsumer(EventCodec codec, ProcessedEvents processed, DeadLetters deadLetters,
			ConnectionFactory connectionFactory, ObjectProvider<ReactiveTransactionManager> transactionManager,
			MessagingProperties properties) {
		TransactionalOperator tx = TransactionalOperator
			.create(transactionManager.getIfAvailable(() -> new R2dbcTransactionManager(connectionFactory)));
		return new IdempotentConsumer(codec, processed, deadLetters, tx, properties.consumer().handlerTimeout());
	}

}
