package com.phoneverify.simulators.phone.call;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class NumberRuleTests {

	@ParameterizedTest
	@CsvSource({ "+821012340486, 486", "+821012340600, 600", "+821012340603, 603", "+821012340404, 404",
			"+821012340484, 484", "+821012340503, 503", "+821012340480, 480" })
	void rejectsByTheLastFourDigits(String number, int status) {
		assertThat(NumberRule.behaviourFor(NumberRule.defaults(), number)).isEqualTo(new PhoneBehaviour.Reject(status));
	}

	@Test
	void ringsForeverOrHangsUpOrAnswersByDefault() {
		List<NumberRule> rules = NumberRule.defaults();

		assertThat(NumberRule.behaviourFor(rules, "+821012340408")).isEqualTo(new PhoneBehaviour.RingForever());
		assertThat(NumberRule.behaviourFor(rules, "+821012340999"))
			.isEqualTo(new PhoneBehaviour.AnswerThenHangUp(Duration.ofSeconds(2)));
		assertThat(NumberRule.behaviourFor(rules, "+821012345678")).isEqualTo(new PhoneBehaviour.Answer());
		assertThat(NumberRule.behaviourFor(rules, "+821012341486")).isEqualTo(new PhoneBehaviour.Answer());
	}

	@Test
	void matchesTheCanonicalNumberAndTakesTheFirstRule() {
		List<NumberRule> rules = List.of(NumberRule.of("\\+8210.*", new PhoneBehaviour.Reject(480)),
				NumberRule.of(".*", new PhoneBehaviour.Reject(503)));

		assertThat(NumberRule.behaviourFor(rules, "+82 10-1234-5678;user=phone"))
			.isEqualTo(new PhoneBehaviour.Reject(480));
		assertThat(NumberRule.behaviourFor(rules, "0212345678")).isEqualTo(new PhoneBehaviour.Reject(503));
	}

	@Test
	void normalisesForMatching() {
		assertThat(PhoneNumbers.normalize("+82 (10) 1234-5678")).isEqualTo("+821012345678");
	}

}
