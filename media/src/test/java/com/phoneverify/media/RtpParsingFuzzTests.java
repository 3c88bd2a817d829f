package com.phoneverify.media;

import com.phoneverify.contracts.Fuzz;
import java.util.Optional;

import com.phoneverify.media.dtmf.DtmfDetector;
import com.phoneverify.media.dtmf.TelephoneEvent;
import com.phoneverify.media.rtp.RtpPacket;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the receiver thread does with every datagram, on hostile datagrams (see
 * {@link RtpDatagrams}): {@link RtpPacket#parse} either returns a packet or refuses with
 * {@link IllegalArgumentException} (the session counts it as discarded), never another
 * exception; a parsed packet re-encodes to the same packet; the DTMF detector takes any
 * parsed packet and reports at most a keypad key. Tries: {@code -Dfuzz.tries}, seed
 * {@code -Dfuzz.seed} (see {@link Fuzz}).
 */
class RtpParsingFuzzTests {

	private final DtmfDetector detector = new DtmfDetector();

	@Test
	void everyDatagramIsParsedOrDiscardedAndNoPacketBreaksTheDetector() {
		Fuzz.forAll(RtpDatagrams::any, Fuzz::hex, this::parseAndDetect);
	}

	private String parseAndDetect(byte[] datagram) {
		RtpPacket packet;
		try {
			packet = RtpPacket.parse(datagram, 0, datagram.length);
		}
		catch (IllegalArgumentException ex) {
			return "discarded";
		}
		assertThat(RtpPacket.parse(packet.toBytes(), 0, packet.toBytes().length)).isEqualTo(packet);
		Optional<Character> key = this.detector.accept(packet);
		key.ifPresent((pressed) -> assertThat(TelephoneEvent.isKey(pressed)).isTrue());
		return key.isPresent() ? "key" : "parsed";
	}

}
