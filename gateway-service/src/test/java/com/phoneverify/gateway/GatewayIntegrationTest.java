package com.phoneverify.gateway;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

import com.phoneverify.contracts.EventCodec;
import com.phoneverify.contracts.EventEnvelope;
import com.phoneverify.contracts.MerchantId;
import com.phoneverify.contracts.Topics;
import com.phoneverify.contracts.VerificationId;
import com.phoneverify.contracts.ars.CallCompleted;
import com.phoneverify.contracts.ars.CallOutcome;
import com.phoneverify.contracts.ars.CallTimings;
import com.phoneverify.contracts.ars.ScenarioResult;
import com.phoneverify.contracts.http.RequestSignature;
import com.phoneverify.contracts.topics.EventTopics;
import com.phoneverify.embedded.EmbeddedInfraInitializer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.awaitility.Awaitility;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.context.ContextConfiguration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The one Spring context of every integration test (so it starts once), against the JVM's
 * real Kafka broker and PostgreSQL, with helpers to create merchants, send signed
 * requests, count rows and read topics.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "gateway.admin.token=test-admin-token", "gateway.verification.min-expiry=1s",
				"gateway.verification.sweep-interval=200ms", "gateway.verification.expiry-grace=3s",
				"gateway.verification.allow-local-http-callbacks=true", "messaging.outbox.poll-interval=100ms",
				"gateway.webhook.poll-interval=100ms", "gateway.webhook.initial-backoff=200ms",
				"messaging.consumer.retry-backoff=100ms", "messaging.consumer.retry-max-backoff=1s",
				// the tests share a few phone numbers; ConfirmLimitsIntegrationTests
				// fills a fresh number up to these
				"gateway.verification.destination-limit-per-ten-minutes=200",
				"gateway.verification.destination-limit-per-day=400",
				// the tests' own keys: none ships in the gateway's configuration
				"gateway.sealing.at-rest.keys." + GatewayIntegrationTest.AT_REST_KEY_ID
						+ "=3q4ckc5Zr7m4mGmX2uN0JqWf8rJpYw2l3s0Zb1xk9tA=",
				"gateway.sealing.at-rest.current-key-id=" + GatewayIntegrationTest.AT_REST_KEY_ID,
				"gateway.sealing.events.keys." + GatewayIntegrationTest.EVENTS_KEY_ID
						+ "=kF2vA7q1zXo9m3R8cT5yW0bN6eH4jL2uS1dG8pQ7iVc=",
				"gateway.sealing.events.current-key-id=" + GatewayIntegrationTest.EVENTS_KEY_ID,
				"gateway.verification.code-pepper=Yq3tW9mX2bR7kP4sN8vC1zL6hJ0dF5gA", "management.server.port=0",
				// otp-service is not running: OtpRoutesIntegrationTests proves the 503
				"gateway.otp.base-url=http://127.0.0.1:1", "gateway.otp.timeout=2s" })
@ContextConfiguration(initializers = EmbeddedInfraInitializer.class)
public abstract class GatewayIntegrationTest {

	protected static final String ADMIN_TOKEN = "test-admin-token";

	/** The id of the tests' at-rest key (merchants' secrets). */
	protected static final String AT_REST_KEY_ID = "test-rest-1";

	/** The id of the tests' events key (sealed event fields, the sealed phone). */
	protected static final String EVENTS_KEY_ID = "test-events-1";

	private static final AtomicInteger merchantCounter = new AtomicInteger();

	protected final JsonMapper json = JsonMapper.builder().build();

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	@Value("${local.server.port}")
	protected int port;

	/** Actuator's port, apart from the merchant-facing {@link #port}. */
	@Value("${local.management.port:${local.server.port}}")
	protected int managementPort;

	@Value("${spring.kafka.bootstrap-servers}")
	protected String bootstrapServers;

	@Autowired
	protected DatabaseClient db;

	/** A merchant with its secrets, as the admin API returned them. */
	public record Merchant(String merchantId, String keyId, String secret, String webhookSecret) {
	}

	/** An HTTP response with its body parsed (null when not JSON). */
	protected record Response(int status, String contentType, String text, JsonNode body,
			java.net.http.HttpHeaders headers) {

		public String header(String name) {
			return this.headers.firstValue(name).orElse(null);
		}

	}

	protected Merchant createMerchant() {
		String id = "shop-" + UUID.randomUUID().toString().substring(0, 8) + "-" + merchantCounter.incrementAndGet();
		Response response = send("POST", "/admin/v1/merchants", "{\"merchantId\":\"" + id + "\",\"name\":\"Shop\"}",
				Map.of("Authorization", "Bearer " + ADMIN_TOKEN, "Content-Type", "application/json"));
		assertThat(response.status()).as(response.text()).isEqualTo(201);
		return new Merchant(response.body().path("merchantId").asString(), response.body().path("keyId").asString(),
				response.body().path("secret").asString(), response.body().path("webhookSecret").asString());
	}

