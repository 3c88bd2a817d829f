package com.phoneverify.ars.trunk.sip;

import com.phoneverify.media.sdp.MediaDirection;
import com.phoneverify.media.sdp.SessionDescription;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** RFC 3264 §8 answers to the phone's later offers. */
class SessionRenegotiationTests {

	private static final String OUR_OFFER = """
			v=0\r
			o=- 4711 1 IN IP4 127.0.0.1\r
			s=-\r
			c=IN IP4 127.0.0.1\r
			t=0 0\r
			m=audio 40000 RTP/AVP 0 8 101\r
			a=rtpmap:0 PCMU/8000\r
			a=rtpmap:8 PCMA/8000\r
			a=rtpmap:101 telephone-event/8000\r
			a=fmtp:101 0-15\r
			a=sendrecv\r
			""";

	private static String phone(String connection, String formats, String direction) {
		return "v=0\r\no=p 1 2 IN IP4 127.0.0.2\r\ns=-\r\nc=IN IP4 " + connection
				+ "\r\nt=0 0\r\nm=audio 50000 RTP/AVP " + formats
				+ "\r\na=rtpmap:8 PCMA/8000\r\na=rtpmap:96 telephone-event/8000\r\n"
				+ ((direction != null) ? "a=" + direction + "\r\n" : "");
	}

	private final SessionRenegotiation session = SessionRenegotiation.of(OUR_OFFER, phone("127.0.0.2", "8 96", null));

	@Test
	void holdResumeAndInactiveKeepTheNegotiatedCodec() {
		SessionDescription held = SessionDescription
			.parse(this.session.answer(phone("127.0.0.2", "0 8 96", "sendonly")).orElseThrow());
		assertThat(held.direction()).isEqualTo(MediaDirection.RECVONLY);
		assertThat(held.payloadTypes()).containsExactly(8, 96);
		assertThat(held.mediaAddress().getPort()).isEqualTo(40000);

		assertThat(SessionDescription.parse(this.session.answer(phone("127.0.0.2", "8", "inactive")).orElseThrow())
			.direction()).isEqualTo(MediaDirection.INACTIVE);
		assertThat(SessionDescription.parse(this.session.answer(phone("127.0.0.2", "8 96", "sendrecv")).orElseThrow())
			.direction()).isEqualTo(MediaDirection.SENDRECV);
	}

	@Test
	void oldStyleHoldWithZeroAddressIsAnsweredRecvonly() {
		String answer = this.session.answer(phone("0.0.0.0", "8 96", null)).orElseThrow();
		assertThat(SessionDescription.parse(answer).direction()).isEqualTo(MediaDirection.RECVONLY);
	}

	@Test
	void anOfferWithoutOurCodecOrUnreadableIsRefused() {
		assertThat(this.session.answer(phone("127.0.0.2", "0 96", "sendonly"))).isEmpty();
		assertThat(this.session.answer("garbage")).isEmpty();
	}

	@Test
	void ourSdpKeepsTheSessionIdAndRaisesTheVersion() {
		String first = this.session.offer();
		String second = this.session.answer(phone("127.0.0.2", "8", "sendonly")).orElseThrow();
		assertThat(first).contains("o=- 4711 2 IN IP4 127.0.0.1").contains("a=sendrecv").contains("RTP/AVP 8 96");
		assertThat(second).contains("o=- 4711 3 IN IP4 127.0.0.1");
	}

	@Test
	void theAnswerInTheAckSetsTheDirection() {
		this.session.offer();
		this.session.answered(phone("127.0.0.2", "8 96", "sendonly"));
		assertThat(this.session.direction()).isEqualTo(MediaDirection.RECVONLY);
		this.session.answered("garbage");
		assertThat(this.session.direction()).isEqualTo(MediaDirection.RECVONLY);
	}

}
