package com.phoneverify.messaging.outbox;

import com.phoneverify.messaging.MessagingAutoConfiguration;
import com.phoneverify.messaging.MessagingProperties;
import com.phoneverify.messaging.produce.EventPublisher;
import com.phoneverify.messaging.support.TableName;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
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
 * The outbox and its relay, when {@code messaging.outbox.table} names the table.
 */
@AutoConfiguration(after = MessagingAutoConfiguration.class,
		afterName = { "org.springframework.boot.r2dbc.autoconfigure.R2dbcAutoConfiguration",
				"org.springframework.boot.r2dbc.autoconfigure.R2dbcTransactionManagerAutoConfiguration",
				"org.springframework.boot.data.r2dbc.autoconfigure.DataR2dbcAutoConfiguration" })
@ConditionalOnProperty("messaging.outbox.table")
public class OutboxAutoConfiguration {

	@Bean
	OutboxRelay outboxRelay(ConnectionFactory connectionFactory,
			ObjectProvider<ReactiveTransactionManager> transactionManager, EventPublisher publisher,
			MessagingProperties properties, ObjectProvider<MeterRegistry> meters) {
		TableName table = TableName.of("messaging.outbox.table", properties.outbox().table());
		TransactionalOperator tx = TransactionalOperator
			.create(transactionManager.getIfAvailable(() -> new R2dbcTransactionManager(connectionFactory)));
		return new OutboxRelay(DatabaseClient.create(connectionFactory), tx, publisher, properties.outbox(), table,
				properties.produces().keySet(), meters.getIfAvailable(SimpleMeterRegistry::new));
	}

	@Bean
	Outbox outbox(ConnectionFactory connectionFactory, OutboxRelay relay, MessagingProperties properties) {
		return new Outbox(DatabaseClient.create(connectionFactory), relay,
				TableName.of("messaging.outbox.table", properties.outbox().table()));
	}

}
