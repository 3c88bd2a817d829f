package com.phoneverify.gateway.ars;

import java.util.Base64;
import java.util.HashSet;
import java.util.Set;

import com.phoneverify.contracts.VerificationId;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

class VerificationCodesTests {

	private final VerificationCodes codes = new VerificationCodes(
			Base64.getEncoder().encodeToString("a pepper of enough bytes".getBytes()));

	@Test
	void codesAreDigitsOfTheAskedLength() {
		for (int length = 4; length <= 8; length++) {
			assertThat(this.codes.newCode(length)).matches("\\d{" + length + "}");
		}
	}

	@Test
	void codesVary() {
		Set<String> seen = new HashSet<>();
		for (int i = 0; i < 50; i++) {
			seen.add(this.codes.newCode(8));
		}
		assertThat(seen).hasSizeGreaterThan(45);
	}

	@Test
	void challengeKeysAreOneToNine() {
		Set<String> seen = new HashSet<>();
		for (int i = 0; i < 500; i++) {
			seen.add(this.codes.newChallengeKey());
		}
		assertThat(seen).containsExactlyInAnyOrder("1", "2", "3", "4", "5", "6", "7", "8", "9");
	}

	@Test
	void storedHashMatchesOnlyTheRightCodeOfTheSameVerification() {
		VerificationId id = VerificationId.random();
		byte[] hash = this.codes.hash(id, "123456");
		assertThat(hash).hasSize(32).isNotEqualTo("123456".getBytes());
		assertThat(this.codes.matches(id, "123456", hash)).isTrue();
		assertThat(this.codes.matches(id, "123457", hash)).isFalse();
		assertThat(this.codes.matches(VerificationId.random(), "123456", hash)).isFalse();
	}

	@Test
	void hashDependsOnThePepper() {
		VerificationId id = VerificationId.random();
		VerificationCodes other = new VerificationCodes(
				Base64.getEncoder().encodeToString("another pepper, long enough".getBytes()));
		assertThat(other.matches(id, "123456", this.codes.hash(id, "123456"))).isFalse();
	}

	@Test
	void refusesAMissingOrShortPepper() {
		assertThatIllegalStateException().isThrownBy(() -> new VerificationCodes(null));
		assertThatIllegalStateException()
			.isThrownBy(() -> new VerificationCodes(Base64.getEncoder().encodeToString(new byte[8])));
	}

}
