package com.phoneverify.simulators.phone;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

import com.phoneverify.media.MediaEngineOptions;
import com.phoneverify.media.MediaSession;
import com.phoneverify.media.RtpMediaEngine;
import com.phoneverify.media.sdp.SdpOffer;
import com.phoneverify.media.sdp.SessionDescription;
import com.phoneverify.simulators.phone.call.CallState;
import com.phoneverify.simulators.phone.call.NumberRule;
import com.phoneverify.simulators.phone.call.Party;
import com.phoneverify.simulators.phone.call.PhoneBehaviour;
import com.phoneverify.simulators.phone.call.SimulatedCall;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import reactor.test.StepVerifier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The simulator over real SIP and RTP on loopback, driven by a JAIN-SIP caller. */
class PhoneSimulatorIntegrationTests {

	private static final Duration WAIT = Duration.ofSeconds(5);

	private static PhoneSimulator pstn;

	private static SipTestCaller caller;

	private static RtpMediaEngine callerMedia;

	@BeforeAll
	static void start() throws Exception {
		List<NumberRule> rules = new java.util.ArrayList<>(NumberRule.defaults());
		rules.add(0, NumberRule.of(".*7999", new PhoneBehaviour.AnswerThenHangUp(Duration.ofMillis(200))));
		pstn = PhoneSimulator.start(PhoneSimulatorOptions.defaults()
			.withRules(rules)
			.withRingDelay(Duration.ofMillis(50))
			.withKeyTiming(Duration.ofMillis(40), Duration.ofMillis(20)));
		caller = new SipTestCaller();
		callerMedia = RtpMediaEngine.start(MediaEngineOptions.defaults());
	}

	@AfterAll
	static void stop() {
		caller.close();
		pstn.close();
		callerMedia.close();
	}

	@Test
	void rejectsABusyNumberWith486() throws Exception {
		SipTestCaller.Call call = caller.invite(pstn.sipUri("+821012340486"), offer());

		assertThat(call.nextStatus()).isEqualTo(486);
		SimulatedCall simulated = pstn.awaitCall("+821012340486", WAIT).toFuture().get(5, TimeUnit.SECONDS);
		assertThat(simulated.state()).isEqualTo(CallState.ENDED);
		assertThat(simulated.sipStatusSent()).isEqualTo(486);
		assertThat(simulated.endedBy()).contains(Party.PHONE);
	}

	@Test
	void answersThenTheArmedKeysArriveAsRtpEventsAndTheCallerHangsUp() throws Exception {
		String number = "+821055501234";
		pstn.arm(number, "1123", Duration.ofMillis(100));
		MediaSession media = callerMedia.open();
		SipTestCaller.Call call = caller.invite(pstn.sipUri(number), SdpOffer.of(media.localAddress()).toSdp());

		assertThat(call.nextStatus()).isEqualTo(180);
		assertThat(call.nextStatus()).isEqualTo(200);
		SessionDescription answer = SessionDescription.parse(call.answerSdp());
		assertThat(answer.payloadTypes()).containsExactly(0, 101);
		StepVerifier.Step<Character> keys = StepVerifier.create(media.keys().take(4));
		media.connect(answer.mediaAddress(), answer.preferredCodec().orElseThrow(), 101);
		call.ack();
		byte[] prompt = new byte[800];
		Arrays.fill(prompt, (byte) 0x22);
		media.play(prompt).subscribe();

		keys.expectNext('1', '1', '2', '3').expectComplete().verify(WAIT);
		SimulatedCall simulated = pstn.awaitCall(number, WAIT).toFuture().get(5, TimeUnit.SECONDS);
		assertThat(simulated.state()).isEqualTo(CallState.ANSWERED);
		await().atMost(WAIT).until(() -> countOf((byte) 0x22, simulated.receivedAudio()) == prompt.length);

		call.bye();
		assertThat(call.nextOtherResponse()).isEqualTo("BYE 200");
		StepVerifier.create(simulated.ended()).expectComplete().verify(WAIT);
		assertThat(simulated.endedBy()).contains(Party.CALLER);
		assertThat(simulated.sipStatusSent()).isEqualTo(200);
		media.close();
	}

