package com.phoneverify.media.dtmf;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

class TelephoneEventTests {

	@Test
	void encodesThePayloadLayoutOfRfc4733() {
		byte[] bytes = new TelephoneEvent(11, true, 10, 0x0320).toBytes();

		assertThat(bytes).containsExactly(11, 0x80 | 10, 0x03, 0x20);
	}

	@Test
	void parsesWhatItEncodes() {
		TelephoneEvent event = new TelephoneEvent(9, false, 63, 65535);

		assertThat(TelephoneEvent.parse(event.toBytes())).isEqualTo(event);
	}

	@Test
	void ignoresTheReservedBitWhenParsing() {
		assertThat(TelephoneEvent.parse(new byte[] { 1, 0x40 | 7, 0, 1 }))
			.isEqualTo(new TelephoneEvent(1, false, 7, 1));
	}

	@Test
	void mapsEveryKeypadKeyBothWays() {
		String keys = "0123456789*#ABCD";
		for (int event = 0; event < keys.length(); event++) {
			assertThat(new TelephoneEvent(event, false, 0, 0).key()).isEqualTo(keys.charAt(event));
			assertThat(TelephoneEvent.eventFor(keys.charAt(event))).isEqualTo(event);
		}
		assertThat(TelephoneEvent.eventFor('d')).isEqualTo(15);
	}

	@Test
	void rejectsWhatIsNotAKey() {
		assertThatIllegalArgumentException().isThrownBy(() -> TelephoneEvent.eventFor('x'));
		assertThatIllegalStateException().isThrownBy(() -> new TelephoneEvent(16, false, 0, 0).key());
		assertThatIllegalArgumentException().isThrownBy(() -> TelephoneEvent.parse(new byte[3]));
	}

}