	protected Response signed(Merchant merchant, String method, String path, String body) {
		return send(method, path, body, signedHeaders(merchant, method, path, body));
	}

	protected Map<String, String> signedHeaders(Merchant merchant, String method, String path, String body) {
		byte[] bytes = (body != null) ? body.getBytes(StandardCharsets.UTF_8) : new byte[0];
		RequestSignature signature = RequestSignature.sign(merchant.keyId(), merchant.secret(), method, path,
				System.currentTimeMillis() / 1000, "n" + UUID.randomUUID().toString().replace("-", ""), bytes);
		return (body != null) ? Map.of("Authorization", signature.toHeaderValue(), "Content-Type", "application/json")
				: Map.of("Authorization", signature.toHeaderValue());
	}

	protected Response send(String method, String path, String body, Map<String, String> headers) {
		return send(this.port, method, path, body, headers);
	}

	/** A request to actuator, on the management port. */
	protected Response sendManagement(String method, String path) {
		return send(this.managementPort, method, path, null, Map.of());
	}

	protected Response send(int port, String method, String path, String body, Map<String, String> headers) {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
			.timeout(Duration.ofSeconds(10))
			.method(method,
					(body != null) ? HttpRequest.BodyPublishers.ofString(body) : HttpRequest.BodyPublishers.noBody());
		headers.forEach(request::header);
		try {
			HttpResponse<String> response = this.http.send(request.build(), HttpResponse.BodyHandlers.ofString());
			String contentType = response.headers().firstValue("Content-Type").orElse("");
			JsonNode parsed = contentType.contains("json") ? this.json.readTree(response.body()) : null;
			return new Response(response.statusCode(), contentType, response.body(), parsed, response.headers());
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	protected long count(String sql, Object... args) {
		DatabaseClient.GenericExecuteSpec spec = this.db.sql(sql);
		for (int i = 0; i < args.length; i++) {
			spec = spec.bind(i, args[i]);
		}
		return ((Number) spec.fetch().one().block().values().iterator().next()).longValue();
	}

	/**
	 * Publishes the {@code call-completed} of an answered call that read the code out
	 * ({@code code_delivered}) and waits until the gateway applied it: only then may A
	 * and B be confirmed.
	 */
	protected void deliverCode(Merchant merchant, String id) {
		EventEnvelope<CallCompleted> event = EventTopics.CALL_COMPLETED.envelope(
				new CallCompleted(VerificationId.parse(id), MerchantId.of(merchant.merchantId()), CallOutcome.ANSWERED,
						ScenarioResult.CODE_DELIVERED, 200, new CallTimings(800L, 2500L, 9000)),
				Instant.now(), null);
		publish(Topics.CALL_COMPLETED, event.key(), new EventCodec().encode(event));
		Awaitility.await()
			.atMost(Duration.ofSeconds(15))
			.pollInterval(Duration.ofMillis(100))
			.until(() -> count("SELECT count(*) FROM gateway.ars_verifications WHERE id = $1 "
					+ "AND scenario_result = 'code_delivered'", UUID.fromString(id)) == 1);
	}

	protected KafkaProducer<String, byte[]> producer() {
		return new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, this.bootstrapServers),
				new StringSerializer(), new ByteArraySerializer());
	}

	protected void publish(String topic, String key, byte[] value) {
		try (KafkaProducer<String, byte[]> producer = producer()) {
			producer.send(new ProducerRecord<>(topic, key, value)).get();
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * Reads the topic from the beginning until {@code expected} records match, or the
	 * timeout.
	 */
	protected List<ConsumerRecord<String, byte[]>> awaitRecords(String topic,
			Predicate<ConsumerRecord<String, byte[]>> matching, int expected, Duration timeout) {
		List<ConsumerRecord<String, byte[]>> found = new ArrayList<>();
		try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(
				Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, this.bootstrapServers,
						ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false),
				new StringDeserializer(), new ByteArrayDeserializer())) {
			List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(10))
				.stream()
				.map((info) -> new TopicPartition(topic, info.partition()))
				.toList();
			consumer.assign(partitions);
			consumer.seekToBeginning(partitions);
			long deadline = System.nanoTime() + timeout.toNanos();
			while (found.size() < expected && System.nanoTime() < deadline) {
				consumer.poll(Duration.ofMillis(200)).forEach((record) -> {
					if (matching.test(record)) {
						found.add(record);
					}
				});
			}
		}
		return found;
	}

	protected List<ConsumerRecord<String, byte[]>> awaitRecordsWithKey(String topic, String key, int expected) {
		return awaitRecords(topic, (record) -> key.equals(record.key()), expected, Duration.ofSeconds(15));
	}

}
