package com.phoneverify.messaging.outbox;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class PackedMessagesTests {

	private static final OutboxMessage TRACED = new OutboxMessage("sms-status", "key-1",
			"{\"status\":\"queued\"}".getBytes(StandardCharsets.UTF_8),
			"00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01");

	private static final OutboxMessage UNTRACED = new OutboxMessage("consent-replied", "키-2", new byte[0], null);

	@Test
	void unpacksWhatItPackedInOrderWithNullTraceparentsAndEmptyPayloads() {
		List<OutboxMessage> unpacked = PackedMessages.unpack(PackedMessages.pack(List.of(TRACED, UNTRACED, TRACED)));

		assertThat(unpacked).hasSize(3);
		assertSame(unpacked.get(0), TRACED);
		assertSame(unpacked.get(1), UNTRACED);
		assertSame(unpacked.get(2), TRACED);
	}

	@Test
	void refusesMoreMessagesThanARowHolds() {
		List<OutboxMessage> tooMany = IntStream.rangeClosed(0, PackedMessages.MAX_PER_ROW)
			.mapToObj((i) -> TRACED)
			.toList();

		assertThatIllegalArgumentException().isThrownBy(() -> PackedMessages.pack(tooMany));
	}

	@Test
	void refusesARowCutShort() {
		byte[] packed = PackedMessages.pack(List.of(TRACED, UNTRACED));

		assertThatIllegalArgumentException()
			.isThrownBy(() -> PackedMessages.unpack(Arrays.copyOf(packed, packed.length - 1)));
	}

	@Test
	void refusesTrailingBytes() {
		byte[] packed = PackedMessages.pack(List.of(TRACED));

		assertThatIllegalArgumentException()
			.isThrownBy(() -> PackedMessages.unpack(Arrays.copyOf(packed, packed.length + 1)))
			.withMessageContaining("too many");
	}

	@Test
	void refusesALengthBeyondTheRow() {
		byte[] packed = PackedMessages.pack(List.of(TRACED));
		// the topic's length, right after the count
		packed[4] = 0x7f;

		assertThatIllegalArgumentException().isThrownBy(() -> PackedMessages.unpack(packed))
			.withMessageContaining("length");
	}

	private static void assertSame(OutboxMessage actual, OutboxMessage expected) {
		assertThat(actual.topic()).isEqualTo(expected.topic());
		assertThat(actual.key()).isEqualTo(expected.key());
		assertThat(actual.traceparent()).isEqualTo(expected.traceparent());
		assertThat(actual.payload()).isEqualTo(expected.payload());
	}

}
