package com.phoneverify.contracts;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
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
import com.phoneverify.contracts.sealed.Sealer;
import com.phoneverify.contracts.verification.Product;
import com.phoneverify.contracts.verification.StatusReason;
import com.phoneverify.contracts.verification.VerificationOutcome;
import com.phoneverify.contracts.verification.VerificationStatus;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EventSchemaTests {

	private static final Sealer SEALER = Sealer.of(Map.of("k1", "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8="), "k1");

	private static final SchemaRegistry SCHEMAS = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12,
			builder -> builder.schemaIdResolvers(
					resolvers -> resolvers.mapPrefix("https://phoneverify.dev/schemas/", "classpath:schemas/")));

	private final EventCodec codec = new EventCodec();

	static Stream<Event> events() {
		VerificationId id = VerificationId.random();
		MerchantId merchant = MerchantId.of("shop-1");
		Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
		String traceparent = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";
		return Stream.of(
				AuthRequested.of(id, merchant, ArsScenario.C, seal(id, "phone", "+821012345678"),
						seal(id, "code", "482913"), null, 6, now.plusSeconds(180), now, traceparent),
				AuthRequested.of(id, merchant, ArsScenario.B, seal(id, "phone", "+821012345678"),
						seal(id, "code", "4829"), seal(id, "challenge-key", "7"), 4, now.plusSeconds(180), now, null),
				CallCompleted.of(id, merchant, CallOutcome.ANSWERED, ScenarioResult.VERIFIED, 200,
						new CallTimings(120L, 900L, 14_000L), now, traceparent),
				CallCompleted.of(id, merchant, CallOutcome.BUSY, null, 486, new CallTimings(null, null, 80L), now,
						null),
				VerificationOutcome.of(id, merchant, Product.ARS, VerificationStatus.FAILED, StatusReason.NO_ANSWER,
						now, traceparent),
				VerificationOutcome.of(id, merchant, Product.ARS, VerificationStatus.APPROVED, null, now, null));
	}

	@ParameterizedTest
	@MethodSource("events")
	void everyEventRoundTripsThroughJson(Event event) {
		byte[] json = this.codec.encode(event);

		assertThat(this.codec.decode(json, event.getClass())).isEqualTo(event);
	}

	@ParameterizedTest
	@MethodSource("events")
	void everyEventValidatesAgainstItsSchema(Event event) {
		String json = new String(this.codec.encode(event), StandardCharsets.UTF_8);

		assertThat(schemaFor(event.type()).validate(json, InputFormat.JSON)).isEmpty();
	}

	@Test
	void schemaRejectsAnEventWithoutItsVerificationId() {
		String json = """
				{"eventId":"7d0c3c52-5b7e-4c52-9a55-3d1e0f6f1a10","type":"call-completed","schemaVersion":1,
				 "occurredAt":"2026-11-25T06:00:00Z","merchantId":"shop-1","outcome":"busy","sipStatus":486,
				 "timings":{"totalMillis":80}}""";

		List<Error> errors = schemaFor("call-completed").validate(json, InputFormat.JSON);

		assertThat(errors).extracting(Error::getMessage).anyMatch(message -> message.contains("verificationId"));
	}

	@Test
	void schemaRejectsAnAnsweredCallWithoutScenarioResult() {
		String json = """
				{"eventId":"7d0c3c52-5b7e-4c52-9a55-3d1e0f6f1a10","type":"call-completed","schemaVersion":1,
				 "occurredAt":"2026-11-25T06:00:00Z","verificationId":"7d0c3c52-5b7e-4c52-9a55-3d1e0f6f1a11",
				 "merchantId":"shop-1","outcome":"answered","sipStatus":200,"timings":{"totalMillis":80}}""";

		assertThat(schemaFor("call-completed").validate(json, InputFormat.JSON)).isNotEmpty();
	}

	@Test
	void eventsNeverCarryPhoneNumbersOrCodesInClear() {
		String json = events().map(e -> new String(this.codec.encode(e), StandardCharsets.UTF_8))
			.reduce("", String::concat);

		assertThat(json).doesNotContain("+821012345678", "01012345678", "482913");
	}

	@Test
	void codecSaysWhichFieldIsMissing() {
		byte[] json = """
				{"eventId":"7d0c3c52-5b7e-4c52-9a55-3d1e0f6f1a10","type":"call-completed","schemaVersion":1,
				 "occurredAt":"2026-11-25T06:00:00Z","merchantId":"shop-1","outcome":"busy","timings":{"totalMillis":1}}"""
			.getBytes(StandardCharsets.UTF_8);

		assertThatThrownBy(() -> this.codec.decode(json, CallCompleted.class))
			.isInstanceOf(EventCodec.MalformedEventException.class)
			.hasMessageContaining("verificationId");
	}

	@Test
	void codecRejectsBrokenJsonAndAnotherEventsType() {
		VerificationOutcome outcome = (VerificationOutcome) events().filter(VerificationOutcome.class::isInstance)
			.findFirst()
			.orElseThrow();

		assertThatThrownBy(() -> this.codec.decode("{not json".getBytes(StandardCharsets.UTF_8), CallCompleted.class))
			.isInstanceOf(EventCodec.MalformedEventException.class);
		assertThatThrownBy(() -> this.codec.decode(this.codec.encode(outcome), CallCompleted.class))
			.isInstanceOf(EventCodec.MalformedEventException.class)
			.hasMessageContaining("call-completed");
		assertThatThrownBy(() -> this.codec.decode(new byte[0], CallCompleted.class))
			.isInstanceOf(EventCodec.MalformedEventException.class);
	}

	@Test
	void codecIgnoresFieldsAddedByANewerProducer() {
		CallCompleted event = (CallCompleted) events().filter(CallCompleted.class::isInstance)
			.findFirst()
			.orElseThrow();
		String json = new String(this.codec.encode(event), StandardCharsets.UTF_8);
		String withExtra = json.substring(0, json.length() - 1) + ",\"recordingRef\":\"r-1\"}";

		assertThat(this.codec.decode(withExtra.getBytes(StandardCharsets.UTF_8), CallCompleted.class)).isEqualTo(event);
	}

	private static Schema schemaFor(String type) {
		String file = switch (type) {
			case AuthRequested.TYPE -> "auth-requested.v1.json";
			case CallCompleted.TYPE -> "call-completed.v1.json";
			case VerificationOutcome.TYPE -> "verification-outcome.v1.json";
			default -> throw new IllegalArgumentException(type);
		};
		return SCHEMAS.getSchema(SchemaLocation.of("https://phoneverify.dev/schemas/" + file));
	}

	private static com.phoneverify.contracts.sealed.SealedValue seal(VerificationId id, String field, String value) {
		return SEALER.seal(value, AuthRequested.sealingContext(id, field));
	}

}
