package com.phoneverify.simulators.phone.call;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.TimeoutException;

import org.junit.jupiter.api.Test;
import reactor.test.StepVerifier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class CallBookTests {

	private final CallBook book = new CallBook();

	@Test
	void handsACallThatArrivedEarlierToTheFirstAwait() {
		SimulatedCall first = call("+821011112222");
		SimulatedCall second = call("+821011112222");
		this.book.register(first);
		this.book.register(second);

		StepVerifier.create(this.book.awaitCall("+82 10 1111 2222", Duration.ofSeconds(1)))
			.expectNext(first)
			.verifyComplete();
		StepVerifier.create(this.book.awaitCall("+821011112222", Duration.ofSeconds(1)))
			.expectNext(second)
			.verifyComplete();
	}

	@Test
	void handsALaterCallToAWaitingAwait() {
		SimulatedCall later = call("+821033334444");

		StepVerifier.create(this.book.awaitCall("+821033334444", Duration.ofSeconds(5)))
			.then(() -> this.book.register(later))
			.expectNext(later)
			.verifyComplete();
		assertThat(this.book.calls()).containsExactly(later);
	}

	@Test
	void failsTheAwaitWhenNoCallComes() {
		StepVerifier.withVirtualTime(() -> this.book.awaitCall("+821055556666", Duration.ofSeconds(3)))
			.thenAwait(Duration.ofSeconds(3))
			.expectError(TimeoutException.class)
			.verify(Duration.ofSeconds(5));
	}

	@Test
	void servesEachArmingToOneCallInOrder() {
		this.book.arm("+821077778888", new ArmedKeys("11", Duration.ZERO));
		this.book.arm("+821077778888", new ArmedKeys("22", Duration.ZERO));

		assertThat(this.book.takeArmed("+821077778888")).map(ArmedKeys::keys).contains("11");
		assertThat(this.book.takeArmed("+821077778888")).map(ArmedKeys::keys).contains("22");
		assertThat(this.book.takeArmed("+821077778888")).isEmpty();
	}

	@Test
	void refusesArmingsThatAreNotKeypadKeys() {
		assertThatIllegalArgumentException().isThrownBy(() -> new ArmedKeys("12x", Duration.ZERO))
			.withMessageNotContaining("12x");
	}

	@Test
	void failsKeyPressesOnACallThatIsNotAnswered() {
		StepVerifier.create(call("+821012345678").pressKeys("1")).expectError(IllegalStateException.class).verify();
	}

	private static SimulatedCall call(String number) {
		return new SimulatedCall(PhoneNumbers.normalize(number), Clock.systemUTC(), (call) -> {
		}, Duration.ofMillis(100), Duration.ofMillis(100));
	}

}
