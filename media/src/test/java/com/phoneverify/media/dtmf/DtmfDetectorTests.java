package com.phoneverify.media.dtmf;

import java.util.ArrayList;
import java.util.List;

import com.phoneverify.media.rtp.RtpPacket;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class DtmfDetectorTests {

	private static final long SSRC = 0x1234_5678L;

	private final DtmfDetector detector = new DtmfDetector();

	private int sequence = 100;

	@Test
	void reportsEachKeyOfACodeWithRepeatedKeysOnce() {
		List<RtpPacket> packets = new ArrayList<>();
		long timestamp = 8000;
		for (char key : "112233".toCharArray()) {
			packets.addAll(fullEvent(key, timestamp));
			timestamp += 1600;
		}

		assertThat(detect(packets)).isEqualTo("112233");
	}

	@Test
	void countsRepeatedEndPacketsOnce() {
		List<RtpPacket> packets = fullEvent('5', 4000);

		assertThat(packets.stream().filter((p) -> TelephoneEvent.parse(p.payload()).end())).hasSize(3);
		assertThat(detect(packets)).isEqualTo("5");
	}

	@Test
	void reportsAnEventWhoseStartPacketsWereLost() {
		List<RtpPacket> packets = fullEvent('7', 4000);

		assertThat(detect(packets.subList(2, packets.size()))).isEqualTo("7");
	}

	@Test
	void reportsAnEventOfWhichOnlyEndPacketsArrived() {
		List<RtpPacket> first = fullEvent('8', 4000);
		List<RtpPacket> second = fullEvent('8', 5600);
		List<RtpPacket> onlyEnds = new ArrayList<>(first.subList(first.size() - 1, first.size()));
		onlyEnds.addAll(second.subList(second.size() - 2, second.size()));

		assertThat(detect(onlyEnds)).isEqualTo("88");
	}

	@Test
	void ignoresLateAndReorderedPacketsOfAReportedEvent() {
		List<RtpPacket> one = fullEvent('1', 4000);
		List<RtpPacket> two = fullEvent('2', 5600);
		List<RtpPacket> arrival = new ArrayList<>();
		arrival.add(one.get(1));
		arrival.add(one.get(0));
		arrival.add(two.get(0));
		arrival.add(one.get(2));
		arrival.addAll(one.subList(3, one.size()));
		arrival.addAll(two.subList(1, two.size()));

		assertThat(detect(arrival)).isEqualTo("12");
	}

	@Test
	void handlesTimestampAndSequenceWrapAround() {
		this.sequence = 65534;
		List<RtpPacket> packets = new ArrayList<>();
		packets.addAll(fullEvent('*', 0xFFFF_FC00L));
		packets.addAll(fullEvent('*', 0x0000_0300L));
		packets.addAll(fullEvent('#', 0x0000_0F00L));

		assertThat(packets.get(packets.size() - 1).sequenceNumber()).isLessThan(100);
		assertThat(detect(packets)).isEqualTo("**#");
	}

	@Test
	void startsAfreshWhenTheSourceChanges() {
		List<RtpPacket> packets = new ArrayList<>(fullEvent('4', 9000));
		fullEvent('4', 100).stream()
			.map((p) -> new RtpPacket(p.payloadType(), p.marker(), p.sequenceNumber(), p.timestamp(), 99, p.payload()))
			.forEach(packets::add);

		assertThat(detect(packets)).isEqualTo("44");
	}

	@Test
	void ignoresNonKeyEventsAndShortPayloads() {
		RtpPacket flash = packet(16, false, 100, 400, true);
		RtpPacket truncated = new RtpPacket(101, true, 1, 200, SSRC, new byte[2]);

		assertThat(this.detector.accept(flash)).isEmpty();
		assertThat(this.detector.accept(truncated)).isEmpty();
	}

	private String detect(List<RtpPacket> packets) {
		StringBuilder keys = new StringBuilder();
		for (RtpPacket packet : packets) {
			this.detector.accept(packet).ifPresent(keys::append);
		}
		return keys.toString();
	}

	/** Start, two updates, three end packets, as an RFC 4733 sender would send them. */
	private List<RtpPacket> fullEvent(char key, long timestamp) {
		int event = TelephoneEvent.eventFor(key);
		List<RtpPacket> packets = new ArrayList<>();
		packets.add(packet(event, false, timestamp, 400, true));
		packets.add(packet(event, false, timestamp, 800, false));
		packets.add(packet(event, false, timestamp, 1200, false));
		for (int i = 0; i < 3; i++) {
			packets.add(packet(event, true, timestamp, 1280, false));
		}
		return packets;
	}

	private RtpPacket packet(int event, boolean end, long timestamp, int duration, boolean marker) {
		byte[] payload = new TelephoneEvent(event, end, 10, duration).toBytes();
		RtpPacket packet = new RtpPacket(101, marker, this.sequence, timestamp & 0xFFFF_FFFFL, SSRC, payload);
		this.sequence = (this.sequence + 1) & 0xFFFF;
		return packet;
	}

}
