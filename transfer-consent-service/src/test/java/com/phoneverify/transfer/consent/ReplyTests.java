package com.phoneverify.transfer.consent;

import java.util.Set;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class ReplyTests {

	private static final Set<String> DECLINES = Set.of("거절", "거부", "아니오", "NO", "N");

	@ParameterizedTest(name = "[{index}] \"{0}\" is the code {1}")
	@CsvSource(delimiter = '|', value = { "123456|123456", " 123456 |123456", "１２３４５６|123456", "네 123456 입니다|123456",
			"123456👍|123456", "확인 ✅ 123-456|123456", "123 456|123456", "OK123456|123456", "인증번호: 654321.|654321" })
	void aCodeAmongOtherWordsIsRead(String text, String code) {
		assertThat(Reply.parse(text, 6, DECLINES)).isEqualTo(new Reply.Code(code));
	}

	@ParameterizedTest(name = "[{index}] \"{0}\" declines")
	@CsvSource(delimiter = '|',
			value = { "거절", "거절합니다 거절", "no", "No thanks", "ＮＯ", "거절 123456", "🙅 거부", "n", "아니오." })
	void aDeclineWordDeclinesEvenNextToACode(String text) {
		assertThat(Reply.parse(text, 6, DECLINES)).isInstanceOf(Reply.Decline.class);
	}

	@ParameterizedTest(name = "[{index}] \"{0}\" is unreadable")
	@CsvSource(delimiter = '|',
			value = { "네", "12345", "1234567", "123456 654321", "거절합니다", "NOPE", "😀😀", "١٢٣٤٥٦", "nothing here" })
	void neitherACodeNorADeclineIsUnreadable(String text) {
		// "거절합니다" is not the word 거절 itself: the service asks for '거절' and does not
		// guess at conjugations (a refusal word must stand alone)
		assertThat(Reply.parse(text, 6, DECLINES)).isInstanceOf(Reply.Unreadable.class);
	}

	@org.junit.jupiter.api.Test
	void aCodeNeverShowsInItsToString() {
		assertThat(new Reply.Code("123456").toString()).doesNotContain("123456");
	}

}
