package com.phoneverify.ars.trunk.sip;

import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;

import javax.sip.message.Request;
import javax.sip.message.Response;

import com.phoneverify.ars.settings.ArsProperties;
import com.phoneverify.ars.call.CallEvent;
import com.phoneverify.ars.call.OutboundCall;
import com.phoneverify.ars.call.PlaceCall;
import com.phoneverify.ars.media.RtpMedia;
import com.phoneverify.contracts.VerificationId;
import com.phoneverify.contracts.phone.PhoneNumber;
import com.phoneverify.media.MediaEngineOptions;
import gov.nist.javax.sip.address.AddressFactoryImpl;
import gov.nist.javax.sip.header.HeaderFactoryImpl;
import gov.nist.javax.sip.message.MessageFactoryImpl;
import org.junit.jupiter.api.Test;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;
import reactor.test.StepVerifier;

import static org.assertj.core.api.Assertions.assertThat;

/** The trunk adapter's own failure paths (no phone needed). */
class SipTrunkTests {

	@Test
	void noFreeRtpPortEndsTheCallWithATransportErrorInsteadOfThrowing() throws Exception {
		Scheduler events = Schedulers.newSingle("sip-trunk-test");
		// both ports of the RTP range are taken
		DatagramSocket[] taken = twoAdjacentPorts();
		try (DatagramSocket first = taken[0];
				DatagramSocket second = taken[1];
				RtpMedia media = new RtpMedia(MediaEngineOptions.defaults()
					.withBindAddress(InetAddress.getLoopbackAddress())
					.withPortRange(first.getLocalPort(), second.getLocalPort()));
				SipTrunk trunk = new SipTrunk(new ArsProperties.Sip("127.0.0.1", 0, "127.0.0.1:9", "udp",
						Duration.ofSeconds(30), "ars", Duration.ofSeconds(40), Duration.ofSeconds(32)), media,
						events)) {
			OutboundCall call = trunk.place(new PlaceCall(VerificationId.random(), PhoneNumber.parse("+821055501234")));

			StepVerifier.create(call.events())
				.expectNext(new CallEvent.Ended(CallEvent.Cause.TRANSPORT_ERROR, null))
				.expectComplete()
				.verify(Duration.ofSeconds(5));
		}
		finally {
			events.dispose();
		}
	}

	@Test
	void aSessionRefreshGetsItsSessionExpiresBackWithTheRefresher() throws Exception {
		HeaderFactoryImpl headers = new HeaderFactoryImpl();
		MessageFactoryImpl factory = new MessageFactoryImpl();
		ArsProperties.Sip settings = new ArsProperties.Sip("127.0.0.1", 5060, "127.0.0.1:5070", "udp",
				Duration.ofSeconds(30), "ars", Duration.ofSeconds(40), Duration.ofSeconds(32));
		SipTrunk.Messages messages = new SipTrunk.Messages(new AddressFactoryImpl(), headers, factory, settings, 5060,
				"udp", InetSocketAddress.createUnresolved("127.0.0.1", 5070));
		Request refresh = messages.invite(new PlaceCall(VerificationId.random(), PhoneNumber.parse("+821055501234")),
				headers.createCallIdHeader("refresh@test"), "v=0\r\n");
		refresh.addHeader(headers.createHeader("Session-Expires", "1800"));
		refresh.addHeader(headers.createSupportedHeader("timer"));
		Response ok = factory.createResponse(Response.OK, refresh);

		messages.answerSessionRefresh(refresh, ok);

		assertThat(ok.getHeader("Session-Expires").toString()).contains("1800").contains("refresher=uac");
		assertThat(ok.getHeader("Require").toString()).contains("timer");

		Request named = messages.invite(new PlaceCall(VerificationId.random(), PhoneNumber.parse("+821055501234")),
				headers.createCallIdHeader("refresh2@test"), "v=0\r\n");
		named.addHeader(headers.createHeader("Session-Expires", "900;refresher=uas"));
		Response ok2 = factory.createResponse(Response.OK, named);
		messages.answerSessionRefresh(named, ok2);
		assertThat(ok2.getHeader("Session-Expires").toString()).contains("900").contains("refresher=uas");
		assertThat(ok2.getHeader("Require")).as("no timer support named, no Require").isNull();
	}

	private static DatagramSocket[] twoAdjacentPorts() throws Exception {
		for (int attempt = 0; attempt < 100; attempt++) {
			DatagramSocket first = new DatagramSocket(0, InetAddress.getLoopbackAddress());
			if (first.getLocalPort() < 65535) {
				try {
					return new DatagramSocket[] { first,
							new DatagramSocket(first.getLocalPort() + 1, InetAddress.getLoopbackAddress()) };
				}
				catch (java.net.SocketException ex) {
					// taken: try elsewhere
				}
			}
			first.close();
		}
		throw new IllegalStateException("no two adjacent free UDP ports");
	}

}
