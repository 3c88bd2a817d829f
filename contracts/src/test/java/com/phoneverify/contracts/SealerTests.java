package com.phoneverify.contracts;

import java.util.Map;

import com.phoneverify.contracts.sealed.SealedValue;
import com.phoneverify.contracts.sealed.Sealer;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SealerTests {

	private static final String KEY_1 = "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=";

	private static final String KEY_2 = "VTFeg8PkSMmKW7YwbMW74IfmqKpzVStksXva9DvGp8I=";

	@Test
	void opensWhatItSealed() {
		Sealer sealer = Sealer.of(Map.of("k1", KEY_1), "k1");

		SealedValue sealed = sealer.seal("+821012345678", "v-1/phone");

		assertThat(sealed.keyId()).isEqualTo("k1");
		assertThat(sealed.ciphertext()).doesNotContain("821012345678");
		assertThat(sealer.open(sealed, "v-1/phone")).isEqualTo("+821012345678");
	}

	@Test
	void refusesAValueSealedForAnotherVerificationOrField() {
		Sealer sealer = Sealer.of(Map.of("k1", KEY_1), "k1");
		SealedValue sealed = sealer.seal("123456", "v-1/code");

		assertThatThrownBy(() -> sealer.open(sealed, "v-2/code")).isInstanceOf(Sealer.SealingException.class);
		assertThatThrownBy(() -> sealer.open(sealed, "v-1/phone")).isInstanceOf(Sealer.SealingException.class);
	}

	@Test
	void refusesATamperedCiphertext() {
		Sealer sealer = Sealer.of(Map.of("k1", KEY_1), "k1");
		SealedValue sealed = sealer.seal("123456", "v-1/code");
		char first = sealed.ciphertext().charAt(0);
		SealedValue tampered = new SealedValue("k1", sealed.nonce(),
				((first == 'A') ? 'B' : 'A') + sealed.ciphertext().substring(1));

		assertThatThrownBy(() -> sealer.open(tampered, "v-1/code")).isInstanceOf(Sealer.SealingException.class);
	}

	@Test
	void opensValuesSealedUnderAnOlderKeyAfterRotation() {
		SealedValue old = Sealer.of(Map.of("k1", KEY_1), "k1").seal("123456", "v-1/code");
		Sealer rotated = Sealer.of(Map.of("k1", KEY_1, "k2", KEY_2), "k2");

		assertThat(rotated.open(old, "v-1/code")).isEqualTo("123456");
		assertThat(rotated.seal("1", "x").keyId()).isEqualTo("k2");
	}

	@Test
	void rejectsKeysOfTheWrongSizeAndAnUnknownCurrentKey() {
		assertThatIllegalArgumentException().isThrownBy(() -> Sealer.of(Map.of("k1", "AAEC"), "k1"));
		assertThatIllegalArgumentException().isThrownBy(() -> Sealer.of(Map.of("k1", KEY_1), "k9"));
	}

	@Test
	void neverPrintsTheCiphertext() {
		SealedValue sealed = Sealer.of(Map.of("k1", KEY_1), "k1").seal("123456", "v-1/code");

		assertThat(sealed.toString()).doesNotContain(sealed.ciphertext()).contains("k1");
	}

}
