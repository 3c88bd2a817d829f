package com.phoneverify.interop;

import java.time.Duration;

import com.phoneverify.ars.media.RtpMedia;
import com.phoneverify.contracts.VerificationId;
import com.phoneverify.contracts.ars.ArsScenario;
import com.phoneverify.contracts.ars.CallCompleted;
import com.phoneverify.contracts.ars.CallOutcome;
import com.phoneverify.contracts.ars.ScenarioResult;
import org.junit.jupiter.api.Test;

import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * ars-call-service against an independent SIP/RTP implementation, SIPp from Debian's
 * sip-tester, playing phones from our scenario files: one answers and types 1 2 5 9 by
 * replaying the RFC 2833 captures shipped with sip-tester, which the Type C scenario must
 * hear and verify; one repeats its 200 OK after our ACK, which must be ACKed again. Each
 * call ends with a BYE that SIPp accepts.
 */
class SippInteropIT {

	private final CallServiceDriver driver = new CallServiceDriver();

	@Test
	void verifiesTheCodeThatSippTypesFromTheShippedRfc2833Captures() throws Exception {
		try (SippPhone sipp = SippPhone.answer("/sipp/uas-rfc2833-digits.xml");
				ConfigurableApplicationContext service = this.driver.startService(sipp.sipPort(), "sipp-digits")) {
			VerificationId id = VerificationId.random();
			this.driver.requestCall(id, ArsScenario.C, "+821055501259", "1259");

			CallCompleted completed = this.driver.awaitCallCompleted(id, Duration.ofSeconds(90));

			assertThat(completed.outcome()).isEqualTo(CallOutcome.ANSWERED);
			assertThat(completed.scenarioResult()).as("the keys SIPp sent were 1 2 5 9")
				.isEqualTo(ScenarioResult.VERIFIED);
			assertThat(completed.sipStatus()).isEqualTo(200);
			assertThat(completed.timings().answerMillis()).isNotNull();
			assertThat(sipp.awaitExit(30)).as("SIPp saw the call through to our BYE:%n%s", sipp.output()).isZero();
		}
	}

	@Test
	void acksThe200OkAgainWhenThePhoneRepeatsIt() throws Exception {
		// -nr: SIPp would take our second, identical ACK for a retransmission of the
		// first
		try (SippPhone sipp = SippPhone.answer("/sipp/uas-retransmitted-200.xml", "-nr");
				ConfigurableApplicationContext service = this.driver.startService(sipp.sipPort(),
						"sipp-retransmitted-200")) {
			VerificationId id = VerificationId.random();
			this.driver.requestCall(id, ArsScenario.A, "+821055501259", "4821");

			CallCompleted completed = this.driver.awaitCallCompleted(id, Duration.ofSeconds(90));

			assertThat(completed.outcome()).isEqualTo(CallOutcome.ANSWERED);
			assertThat(completed.scenarioResult()).isEqualTo(ScenarioResult.CODE_DELIVERED);
			assertThat(completed.sipStatus()).isEqualTo(200);
			assertThat(sipp.awaitExit(30))
				.as("SIPp got an ACK for each 200 OK (RFC 3261 §13.2.2.4), then our BYE:%n%s", sipp.output())
				.isZero();
		}
	}

	@Test
	void givesUpTheInvite64T1AfterACancelThatGetsNoFinalResponse() throws Exception {
		// ring 2 s, then CANCEL; SIPp answers neither the CANCEL nor the INVITE. The
		// hang-up grace stays at its default (40 s): the call must end by our own
		// RFC 3261 §9.1 timer (2 s here instead of 64·T1 = 32 s), not by the grace.
		try (SippPhone sipp = SippPhone.answer("/sipp/uas-ignores-cancel.xml");
				ConfigurableApplicationContext service = this.driver.startService(sipp.sipPort(), "sipp-ignores-cancel",
						"--ars.sip.ring-timeout=2s", "--ars.sip.cancel-timeout=2s")) {
			VerificationId id = VerificationId.random();
			long started = System.nanoTime();
			this.driver.requestCall(id, ArsScenario.C, "+821055501259", "1259");

			CallCompleted completed = this.driver.awaitCallCompleted(id, Duration.ofSeconds(20));

			assertThat(completed.outcome()).isEqualTo(CallOutcome.NO_ANSWER);
			assertThat(completed.sipStatus()).as("no final response ever came").isNull();
			assertThat(Duration.ofNanos(System.nanoTime() - started))
				.as("ended by the CANCEL timer, not by the 40 s hang-up grace")
				.isLessThan(Duration.ofSeconds(20));
			RtpMedia media = service.getBean(RtpMedia.class);
			assertThat(media.openLegs()).as("the call's RTP socket is released").isZero();
		}
	}

	@Test
	void answersAHoldAndAResumeReInviteAndTheCallGoesOn() throws Exception {
		try (SippPhone sipp = SippPhone.answer("/sipp/uas-hold-resume.xml");
				ConfigurableApplicationContext service = this.driver.startService(sipp.sipPort(), "sipp-hold")) {
			VerificationId id = VerificationId.random();
			this.driver.requestCall(id, ArsScenario.A, "+821055501259", "4821");

			CallCompleted completed = this.driver.awaitCallCompleted(id, Duration.ofSeconds(90));

			assertThat(completed.outcome()).isEqualTo(CallOutcome.ANSWERED);
			assertThat(completed.scenarioResult()).as("the script ran on through hold and resume")
				.isEqualTo(ScenarioResult.CODE_DELIVERED);
			assertThat(sipp.awaitExit(30))
				.as("SIPp got 200 OK with a=recvonly (PCMU, Session-Expires echoed) to its hold, a=sendrecv to its resume, Session-Expires to its UPDATE, our offer to its offerless re-INVITE, then our BYE:%n%s",
						sipp.output())
				.isZero();
		}
	}

	@Test
	void acksAndEndsA200ThatComesAfterTheInviteWasGivenUp() throws Exception {
		try (SippPhone sipp = SippPhone.answer("/sipp/uas-late-200-after-cancel.xml");
				ConfigurableApplicationContext service = this.driver.startService(sipp.sipPort(), "sipp-late-200",
						"--ars.sip.ring-timeout=2s", "--ars.sip.cancel-timeout=2s")) {
			VerificationId id = VerificationId.random();
			this.driver.requestCall(id, ArsScenario.C, "+821055501259", "1259");

			CallCompleted completed = this.driver.awaitCallCompleted(id, Duration.ofSeconds(20));

			assertThat(completed.outcome()).isEqualTo(CallOutcome.NO_ANSWER);
			assertThat(sipp.awaitExit(30))
				.as("the late 200 OK got our ACK and then our BYE (RFC 3261 §13.2.2.4):%n%s", sipp.output())
				.isZero();
			assertThat(service.getBean(RtpMedia.class).openLegs()).isZero();
		}
	}

}
