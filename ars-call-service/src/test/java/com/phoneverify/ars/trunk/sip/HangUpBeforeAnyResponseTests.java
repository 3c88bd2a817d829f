package com.phoneverify.ars.trunk.sip;

import java.net.DatagramSocket;
import java.net.InetAddress;
import java.time.Duration;

import com.phoneverify.ars.call.CallEvent;
import com.phoneverify.ars.call.OutboundCall;
import com.phoneverify.ars.call.PlaceCall;
import com.phoneverify.ars.media.RtpMedia;
import com.phoneverify.ars.settings.ArsProperties;
import com.phoneverify.contracts.VerificationId;
import com.phoneverify.contracts.phone.PhoneNumber;
import com.phoneverify.media.MediaEngineOptions;
import org.junit.jupiter.api.Test;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;
import reactor.test.StepVerifier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Hanging up a call whose INVITE has had no provisional response (found by
 * {@link SipTrunkFuzzTests}: when a final response reached the INVITE transaction but not
 * the call, the call waited forever for a 1xx to send its CANCEL on, holding its RTP
 * port).
 */
class HangUpBeforeAnyResponseTests {

	@Test
	void aCallHungUpBeforeAnyResponseEndsAfterTheCancelTimeoutAndReleasesItsRtpPort() throws Exception {
		Scheduler events = Schedulers.newSingle("hang-up-test");
		// a trunk that receives the INVITE and never answers anything
		try (DatagramSocket silentTrunk = new DatagramSocket(0, InetAddress.getLoopbackAddress());
				RtpMedia media = new RtpMedia(
						MediaEngineOptions.defaults().withBindAddress(InetAddress.getLoopbackAddress()));
				SipTrunk trunk = new SipTrunk(
						new ArsProperties.Sip("127.0.0.1", 0, "127.0.0.1:" + silentTrunk.getLocalPort(), "udp",
								Duration.ofSeconds(30), "ars", Duration.ofSeconds(40), Duration.ofSeconds(1)),
						media, events)) {
			OutboundCall call = trunk.place(new PlaceCall(VerificationId.random(), PhoneNumber.parse("+821055501234")));

			call.hangUp();

			// without the give-up timer only the INVITE's own timeout (32 s) would end
			// it,
			// and not at all once a stray final response had ended that transaction
			StepVerifier.create(call.events())
				.expectNext(new CallEvent.Ended(CallEvent.Cause.LOCAL_HANGUP, null))
				.expectComplete()
				.verify(Duration.ofSeconds(10));
			await().atMost(Duration.ofSeconds(5)).until(() -> media.openLegs() == 0);
			assertThat(media.openLegs()).isZero();
		}
		finally {
			events.dispose();
		}
	}

}
