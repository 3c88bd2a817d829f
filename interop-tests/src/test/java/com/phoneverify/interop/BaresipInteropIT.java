package com.phoneverify.interop;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.phoneverify.contracts.VerificationId;
import com.phoneverify.contracts.ars.ArsScenario;
import com.phoneverify.contracts.ars.CallCompleted;
import com.phoneverify.contracts.ars.CallOutcome;
import com.phoneverify.contracts.ars.ScenarioResult;
import org.junit.jupiter.api.Test;

import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * ars-call-service against baresip, an independent SIP phone (Debian's baresip package)
 * that answers by itself: scenario A reads the code to it, and for type C it types the
 * code as RFC 4733 telephone-events, which the service must hear and verify. Each call
 * ends with our BYE, which baresip must log as the end of an established call.
 */
class BaresipInteropIT {

	private static final String NUMBER = "+821055501259";

	private static final Pattern ESTABLISHED = Pattern.compile("Call established: sip:ars@127\\.0\\.0\\.1:\\d+");

	private static final Pattern HEARS_US = Pattern.compile("incoming rtp for 'audio' established");

	/** baresip's words for a BYE from the other side. */
	private static final Pattern WE_HUNG_UP = Pattern.compile("session closed: Connection reset by peer");

	private static final Pattern TERMINATED = Pattern
		.compile("Call with sip:ars@127\\.0\\.0\\.1:\\d+ terminated \\(duration: (\\d+) secs?\\)");

	private final CallServiceDriver driver = new CallServiceDriver();

	@Test
	void baresipAnswersAndHearsTheCodeOfScenarioA() throws Exception {
		try (BaresipPhone baresip = BaresipPhone.autoAnswering(NUMBER);
				ConfigurableApplicationContext service = this.driver.startService(baresip.sipPort(), "baresip-a")) {
			VerificationId id = VerificationId.random();
			this.driver.requestCall(id, ArsScenario.A, NUMBER, "482913");

			CallCompleted completed = this.driver.awaitCallCompleted(id, Duration.ofSeconds(90));

			assertThat(completed.outcome()).isEqualTo(CallOutcome.ANSWERED);
			assertThat(completed.scenarioResult()).isEqualTo(ScenarioResult.CODE_DELIVERED);
			assertThat(completed.sipStatus()).isEqualTo(200);
			assertThat(completed.timings().answerMillis()).as("answered at once").isNotNull().isBetween(0L, 5_000L);
			assertThat(completed.timings().totalMillis()).as("the greeting and the code read twice")
				.isBetween(completed.timings().answerMillis() + 5_000, 60_000L);
			assertThatBaresipHadTheWholeCall(baresip, completed);
		}
	}

	@Test
	void typeCVerifiesTheCodeThatBaresipTypes() throws Exception {
		try (BaresipPhone baresip = BaresipPhone.autoAnswering(NUMBER);
				ConfigurableApplicationContext service = this.driver.startService(baresip.sipPort(), "baresip-c")) {
			VerificationId id = VerificationId.random();
			this.driver.requestCall(id, ArsScenario.C, NUMBER, "482913");
			baresip.awaitLog(ESTABLISHED, Duration.ofSeconds(60));

			// typed while the greeting plays, as a customer who knows the drill does
			baresip.pressKeys("482913", Duration.ofMillis(300));

			CallCompleted completed = this.driver.awaitCallCompleted(id, Duration.ofSeconds(90));
			assertThat(completed.outcome()).isEqualTo(CallOutcome.ANSWERED);
			assertThat(completed.scenarioResult()).as("the keys baresip sent were 4 8 2 9 1 3%n%s", baresip.output())
				.isEqualTo(ScenarioResult.VERIFIED);
			assertThat(completed.sipStatus()).isEqualTo(200);
			assertThatBaresipHadTheWholeCall(baresip, completed);
		}
	}

	private static void assertThatBaresipHadTheWholeCall(BaresipPhone baresip, CallCompleted completed)
			throws Exception {
		baresip.awaitLog(ESTABLISHED, Duration.ofSeconds(1));
		baresip.awaitLog(HEARS_US, Duration.ofSeconds(1));
		baresip.awaitLog(WE_HUNG_UP, Duration.ofSeconds(5));
		Matcher terminated = TERMINATED.matcher(baresip.awaitLog(TERMINATED, Duration.ofSeconds(5)));
		assertThat(terminated.find()).isTrue();
		long talkedMillis = completed.timings().totalMillis() - completed.timings().answerMillis();
		assertThat(Long.parseLong(terminated.group(1)) * 1000).as("baresip's call duration")
			.isBetween(talkedMillis - 2_000, talkedMillis + 2_000);
	}

}
