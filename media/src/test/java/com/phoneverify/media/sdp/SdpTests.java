package com.phoneverify.media.sdp;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.Optional;

import com.phoneverify.media.codec.G711;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class SdpTests {

	private static final InetSocketAddress LOCAL = new InetSocketAddress("127.0.0.1", 40002);

	@Test
	void buildsAnOfferWithG711TelephoneEventPtimeAndDirection() {
		String sdp = SdpOffer.of(LOCAL).toSdp();

		assertThat(sdp).startsWith("v=0\r\no=- ")
			.contains("s=-\r\n", "c=IN IP4 127.0.0.1\r\n", "t=0 0\r\n", "m=audio 40002 RTP/AVP 0 8 101\r\n",
					"a=rtpmap:0 PCMU/8000\r\n", "a=rtpmap:8 PCMA/8000\r\n", "a=rtpmap:101 telephone-event/8000\r\n",
					"a=fmtp:101 0-15\r\n", "a=ptime:20\r\n", "a=sendrecv\r\n")
			.endsWith("\r\n");
		assertThat(sdp.indexOf("c=")).isLessThan(sdp.indexOf("t=")).isGreaterThan(sdp.indexOf("s="));
	}

	@Test
	void parsesWhatItBuilds() {
		SessionDescription parsed = SessionDescription.parse(SdpOffer.of(LOCAL).toSdp());

		assertThat(parsed.mediaAddress()).isEqualTo(LOCAL);
		assertThat(parsed.payloadTypes()).containsExactly(0, 8, 101);
		assertThat(parsed.telephoneEventPayloadType()).contains(101);
		assertThat(parsed.ptimeMillis()).isEqualTo(20);
		assertThat(parsed.direction()).isEqualTo(MediaDirection.SENDRECV);
		assertThat(parsed.preferredCodec()).contains(G711.PCMU);
	}

	@Test
	void refusesAConnectionAddressThatIsNotAnIpv4LiteralInsteadOfResolvingIt() {
		// found by SessionDescriptionFuzzTests: these were looked up in DNS, and an
		// unresolved destination failed every RTP send of the call
		for (String address : List.of("256.1.1.1", "phone.invalid", "localhost", "::1", "1.2.3", "0x7f000001")) {
			assertThatIllegalArgumentException().as(address)
				.isThrownBy(() -> SessionDescription
					.parse("v=0\r\nc=IN IP4 " + address + "\r\nm=audio 5004 RTP/AVP 0\r\n"));
		}
		assertThat(
				SessionDescription.parse("v=0\r\nc=IN IP4 10.0.0.9/127\r\nm=audio 5004 RTP/AVP 0\r\n").mediaAddress())
			.isEqualTo(new InetSocketAddress("10.0.0.9", 5004));
	}

	@Test
	void ignoresTelephoneEventMappedOntoAStaticPayloadType() {
		// found by SessionDescriptionFuzzTests: pt 0 as telephone-event made PCMU audio
		// read as keys, and answering such an offer threw
		String offer = "v=0\r\nc=IN IP4 10.0.0.9\r\nm=audio 5004 RTP/AVP 0 101\r\n"
				+ "a=rtpmap:0 telephone-event/8000\r\na=rtpmap:101 telephone-event/8000\r\n";
		String onlyStatic = "v=0\r\nc=IN IP4 10.0.0.9\r\nm=audio 5004 RTP/AVP 0 8\r\na=rtpmap:8 telephone-event/8000\r\n";

		assertThat(SessionDescription.parse(offer).telephoneEventPayloadType()).contains(101);
		assertThat(SessionDescription.parse(onlyStatic).telephoneEventPayloadType()).isEmpty();
		assertThat(SdpOffer.answer(SessionDescription.parse(onlyStatic), LOCAL, List.of(G711.PCMU))).isPresent();
	}

	@Test
	void choosesPcmaWhenOnlyPayloadType8IsOffered() {
		String offer = "v=0\nc=IN IP4 10.0.0.9\nt=0 0\nm=audio 5004 RTP/AVP 18 8 96\na=rtpmap:18 G729/8000\n"
				+ "a=rtpmap:96 telephone-event/8000\na=fmtp:96 0-16\n";

		SessionDescription parsed = SessionDescription.parse(offer);
		Optional<SdpOffer> answer = SdpOffer.answer(parsed, LOCAL, List.of(G711.PCMU, G711.PCMA));

		assertThat(parsed.negotiate(List.of(G711.PCMU, G711.PCMA))).contains(G711.PCMA);
		assertThat(parsed.telephoneEventPayloadType()).contains(96);
		assertThat(answer).hasValueSatisfying((sdp) -> {
			assertThat(sdp.preferredCodec()).isEqualTo(G711.PCMA);
			assertThat(sdp.toSdp()).contains("m=audio 40002 RTP/AVP 8 96\r\n", "a=rtpmap:96 telephone-event/8000\r\n")
				.doesNotContain("PCMU");
		});
	}

	@Test
	void answersWithTheOfferersTelephoneEventPayloadType101() {
		SessionDescription offer = SessionDescription
			.parse(SdpOffer.of(new InetSocketAddress("127.0.0.1", 6000)).toSdp());

		SessionDescription answer = SessionDescription
			.parse(SdpOffer.answer(offer, LOCAL, List.of(G711.values())).orElseThrow().toSdp());

		assertThat(answer.payloadTypes()).containsExactly(0, 101);
		assertThat(answer.telephoneEventPayloadType()).contains(101);
	}

	@Test
	void answersWithoutTelephoneEventWhenNoneWasOffered() {
		SessionDescription offer = SessionDescription.parse("v=0\r\nc=IN IP4 1.2.3.4\r\nm=audio 7000 RTP/AVP 0\r\n");

		String answer = SdpOffer.answer(offer, LOCAL, List.of(G711.PCMU)).orElseThrow().toSdp();

		assertThat(offer.telephoneEventPayloadType()).isEmpty();
		assertThat(answer).contains("m=audio 40002 RTP/AVP 0\r\n").doesNotContain("telephone-event");
	}

	@Test
	void hasNoAnswerWhenNoCodecIsShared() {
		SessionDescription offer = SessionDescription.parse("v=0\r\nc=IN IP4 1.2.3.4\r\nm=audio 7000 RTP/AVP 9 18\r\n");

		assertThat(SdpOffer.answer(offer, LOCAL, List.of(G711.values()))).isEmpty();
	}

	@Test
	void prefersTheMediaLevelConnectionAndDirection() {
		String sdp = "v=0\r\no=x 1 1 IN IP4 9.9.9.9\r\nc=IN IP4 9.9.9.9\r\na=sendrecv\r\nt=0 0\r\n"
				+ "m=audio 8000 RTP/AVP 0\r\nc=IN IP4 10.1.1.1\r\na=sendonly\r\na=ptime:30\r\n"
				+ "m=video 9000 RTP/AVP 96\r\nc=IN IP4 10.2.2.2\r\na=recvonly\r\n";

		SessionDescription parsed = SessionDescription.parse(sdp);

		assertThat(parsed.mediaAddress()).isEqualTo(new InetSocketAddress("10.1.1.1", 8000));
		assertThat(parsed.direction()).isEqualTo(MediaDirection.SENDONLY);
		assertThat(parsed.ptimeMillis()).isEqualTo(30);
		assertThat(SdpOffer.answer(parsed, LOCAL, List.of(G711.PCMU)).orElseThrow().direction())
			.isEqualTo(MediaDirection.RECVONLY);
	}

	@Test
	void rejectsSdpWithoutAudioOrAddress() {
		assertThatIllegalArgumentException().isThrownBy(() -> SessionDescription.parse("v=0\r\nc=IN IP4 1.2.3.4\r\n"));
		assertThatIllegalArgumentException()
			.isThrownBy(() -> SessionDescription.parse("v=0\r\nm=audio 1 RTP/AVP 0\r\n"));
		assertThatIllegalArgumentException()
			.isThrownBy(() -> SessionDescription.parse("v=0\r\nc=IN IP6 ::1\r\nm=audio 1 RTP/AVP 0\r\n"));
	}

	@Test
	void seesARejectedStream() {
		assertThat(SessionDescription.parse("v=0\r\nc=IN IP4 1.2.3.4\r\nm=audio 0 RTP/AVP 0\r\n").isRejected())
			.isTrue();
	}

}
