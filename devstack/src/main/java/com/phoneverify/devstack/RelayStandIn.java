package com.phoneverify.devstack;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import com.phoneverify.contracts.EventCodec;
import com.phoneverify.contracts.EventEnvelope;
import com.phoneverify.contracts.Topics;
import com.phoneverify.contracts.phone.PhoneNumber;
import com.phoneverify.contracts.sealed.Sealer;
import com.phoneverify.contracts.sms.SmsRequested;
import com.phoneverify.contracts.topics.EventTopics;
import com.phoneverify.contracts.transfer.ConsentReplied;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.jspecify.annotations.Nullable;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;
import reactor.netty.resources.LoopResources;
import tools.jackson.databind.json.JsonMapper;

/**
 * Stands in for sms-relay-service and its SMSC while the suite has no relay: reads
 * {@code sms-outbound} (opening number and text with the suite's events key ring) into a
 * virtual handset inbox per number, and lets a handset answer, publishing
 * {@code consent-replied} as the relay would for a reply to a message with
 * {@code replyFor}. Speaks no SMPP; it only lets the 2-WAY walk-through run until the
 * relay joins {@link Suite#SERVICES} (then the suite starts the relay and not this).
 *
 * <pre>
 * GET  /handsets/{number}/inbox          the messages the number received, newest last
 * POST /handsets/{number}/reply          {"text":"123456"}: replies to the newest message that expects one
 * </pre>
 */
final class RelayStandIn implements AutoCloseable {

	private static final JsonMapper json = JsonMapper.builder().build();

	private static final EventCodec codec = new EventCodec();

	/** One message a handset received. */
	record Received(SmsRequested request, String text, Instant receivedAt) {
	}

	private final Sealer sealer;

	private final Map<String, List<Received>> inboxes = new ConcurrentHashMap<>();

	private final KafkaProducer<String, byte[]> producer;

	private final Thread reader;

	private final DisposableServer server;

	/**
	 * Event loops of its own: Reactor Netty's global ones are disposed whenever a Spring
	 * context of the JVM closes (tests and devstack run several).
	 */
	private final LoopResources loops = LoopResources.create("relay-stand-in-http", 1, true);

	private volatile boolean running = true;

	RelayStandIn(String bootstrapServers, Sealer sealer, int port) {
		this.sealer = sealer;
		Properties producerConfig = new Properties();
		producerConfig.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
		this.producer = new KafkaProducer<>(producerConfig, new StringSerializer(), new ByteArraySerializer());
		this.reader = new Thread(() -> read(bootstrapServers), "relay-stand-in");
		this.reader.setDaemon(true);
		this.reader.start();
		this.server = HttpServer.create()
			.runOn(this.loops)
			.host("127.0.0.1")
			.port(port)
			.route((routes) -> routes.get("/handsets/{number}/inbox", this::inbox)
				.post("/handsets/{number}/reply", this::reply))
			.bindNow();
	}

	String url() {
		InetSocketAddress address = (InetSocketAddress) this.server.address();
		return "http://localhost:" + address.getPort();
	}

	private void read(String bootstrapServers) {
		Properties config = new Properties();
		config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
		config.put(ConsumerConfig.GROUP_ID_CONFIG, "devstack-relay-stand-in-" + UUID.randomUUID());
		config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
		try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(config, new StringDeserializer(),
				new ByteArrayDeserializer())) {
			consumer.subscribe(List.of(Topics.SMS_OUTBOUND));
			while (this.running) {
				for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(100))) {
					try {
						SmsRequested request = codec.decode(record.value(), EventTopics.SMS_OUTBOUND).payload();
						String to = this.sealer.open(request.to(),
								SmsRequested.sealingContext(request.messageId(), "to"));
						String text = this.sealer.open(request.text(),
								SmsRequested.sealingContext(request.messageId(), "text"));
						this.inboxes.computeIfAbsent(to, (number) -> new CopyOnWriteArrayList<>())
							.add(new Received(request, text, Instant.now()));
					}
					catch (RuntimeException ex) {
						// not an SMS request of this suite (another key ring, a malformed
						// record):
						// a relay would dead-letter it; the stand-in skips it
					}
				}
			}
		}
		catch (RuntimeException ex) {
			if (this.running) {
				throw ex;
			}
		}
	}

	private @Nullable String e164(String number) {
		try {
			return PhoneNumber.parse(number).e164();
		}
		catch (PhoneNumber.InvalidPhoneNumberException ex) {
			return null;
		}
	}

	private Publisher<Void> inbox(HttpServerRequest request, HttpServerResponse response) {
		String number = e164(request.param("number"));
		if (number == null) {
			return send(response, HttpResponseStatus.BAD_REQUEST, Map.of("detail", "not a phone number"));
		}
		List<Map<String, Object>> messages = new ArrayList<>();
		for (Received received : this.inboxes.getOrDefault(number, List.of())) {
			Map<String, Object> message = new LinkedHashMap<>();
			message.put("messageId", received.request().messageId().toString());
			message.put("from", received.request().senderNumber());
			message.put("text", received.text());
			message.put("expectsReply", received.request().replyFor() != null);
			message.put("receivedAt", received.receivedAt().toString());
			messages.add(message);
		}
		return send(response, HttpResponseStatus.OK, messages);
	}

	record Reply(@Nullable String text) {
	}

	private Publisher<Void> reply(HttpServerRequest request, HttpServerResponse response) {
		String number = e164(request.param("number"));
		return request.receive().aggregate().asString(StandardCharsets.UTF_8).defaultIfEmpty("{}").flatMap((body) -> {
			Reply reply = json.readValue(body, Reply.class);
			if (number == null || reply.text() == null) {
				return send(response, HttpResponseStatus.BAD_REQUEST, Map.of("detail", "a number and a text"));
			}
			List<Received> inbox = this.inboxes.getOrDefault(number, List.of());
			Received asked = null;
			for (Received received : inbox) {
				if (received.request().replyFor() != null) {
					asked = received;
				}
			}
			if (asked == null) {
				return send(response, HttpResponseStatus.NOT_FOUND,
						Map.of("detail", "this handset has no message that expects a reply"));
			}
			var transfer = asked.request().replyFor();
			ConsentReplied replied = new ConsentReplied(transfer, asked.request().messageId(),
					this.sealer.seal(number, ConsentReplied.sealingContext(transfer, "sender")),
					this.sealer.seal(reply.text(), ConsentReplied.sealingContext(transfer, "text")));
			EventEnvelope<ConsentReplied> event = EventTopics.CONSENT_REPLIED.envelope(replied, Instant.now(), null);
			ProducerRecord<String, byte[]> record = new ProducerRecord<>(Topics.CONSENT_REPLIED, event.key(),
					codec.encode(event));
			return Mono.<Void>create((sink) -> this.producer.send(record, (metadata, error) -> {
				if (error != null) {
					sink.error(error);
				}
				else {
					sink.success();
				}
			})).then(send(response, HttpResponseStatus.ACCEPTED, Map.of("transferId", transfer.toString())));
		});
	}

	private static Mono<Void> send(HttpServerResponse response, HttpResponseStatus status, Object body) {
		return response.status(status)
			.header(HttpHeaderNames.CONTENT_TYPE, "application/json")
			.sendString(Mono.just(json.writeValueAsString(body)))
			.then();
	}

	@Override
	public void close() {
		this.running = false;
		this.server.disposeNow(Duration.ofSeconds(2));
		this.loops.dispose();
		this.producer.close(Duration.ofSeconds(2));
	}

}
