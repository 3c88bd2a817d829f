package com.phoneverify.ars.call;

import com.phoneverify.contracts.ars.CallOutcome;
import com.phoneverify.contracts.phone.PhoneNumber;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class CallOutcomesTests {

	@ParameterizedTest(name = "{0} → {1}")
	@CsvSource({ "486, BUSY", "600, BUSY", "408, NO_ANSWER", "480, NO_ANSWER", "404, BAD_NUMBER", "484, BAD_NUMBER",
			"603, REJECTED", "403, REJECTED", "488, REJECTED", "606, REJECTED", "500, TRUNK_FAILURE",
			"503, TRUNK_FAILURE", "504, TRUNK_FAILURE" })
	void finalStatusesMapToOutcomes(int status, CallOutcome expected) {
		assertThat(CallOutcomes.forFinalStatus(status)).isEqualTo(expected);
	}

	@ParameterizedTest(name = "{0} {1} → {2}")
	@CsvSource({ "TRANSPORT_ERROR, , TRANSPORT_ERROR", "REFUSED, 486, BUSY", "REFUSED, , TRANSPORT_ERROR",
			"LOCAL_HANGUP, 487, NO_ANSWER" })
	void unansweredCallsMapToOutcomes(CallEvent.Cause cause, Integer status, CallOutcome expected) {
		assertThat(CallOutcomes.forUnanswered(new CallEvent.Ended(cause, status))).isEqualTo(expected);
	}

	@org.junit.jupiter.api.Test
	void phoneNumbersPrintOnlyTheirLastTwoDigits() {
		assertThat(PhoneNumber.parse("+821012345678")).hasToString("+82 10-****-5678");
	}

}
