package com.phoneverify.contracts.phone;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PhoneNumberTests {

	@ParameterizedTest
	@CsvSource(delimiter = '|', textBlock = """
			010-1234-5678      | +821012345678 | +82 10-****-5678
			01012345678        | +821012345678 | +82 10-****-5678
			+821012345678      | +821012345678 | +82 10-****-5678
			+82 10 1234 5678   | +821012345678 | +82 10-****-5678
			+82 (0)10-1234-5678| +821012345678 | +82 10-****-5678
			011-123-4567       | +82111234567  | +82 11-***-4567
			019-1234-5678      | +821912345678 | +82 19-****-5678
			02-123-4567        | +8221234567   | +82 2-***-4567
			02-1234-5678       | +82212345678  | +82 2-****-5678
			031-123-4567       | +82311234567  | +82 31-***-4567
			064.1234.5678      | +826412345678 | +82 64-****-5678
			070-1234-5678      | +827012345678 | +82 70-****-5678
			""")
	void normalisesKoreanNumbersToE164AndMasksTheMiddle(String input, String e164, String masked) {
		PhoneNumber phone = PhoneNumber.parse(input.strip());
		assertThat(phone.e164()).isEqualTo(e164);
		assertThat(phone.masked()).isEqualTo(masked);
		assertThat(phone.toString()).isEqualTo(masked);
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', textBlock = """
			''                     | must not be empty
			'010-1234-567a'        | may contain only digits
			'+1 212 555 0100'      | only Korean numbers (+82)
			'1012345678'           | a domestic number starts with 0
			'010-123-4567'         | an 010 number has 11 digits
			'010-1234-56789'       | has 12 digits
			'0101'                 | has 4 digits
			'080-123-4567'         | is not a Korean mobile
			'099-1234-5678'        | is not a Korean mobile
			'01012345678901234567890123456789012' | is too long
			""")
	void refusesGarbageSayingWhyWithoutEchoingTheNumber(String input, String reason) {
		assertThatThrownBy(() -> PhoneNumber.parse(input)).isInstanceOf(PhoneNumber.InvalidPhoneNumberException.class)
			.hasMessageContaining(reason)
			.satisfies((ex) -> {
				if (input.replaceAll("\\D", "").length() >= 4) {
					assertThat(ex.getMessage()).doesNotContain(input.replaceAll("\\D", ""));
				}
			});
	}

	@ParameterizedTest
	@ValueSource(strings = { "++821012345678", "010+12345678" })
	void acceptsThePlusSignOnlyInFront(String input) {
		assertThatThrownBy(() -> PhoneNumber.parse(input)).isInstanceOf(PhoneNumber.InvalidPhoneNumberException.class);
	}

	@Test
	void equalNumbersAreEqualWhateverTheirInputForm() {
		assertThat(PhoneNumber.parse("010-1234-5678")).isEqualTo(PhoneNumber.parse("+82 10 1234 5678"))
			.hasSameHashCodeAs(PhoneNumber.parse("01012345678"));
		assertThat(PhoneNumber.parse("010-1234-5678").digits()).isEqualTo("821012345678");
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', textBlock = """
			+821012345678             | +82 10-****-5678
			010-1234-5678;user=phone  | +82 10-****-5678
			821012345678              | ***-5678
			+1 212 555 0100           | ***-0100
			7                         | ***
			""")
	void masksAnyTextByTheSameRuleWithoutPrintingItInClear(String input, String masked) {
		assertThat(PhoneNumber.mask(input.strip())).isEqualTo(masked);
	}

}