	@Test
	void pressesKeysOnRequestIncludingRepeatedKeys() throws Exception {
		String number = "+821055505678";
		MediaSession media = callerMedia.open();
		SipTestCaller.Call call = caller.invite(pstn.sipUri(number), SdpOffer.of(media.localAddress()).toSdp());
		assertThat(call.nextStatus()).isEqualTo(180);
		assertThat(call.nextStatus()).isEqualTo(200);
		SessionDescription answer = SessionDescription.parse(call.answerSdp());
		media.connect(answer.mediaAddress(), answer.preferredCodec().orElseThrow(), 101);
		call.ack();
		SimulatedCall simulated = pstn.awaitCall(number, WAIT).toFuture().get(5, TimeUnit.SECONDS);

		StepVerifier.create(media.keys().take(3))
			.then(() -> simulated.pressKeys("99#"))
			.expectNext('9', '9', '#')
			.expectComplete()
			.verify(WAIT);
		call.bye();
		assertThat(call.nextOtherResponse()).isEqualTo("BYE 200");
		media.close();
	}

	@Test
	void retransmitsTheAnswerUntilTheAckArrives() throws Exception {
		SipTestCaller.Call call = caller.invite(pstn.sipUri("+821055502468"), offer());
		assertThat(call.nextStatus()).isEqualTo(180);
		assertThat(call.nextStatus()).isEqualTo(200);

		// RFC 3261 §13.3.1.4: without an ACK the 200 comes again (T1 = 500 ms later)
		assertThat(call.nextStatus()).isEqualTo(200);

		call.ack();
		call.bye();
		assertThat(call.nextOtherResponse()).isEqualTo("BYE 200");
	}

	@Test
	void answersCancelOfARingForeverNumberWith487() throws Exception {
		SipTestCaller.Call call = caller.invite(pstn.sipUri("+821012340408"), offer());
		assertThat(call.nextStatus()).isEqualTo(180);

		call.cancel();

		assertThat(call.nextStatus()).isEqualTo(487);
		assertThat(call.nextOtherResponse()).isEqualTo("CANCEL 200");
		SimulatedCall simulated = pstn.awaitCall("+821012340408", WAIT).toFuture().get(5, TimeUnit.SECONDS);
		assertThat(simulated.endedBy()).contains(Party.CALLER);
		assertThat(simulated.sipStatusSent()).isEqualTo(487);
	}

	@Test
	void sendsByeWhenThePhoneHangsUp() throws Exception {
		String number = "+821055509999";
		SipTestCaller.Call call = caller.invite(pstn.sipUri(number), offer());
		assertThat(call.nextStatus()).isEqualTo(180);
		assertThat(call.nextStatus()).isEqualTo(200);
		call.ack();
		SimulatedCall simulated = pstn.awaitCall(number, WAIT).toFuture().get(5, TimeUnit.SECONDS);

		simulated.hangUp();

		call.byeFromPhone.get(5, TimeUnit.SECONDS);
		assertThat(simulated.state()).isEqualTo(CallState.ENDED);
		assertThat(simulated.endedBy()).contains(Party.PHONE);
	}

	@Test
	void hangsUpByItselfForAnAnswerThenHangUpNumber() throws Exception {
		SipTestCaller.Call call = caller.invite(pstn.sipUri("+821012347999"), offer());
		assertThat(call.nextStatus()).isEqualTo(180);
		assertThat(call.nextStatus()).isEqualTo(200);

		call.ack();

		call.byeFromPhone.get(5, TimeUnit.SECONDS);
		SimulatedCall simulated = pstn.awaitCall("+821012347999", WAIT).toFuture().get(5, TimeUnit.SECONDS);
		assertThat(simulated.endedBy()).contains(Party.PHONE);
	}

	@Test
	void coexistsWithAnotherSimulatorInTheSameJvm() throws Exception {
		try (PhoneSimulator other = PhoneSimulator.start(PhoneSimulatorOptions.defaults()
			.withRules(List.of(NumberRule.of(".*", new PhoneBehaviour.Reject(503)))))) {
			SipTestCaller.Call toOther = caller.invite(other.sipUri("+821011112222"), offer());
			SipTestCaller.Call toFirst = caller.invite(pstn.sipUri("+821011110603"), offer());

			assertThat(other.sipAddress()).isNotEqualTo(pstn.sipAddress());
			assertThat(toOther.nextStatus()).isEqualTo(503);
			assertThat(toFirst.nextStatus()).isEqualTo(603);
		}
	}

	private static String offer() {
		return SdpOffer.of(new java.net.InetSocketAddress("127.0.0.1", 9)).toSdp();
	}

	private static long countOf(byte value, byte[] bytes) {
		long count = 0;
		for (byte b : bytes) {
			if (b == value) {
				count++;
			}
		}
		return count;
	}

}
