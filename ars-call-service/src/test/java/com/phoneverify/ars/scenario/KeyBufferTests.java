package com.phoneverify.ars.scenario;

import java.time.Duration;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import reactor.core.publisher.Sinks;
import reactor.core.scheduler.Schedulers;

import static org.assertj.core.api.Assertions.assertThat;

class KeyBufferTests {

	@Test
	void aPhoneThatSendsKeysWithoutEndCannotGrowTheBufferPastItsCapacity() {
		Sinks.Many<Character> phone = Sinks.many().unicast().onBackpressureBuffer();
		try (KeyBuffer buffer = new KeyBuffer(phone.asFlux(), Schedulers.parallel())) {
			for (int i = 0; i < 100_000; i++) {
				phone.tryEmitNext((char) ('0' + (i % 10)));
			}

			assertThat(buffer.size()).isEqualTo(KeyBuffer.CAPACITY);
			// the first keys are kept, in order: what a gather would have taken
			assertThat(buffer.next(Duration.ofSeconds(1)).block()).isEqualTo(Optional.of('0'));
			assertThat(buffer.next(Duration.ofSeconds(1)).block()).isEqualTo(Optional.of('1'));
			assertThat(buffer.size()).isEqualTo(KeyBuffer.CAPACITY - 2);
			buffer.clear();
			assertThat(buffer.size()).isZero();
			assertThat(buffer.hasKeys()).isFalse();
			phone.tryEmitNext('7');
			assertThat(buffer.next(Duration.ofSeconds(1)).block()).isEqualTo(Optional.of('7'));
		}
	}

}
