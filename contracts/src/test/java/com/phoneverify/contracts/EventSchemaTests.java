package com.phoneverify.contracts;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import com.phoneverify.contracts.ars.ArsScenario;
import com.phoneverify.contracts.ars.AuthRequested;
import com.phoneverify.contracts.ars.CallCompleted;
import com.phoneverify.contracts.ars.CallOutcome;
import com.phoneverify.contracts.ars.CallTimings;
import com.phoneverify.contracts.ars.ScenarioResult;
import com.phoneverify.contracts.otp.OtpRequestId;
import com.phoneverify.contracts.otp.OtpTokenKind;
import com.phoneverify.contracts.otp.OtpVerificationRequested;
import com.phoneverify.contracts.otp.OtpVerificationResult;
import com.phoneverify.contracts.otp.OtpVerified;
import com.phoneverify.contracts.sealed.SealedValue;
import com.phoneverify.contracts.sealed.Sealer;
import com.phoneverify.contracts.sms.SmsDeliveryStatus;
import com.phoneverify.contracts.sms.SmsKind;
import com.phoneverify.contracts.sms.SmsRequested;
import com.phoneverify.contracts.sms.SmsReceived;
import com.phoneverify.contracts.sms.SmsStatusChanged;
import com.phoneverify.contracts.topics.EventTopics;
import com.phoneverify.contracts.transfer.ConsentReplied;
import com.phoneverify.contracts.transfer.TransferCancelRequested;
import com.phoneverify.contracts.transfer.TransferCompleted;
import com.phoneverify.contracts.transfer.TransferMode;
import com.phoneverify.contracts.transfer.TransferOutcome;
import com.phoneverify.contracts.transfer.TransferPurpose;
import com.phoneverify.contracts.transfer.TransferRequested;
import com.phoneverify.contracts.verification.Product;
import com.phoneverify.contracts.verification.StatusReason;
import com.phoneverify.contracts.verification.VerificationOutcome;
import com.phoneverify.contracts.verification.VerificationStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EventSchemaTests {

	private static final Sealer SEALER = Sealer.of(Map.of("k1", "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8="), "k1");

	private static final SchemaRegistry SCHEMAS = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12,
			builder -> builder.schemaIdResolvers(
					resolvers -> resolvers.mapPrefix("https://phoneverify.dev/schemas/", "classpath:schemas/")));

	private static final String TRACEPARENT = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";

	private final EventCodec codec = new EventCodec();

	static Stream<Arguments> events() {
		VerificationId id = VerificationId.random();
		MerchantId merchant = MerchantId.of("shop-1");
		Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
		TransferId transfer = TransferId.random();
		SmsMessageId message = SmsMessageId.random();
		OtpRequestId otp = OtpRequestId.random();
		return Stream.of(
				event(EventTopics.AUTH_REQUESTED,
						new AuthRequested(id, merchant, ArsScenario.C, seal(id, "phone", "+821012345678"),
								seal(id, "code", "482913"), null, 6, now.plusSeconds(180)),
						now, TRACEPARENT),
				event(EventTopics.AUTH_REQUESTED,
						new AuthRequested(id, merchant, ArsScenario.B, seal(id, "phone", "+821012345678"),
								seal(id, "code", "4829"), seal(id, "challenge-key", "7"), 4, now.plusSeconds(180)),
						now, null),
				event(EventTopics.CALL_COMPLETED,
						new CallCompleted(id, merchant, CallOutcome.ANSWERED, ScenarioResult.VERIFIED, 200,
								new CallTimings(120L, 900L, 14_000L)),
						now, TRACEPARENT),
				event(EventTopics.CALL_COMPLETED,
						new CallCompleted(id, merchant, CallOutcome.BUSY, null, 486, new CallTimings(null, null, 80L)),
						now, null),
				event(EventTopics.AUTH_REQUESTED,
						new AuthRequested(id, merchant, ArsScenario.E, seal(id, "phone", "+821012345678"), null, null,
								0, now.plusSeconds(600)),
						now, TRACEPARENT),
				event(EventTopics.CALL_COMPLETED,
						new CallCompleted(id, merchant, CallOutcome.ANSWERED, ScenarioResult.AGREED, 200,
								new CallTimings(300L, 4_000L, 21_000L)),
						now, null),
				event(EventTopics.CALL_COMPLETED,
						new CallCompleted(id, merchant, CallOutcome.ANSWERED, ScenarioResult.REFUSED, 200,
								new CallTimings(300L, 4_000L, 19_000L)),
						now, TRACEPARENT),
				event(EventTopics.VERIFICATION_OUTCOMES,
						new VerificationOutcome(id, merchant, Product.ARS, VerificationStatus.FAILED,
								StatusReason.NO_ANSWER),
						now, TRACEPARENT),
				event(EventTopics.VERIFICATION_OUTCOMES,
						new VerificationOutcome(id, merchant, Product.ARS, VerificationStatus.APPROVED, null), now,
						null),
				event(EventTopics.CONSENT_REPLIED,
						new ConsentReplied(transfer, message,
								SEALER.seal("+821012345678", ConsentReplied.sealingContext(transfer, "sender")),
								SEALER.seal("482913 동의", ConsentReplied.sealingContext(transfer, "text"))),
						now, TRACEPARENT),
				event(EventTopics.SMS_OUTBOUND,
						new SmsRequested(message, SmsKind.LMS, "15881234",
								SEALER.seal("+821012345678", SmsRequested.sealingContext(message, "to")),
								SEALER.seal("[은행] 482913 회신 시 이체에 동의합니다", SmsRequested.sealingContext(message, "text")),
								transfer, now.plusSeconds(300)),
						now, TRACEPARENT),
				event(EventTopics.SMS_OUTBOUND,
						new SmsRequested(message, SmsKind.SMS, "0212345678",
								SEALER.seal("+821012345678", SmsRequested.sealingContext(message, "to")),
								SEALER.seal("이체가 완료되었습니다", SmsRequested.sealingContext(message, "text")), null,
								now.plusSeconds(300)),
						now, null),
				event(EventTopics.SMS_STATUS, new SmsStatusChanged(message, SmsDeliveryStatus.DELIVERED, null), now,
						TRACEPARENT),
				event(EventTopics.SMS_STATUS, new SmsStatusChanged(message, SmsDeliveryStatus.FAILED, "0x0000000B"),
						now, null),
				event(EventTopics.OTP_VERIFICATION_REQUESTED, otpRequest(otp, merchant, true, transfer), now,
						TRACEPARENT),
				event(EventTopics.OTP_VERIFICATION_REQUESTED, otpRequest(otp, merchant, false, null), now, null),
				event(EventTopics.OTP_VERIFIED, new OtpVerified(otp, OtpVerificationResult.VERIFIED, null, null), now,
						TRACEPARENT),
				event(EventTopics.OTP_VERIFIED, new OtpVerified(otp, OtpVerificationResult.REJECTED, null, 7), now,
						null),
				event(EventTopics.OTP_VERIFIED,
						new OtpVerified(otp, OtpVerificationResult.REFUSED, "token-locked", null), now, null),
				event(EventTopics.TRANSFER_REQUESTED,
						new TransferRequested(id, merchant, TransferMode.MUTUAL_CONSENT, 500_000, "999",
								seal(id, "fromAccount", "1002003004005"), seal(id, "password", "secret"),
								seal(id, "toAccount", "1002003004006"), seal(id, "recipientPhone", "+821012345678"),
								TransferPurpose.LOAN, java.time.LocalDate.parse("2027-01-31"),
								seal(id, "conditions", "무이자"), false, now.plusSeconds(600),
								new com.phoneverify.contracts.transfer.TransferOtp(OtpTokenKind.MOBILE,
										seal(id, "otp.realNameId", "900101-1234567"), seal(id, "otp.code", "12345678"),
										seal(id, "otp.pin", "1234"))),
						now, TRACEPARENT),
				event(EventTopics.TRANSFER_REQUESTED,
						new TransferRequested(id, merchant, TransferMode.NORMAL, 1, "999",
								seal(id, "fromAccount", "1002003004005"), seal(id, "password", "secret"),
								seal(id, "toAccount", "1002003004006"), null, null, null, null, true,
								now.plusSeconds(600), null),
						now, null),
				event(EventTopics.TRANSFER_CANCEL_REQUESTED, new TransferCancelRequested(id, merchant), now, null),
				event(EventTopics.TRANSFER_COMPLETED,
						new TransferCompleted(id, merchant, TransferOutcome.EXECUTED, null, "{\"document\":{}}"), now,
						TRACEPARENT),
				event(EventTopics.TRANSFER_COMPLETED,
						new TransferCompleted(id, merchant, TransferOutcome.REFUSED, "insufficient_funds", null), now,
						null),
				event(EventTopics.VERIFICATION_OUTCOMES,
						new VerificationOutcome(id, merchant, Product.TRANSFER, VerificationStatus.FAILED,
								StatusReason.INSUFFICIENT_FUNDS),
						now, null),
				event(EventTopics.SMS_INBOUND,
						new SmsReceived(message, "15881234",
								SEALER.seal("+821012345678", SmsReceived.sealingContext(message, "sender")),
								SEALER.seal("안녕하세요 😀", SmsReceived.sealingContext(message, "text"))),
						now, TRACEPARENT));
	}

	private static OtpVerificationRequested otpRequest(OtpRequestId id, MerchantId merchant, boolean transfer,
			TransferId transferId) {
		return new OtpVerificationRequested(id, merchant,
				SEALER.seal("9001011234567", OtpVerificationRequested.sealingContext(id, "realNameId")),
				transfer ? OtpTokenKind.MOBILE : OtpTokenKind.HARDWARE,
				SEALER.seal("48291377", OtpVerificationRequested.sealingContext(id, "code")),
				transfer ? SEALER.seal("135790", OtpVerificationRequested.sealingContext(id, "pin")) : null,
				transfer ? SEALER.seal("110-234-567890",
						OtpVerificationRequested.sealingContext(id, "recipientAccount")) : null,
				transfer ? new java.math.BigDecimal("1500000") : null, transferId);
	}

	private static <P> Arguments event(EventTopic<?, P> topic, P payload, Instant now, String traceparent) {
		return Arguments.of(topic, topic.envelope(payload, now, traceparent));
	}

	@ParameterizedTest
	@MethodSource("events")
	void everyEventRoundTripsThroughJson(EventTopic<?, ?> topic, EventEnvelope<?> event) {
		byte[] json = this.codec.encode(event);

		assertThat((Object) this.codec.decode(json, topic)).isEqualTo(event);
	}

	@ParameterizedTest
	@MethodSource("events")
	void everyEventValidatesAgainstTheEnvelopeAndItsPayloadSchema(EventTopic<?, ?> topic, EventEnvelope<?> event) {
		String json = new String(this.codec.encode(event), StandardCharsets.UTF_8);

		assertThat(schema("envelope.v1.json").validate(json, InputFormat.JSON)).isEmpty();
		assertThat(schema(topic.eventType().schemaFile()).validate(json, InputFormat.JSON)).isEmpty();
	}

	@ParameterizedTest
	@MethodSource("events")
	void theEnvelopeCarriesTheHeaderTheKeyAndThePayload(EventTopic<?, ?> topic, EventEnvelope<?> event) {
		JsonNode json = JsonMapper.shared().readTree(this.codec.encode(event));

		assertThat(json.propertyNames()).containsExactly("eventId", "type", "schemaVersion", "occurredAt",
				"traceparent", "key", "payload");
		assertThat(json.get("type").asString()).isEqualTo(topic.eventType().name());
		assertThat(json.get("schemaVersion").asInt()).isEqualTo(topic.eventType().version());
		assertThat(json.get("key").asString()).isEqualTo(event.key());
		assertThat(event.key()).isEqualTo(recordKey(topic, event));
	}

	@Test
	void everyTopicHasItsSchemaAndAnAsyncApiEntry() throws IOException {
		String asyncApi;
		try (InputStream in = getClass().getResourceAsStream("/asyncapi.yaml")) {
			asyncApi = new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
		assertThat(EventTopics.all()).hasSize(12).allSatisfy((topic) -> {
			assertThat(getClass().getResource("/schemas/" + topic.eventType().schemaFile())).isNotNull();
			assertThat(asyncApi).contains("address: " + topic.name() + "\n",
					"schemas/" + topic.eventType().schemaFile());
		});
	}

	@Test
	void theArsEventsAreVersionTwoSinceTheEnvelope() {
		assertThat(List.of(AuthRequested.EVENT_TYPE, CallCompleted.EVENT_TYPE, VerificationOutcome.EVENT_TYPE))
			.extracting(EventType::version)
			.containsOnly(2);
		assertThat(getClass().getResource("/schemas/call-completed.v1.json")).isNull();
	}

	@Test
	void schemaRejectsAnEventWithoutItsVerificationId() {
		String json = """
				{"eventId":"7d0c3c52-5b7e-4c52-9a55-3d1e0f6f1a10","type":"call-completed","schemaVersion":2,
				 "occurredAt":"2026-11-25T06:00:00Z","key":"7d0c3c52-5b7e-4c52-9a55-3d1e0f6f1a11",
				 "payload":{"merchantId":"shop-1","outcome":"busy","sipStatus":486,"timings":{"totalMillis":80}}}""";

		List<Error> errors = schema("call-completed.v2.json").validate(json, InputFormat.JSON);

		assertThat(errors).extracting(Error::getMessage).anyMatch(message -> message.contains("verificationId"));
	}

	@Test
	void schemaRejectsAnAnsweredCallWithoutScenarioResult() {
		String json = """
				{"eventId":"7d0c3c52-5b7e-4c52-9a55-3d1e0f6f1a10","type":"call-completed","schemaVersion":2,
				 "occurredAt":"2026-11-25T06:00:00Z","key":"7d0c3c52-5b7e-4c52-9a55-3d1e0f6f1a11",
				 "payload":{"verificationId":"7d0c3c52-5b7e-4c52-9a55-3d1e0f6f1a11","merchantId":"shop-1",
				 "outcome":"answered","sipStatus":200,"timings":{"totalMillis":80}}}""";

		assertThat(schema("call-completed.v2.json").validate(json, InputFormat.JSON)).isNotEmpty();
	}

	@Test
	void scenarioEConsentCarriesNoCodeAndTheOthersAlwaysOne() {
		VerificationId id = VerificationId.random();
		MerchantId merchant = MerchantId.of("bank");
		Instant expiresAt = Instant.now().plusSeconds(600);

		assertThatThrownBy(() -> new AuthRequested(id, merchant, ArsScenario.E, seal(id, "phone", "+821012345678"),
				seal(id, "code", "482913"), null, 6, expiresAt))
			.isInstanceOf(IllegalArgumentException.class)
			.hasMessageContaining("none is sent for E");
		assertThatThrownBy(() -> new AuthRequested(id, merchant, ArsScenario.E, seal(id, "phone", "+821012345678"),
				null, null, 6, expiresAt))
			.isInstanceOf(IllegalArgumentException.class)
			.hasMessageContaining("codeLength must be 0 for scenario E");
		assertThatThrownBy(() -> new AuthRequested(id, merchant, ArsScenario.C, seal(id, "phone", "+821012345678"),
				null, null, 6, expiresAt))
			.isInstanceOf(IllegalArgumentException.class)
			.hasMessageContaining("a code is required for scenarios A, B and C");
	}

	@Test
	void schemaRejectsACodeForScenarioEAndAMissingCodeForTheOthers() {
		String sealed = "{\"keyId\":\"k1\",\"nonce\":\"AAECAwQFBgcICQoL\",\"ciphertext\":\"AAECAwQFBgcICQoLDA0ODxAREhMUFRYX\"}";
		String template = """
				{"eventId":"7d0c3c52-5b7e-4c52-9a55-3d1e0f6f1a10","type":"auth-requested","schemaVersion":2,
				 "occurredAt":"2026-11-25T06:00:00Z","key":"7d0c3c52-5b7e-4c52-9a55-3d1e0f6f1a11",
				 "payload":{"verificationId":"7d0c3c52-5b7e-4c52-9a55-3d1e0f6f1a11","merchantId":"bank",
				 "scenario":"%s","phone":%s,"code":%s,"challengeKey":null,"codeLength":%d,
				 "expiresAt":"2026-11-25T06:10:00Z"}}""";
		Schema schema = schema("auth-requested.v2.json");

		assertThat(schema.validate(template.formatted("E", sealed, "null", 0), InputFormat.JSON)).isEmpty();
		assertThat(schema.validate(template.formatted("E", sealed, sealed, 0), InputFormat.JSON)).isNotEmpty();
		assertThat(schema.validate(template.formatted("E", sealed, "null", 6), InputFormat.JSON)).isNotEmpty();
		assertThat(schema.validate(template.formatted("C", sealed, "null", 6), InputFormat.JSON)).isNotEmpty();
		assertThat(schema.validate(template.formatted("C", sealed, "null", 0), InputFormat.JSON)).isNotEmpty();
	}

	@Test
	void schemaRejectsHeaderFieldsInsideThePayloadAndUnknownEnvelopeFields() {
		String json = """
				{"eventId":"7d0c3c52-5b7e-4c52-9a55-3d1e0f6f1a10","type":"sms-status-changed","schemaVersion":1,
				 "occurredAt":"2026-11-25T06:00:00Z","key":"7d0c3c52-5b7e-4c52-9a55-3d1e0f6f1a11","partition":3,
				 "payload":{"eventId":"7d0c3c52-5b7e-4c52-9a55-3d1e0f6f1a10",
				 "messageId":"7d0c3c52-5b7e-4c52-9a55-3d1e0f6f1a11","status":"delivered"}}""";

		assertThat(schema("sms-status-changed.v1.json").validate(json, InputFormat.JSON))
			.hasSizeGreaterThanOrEqualTo(2);
	}

	@Test
	void eventsNeverCarryPhoneNumbersCodesOrTextsInClear() {
		String json = events().map((arguments) -> (EventEnvelope<?>) arguments.get()[1])
			.map((event) -> new String(this.codec.encode(event), StandardCharsets.UTF_8))
			.reduce("", String::concat);

		assertThat(json).doesNotContain("+821012345678", "01012345678", "482913", "동의", "이체", "9001011234567", "135790",
				"110-234-567890");
	}

	@Test
	void codecSaysWhichFieldIsMissing() {
		byte[] json = """
				{"eventId":"7d0c3c52-5b7e-4c52-9a55-3d1e0f6f1a10","type":"call-completed","schemaVersion":2,
				 "occurredAt":"2026-11-25T06:00:00Z","key":"7d0c3c52-5b7e-4c52-9a55-3d1e0f6f1a11",
				 "payload":{"merchantId":"shop-1","outcome":"busy","timings":{"totalMillis":1}}}"""
			.getBytes(StandardCharsets.UTF_8);
		byte[] withoutEventId = """
				{"type":"call-completed","schemaVersion":2,"occurredAt":"2026-11-25T06:00:00Z","key":"k",
				 "payload":{}}""".getBytes(StandardCharsets.UTF_8);

		assertThatThrownBy(() -> this.codec.decode(json, EventTopics.CALL_COMPLETED))
			.isInstanceOf(EventCodec.MalformedEventException.class)
			.hasMessageContaining("verificationId");
		assertThatThrownBy(() -> this.codec.decode(withoutEventId, EventTopics.CALL_COMPLETED))
			.isInstanceOf(EventCodec.MalformedEventException.class)
			.hasMessageContaining("missing eventId");
	}

	@Test
	void codecRejectsBrokenJsonAnotherEventsTypeAnOldVersionAndAForeignKey() {
		EventEnvelope<VerificationOutcome> outcome = EventTopics.VERIFICATION_OUTCOMES
			.envelope(new VerificationOutcome(VerificationId.random(), MerchantId.of("shop-1"), Product.ARS,
					VerificationStatus.APPROVED, null), Instant.now(), null);
		String json = new String(this.codec.encode(outcome), StandardCharsets.UTF_8);
		String oldVersion = json.replace("\"schemaVersion\":2", "\"schemaVersion\":1");
		String foreignKey = json.replace("\"key\":\"" + outcome.key() + "\"", "\"key\":\"" + UUID.randomUUID() + "\"");

		assertThatThrownBy(() -> this.codec.decode(bytes("{not json"), EventTopics.CALL_COMPLETED))
			.isInstanceOf(EventCodec.MalformedEventException.class);
		assertThatThrownBy(() -> this.codec.decode(bytes("[1,2]"), EventTopics.CALL_COMPLETED))
			.isInstanceOf(EventCodec.MalformedEventException.class);
		assertThatThrownBy(() -> this.codec.decode(this.codec.encode(outcome), EventTopics.CALL_COMPLETED))
			.isInstanceOf(EventCodec.MalformedEventException.class)
			.hasMessageContaining("call-completed v2")
			.hasMessageContaining("verification-outcome v2");
		assertThatThrownBy(() -> this.codec.decode(bytes(oldVersion), EventTopics.VERIFICATION_OUTCOMES))
			.isInstanceOf(EventCodec.MalformedEventException.class)
			.hasMessageContaining("verification-outcome v1");
		assertThatThrownBy(() -> this.codec.decode(bytes(foreignKey), EventTopics.VERIFICATION_OUTCOMES))
			.isInstanceOf(EventCodec.MalformedEventException.class)
			.hasMessageContaining("key");
		assertThatThrownBy(() -> this.codec.decode(new byte[0], EventTopics.CALL_COMPLETED))
			.isInstanceOf(EventCodec.MalformedEventException.class);
		assertThatThrownBy(() -> this.codec.decode(bytes("null"), EventTopics.CALL_COMPLETED))
			.isInstanceOf(EventCodec.MalformedEventException.class);
		assertThatThrownBy(() -> this.codec.decode(bytes(json.replaceFirst("\"payload\":\\{.*}}$", "\"payload\":7}")),
				EventTopics.VERIFICATION_OUTCOMES))
			.isInstanceOf(EventCodec.MalformedEventException.class)
			.hasMessageContaining("payload");
	}

	@Test
	void codecIgnoresFieldsAddedByANewerProducer() {
		EventEnvelope<CallCompleted> event = EventTopics.CALL_COMPLETED
			.envelope(new CallCompleted(VerificationId.random(), MerchantId.of("shop-1"), CallOutcome.BUSY, null, 486,
					new CallTimings(null, null, 80L)), Instant.now(), TRACEPARENT);
		String json = new String(this.codec.encode(event), StandardCharsets.UTF_8);
		String withExtra = json.replace("\"payload\":{", "\"tenant\":\"t-1\",\"payload\":{\"recordingRef\":\"r-1\",");

		assertThat(this.codec.decode(bytes(withExtra), EventTopics.CALL_COMPLETED)).isEqualTo(event);
	}

	@Test
	void theEnvelopeIsAnEvent() {
		Event event = EventTopics.SMS_STATUS
			.envelope(new SmsStatusChanged(SmsMessageId.random(), SmsDeliveryStatus.QUEUED, null), Instant.now(), null);

		assertThat(event.type()).isEqualTo("sms-status-changed");
		assertThat(event.schemaVersion()).isEqualTo(1);
		assertThat(event.traceparent()).isNull();
	}

	@SuppressWarnings("unchecked")
	private static <P> String recordKey(EventTopic<?, P> topic, EventEnvelope<?> event) {
		return topic.recordKey((P) event.payload());
	}

	private static byte[] bytes(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

	private static Schema schema(String file) {
		return SCHEMAS.getSchema(SchemaLocation.of("https://phoneverify.dev/schemas/" + file));
	}

	private static SealedValue seal(VerificationId id, String field, String value) {
		return SEALER.seal(value, AuthRequested.sealingContext(id, field));
	}

}
