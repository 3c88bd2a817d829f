package com.phoneverify.transfer.consent;

import java.util.HashSet;
import java.util.Set;

import com.phoneverify.contracts.TransferId;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ConsentCodesTests {

	private final ConsentCodes codes = new ConsentCodes(new byte[32], 6);

	@Test
	void codesAreSixRandomDigits() {
		Set<String> seen = new HashSet<>();
		for (int i = 0; i < 200; i++) {
			String code = this.codes.generate();
			assertThat(code).matches("[0-9]{6}");
			seen.add(code);
		}
		assertThat(seen).hasSizeGreaterThan(190);
	}

	@Test
	void aHashMatchesItsCodeOnItsTransferOnly() {
		TransferId transfer = TransferId.random();
		byte[] hash = this.codes.hash(transfer, "123456");
		assertThat(this.codes.matches(transfer, "123456", hash)).isTrue();
		assertThat(this.codes.matches(transfer, "123457", hash)).isFalse();
		assertThat(this.codes.matches(TransferId.random(), "123456", hash)).isFalse();
		assertThat(new ConsentCodes(new byte[] { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20,
				21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31, 32 }, 6)
			.matches(transfer, "123456", hash)).isFalse();
	}

}
