package com.phoneverify.devstack;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

import com.phoneverify.contracts.EventCodec;
import com.phoneverify.contracts.SmsMessageId;
import com.phoneverify.contracts.Topics;
import com.phoneverify.contracts.sms.SmsKind;
import com.phoneverify.contracts.sms.SmsRequested;
import com.phoneverify.contracts.topics.EventTopics;
import com.phoneverify.embedded.EmbeddedInfra;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The suite's SMS relay is bound to its SMSC simulator: a request on
 * {@code sms-outbound}, sealed with the suite's events key ring, reaches the handset, as
 * the simulator's HTTP API shows it.
 */
class SmsRelayEndToEndIT {

	@Test
	void aRequestOnSmsOutboundReachesTheSimulatedHandset() throws Exception {
		try (Suite suite = Suite.start(EmbeddedInfra.shared(), Suite.Ports.ephemeral(), Map.of())) {
			SmsMessageId id = SmsMessageId.random();
			SmsRequested request = new SmsRequested(id, SmsKind.SMS, Suite.SMS_SENDER_NUMBER,
					suite.sealer().seal("+821055501234", SmsRequested.sealingContext(id, "to")),
					suite.sealer().seal("devstack 인증번호 123456", SmsRequested.sealingContext(id, "text")), null,
					Instant.now().plus(Duration.ofMinutes(5)));
			Properties config = new Properties();
			config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, suite.infra().kafkaBootstrapServers());
			try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(config, new StringSerializer(),
					new ByteArraySerializer())) {
				producer
					.send(new ProducerRecord<>(Topics.SMS_OUTBOUND, id.toString(),
							new EventCodec().encode(EventTopics.SMS_OUTBOUND.envelope(request, Instant.now(), null))))
					.get(10, TimeUnit.SECONDS);
			}

			HttpClient http = HttpClient.newHttpClient();
			long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
			String inbox = "[]";
			while (inbox.equals("[]") && System.nanoTime() < deadline) {
				Thread.sleep(200);
				inbox = http
					.send(HttpRequest.newBuilder(URI.create(suite.smscUrl() + "/handsets/821055501234/inbox")).build(),
							HttpResponse.BodyHandlers.ofString())
					.body();
			}
			assertThat(inbox).contains("\"text\":\"devstack 인증번호 123456\"").contains("\"from\":\"15880000\"");
		}
	}

}
