package com.phoneverify.embedded;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class EmbeddedInfraTests {

	private final EmbeddedInfra infra = EmbeddedInfra.shared();

	@Test
	void createsADatabasePerServiceAndAcceptsSql() throws Exception {
		String url = this.infra.jdbcUrl("some_service");
		try (Connection connection = DriverManager.getConnection(url, this.infra.username(), this.infra.password());
				ResultSet result = connection.createStatement().executeQuery("SELECT current_database()")) {
			assertThat(result.next()).isTrue();
			assertThat(result.getString(1)).isEqualTo("some_service");
		}
		assertThat(this.infra.r2dbcUrl("some_service")).endsWith("/some_service").startsWith("r2dbc:postgresql://");
	}

	@Test
	void brokerCarriesARecordFromProducerToConsumer() throws Exception {
		Map<String, Object> producerConfig = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
				this.infra.kafkaBootstrapServers(), ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
				ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
		try (KafkaProducer<String, String> producer = new KafkaProducer<>(producerConfig)) {
			producer.send(new ProducerRecord<>("infra-check", "k", "hello")).get();
		}
		Properties consumerConfig = new Properties();
		consumerConfig.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, this.infra.kafkaBootstrapServers());
		consumerConfig.put(ConsumerConfig.GROUP_ID_CONFIG, "infra-check");
		consumerConfig.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
		try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(consumerConfig, new StringDeserializer(),
				new StringDeserializer())) {
			consumer.subscribe(List.of("infra-check"));
			ConsumerRecords<String, String> records = ConsumerRecords.empty();
			for (int i = 0; i < 50 && records.isEmpty(); i++) {
				records = consumer.poll(Duration.ofMillis(200));
			}
			assertThat(records).extracting(r -> r.value()).containsExactly("hello");
		}
	}

}
