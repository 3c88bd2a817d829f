package com.phoneverify.media;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;

import com.phoneverify.media.codec.G711;
import com.phoneverify.media.dtmf.TelephoneEvent;
import com.phoneverify.media.rtp.RtpPacket;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Drives the outbound stream with a fake clock: no threads, no wall time. */
class OutboundStreamTests {

	private static final long ORIGIN = 5_000_000_000L;

	private static final long MILLIS = 1_000_000L;

	private static final long TIMESTAMP_BASE = 1000;

	private final OutboundStream stream = new OutboundStream(42, 65534, TIMESTAMP_BASE);

	private final List<RtpPacket> sent = new ArrayList<>();

	private final List<Long> sentAt = new ArrayList<>();

	@Test
	void computesDeadlinesFromTheOriginOnly() {
		PacingSchedule schedule = new PacingSchedule(ORIGIN);

		assertThat(schedule.frameDeadlineNanos(0)).isEqualTo(ORIGIN);
		assertThat(schedule.frameDeadlineNanos(1)).isEqualTo(ORIGIN + 20 * MILLIS);
		// ten hours of frames: exactly on the grid, no accumulated rounding
		assertThat(schedule.frameDeadlineNanos(1_800_000)).isEqualTo(ORIGIN + 36_000_000 * MILLIS);
	}

	@Test
	void keepsTheScheduleWithoutDriftWhenWakeUpsAreLate() {
		this.stream.start(ORIGIN, G711.PCMU, 101);
		long now = ORIGIN;
		long wakeUp = this.stream.nextDeadlineNanos();
		for (int i = 0; i < 500; i++) {
			// a sloppy sleeper: wakes 0-17 ms after the deadline it asked for
			now = wakeUp + (i * 7919L % 18) * MILLIS;
			wakeUp = emitAt(now);
		}

		long expectedFrames = (now - ORIGIN) / (20 * MILLIS) + 1;
		assertThat(this.sent).hasSize((int) expectedFrames);
		assertThat(wakeUp).isEqualTo(ORIGIN + expectedFrames * 20 * MILLIS);
		for (int n = 0; n < this.sent.size(); n++) {
			assertThat(this.sent.get(n).timestamp()).isEqualTo(TIMESTAMP_BASE + 160L * n);
			assertThat(this.sentAt.get(n)).isGreaterThanOrEqualTo(ORIGIN + n * 20 * MILLIS);
		}
	}

	@Test
	void sendsLateFramesAtOnceAndCountsThem() {
		this.stream.start(ORIGIN, G711.PCMU, 101);

		long next = emitAt(ORIGIN + 100 * MILLIS);

		assertThat(this.sent).hasSize(6);
		assertThat(this.stream.framesSentLate()).isEqualTo(5);
		assertThat(next).isEqualTo(ORIGIN + 120 * MILLIS);
	}

	@Test
	void skipsAheadInsteadOfBurstingAfterALongStall() {
		this.stream.start(ORIGIN, G711.PCMU, 101);
		emitAt(ORIGIN);

		emitAt(ORIGIN + 5000 * MILLIS);

		assertThat(this.sent).hasSize(2);
		assertThat(this.sent.get(1).timestamp()).isEqualTo(TIMESTAMP_BASE + 5 * 8000);
	}

	@Test
	void sendsSilenceWithOneSsrcAndContinuousSequenceAcrossWrapAround() {
		this.stream.start(ORIGIN, G711.PCMA, 101);

		emitAt(ORIGIN + 60 * MILLIS);

		assertThat(this.sent).extracting(RtpPacket::sequenceNumber).containsExactly(65534, 65535, 0, 1);
		assertThat(this.sent).allSatisfy((packet) -> {
			assertThat(packet.ssrc()).isEqualTo(42);
			assertThat(packet.payloadType()).isEqualTo(8);
			assertThat(packet.payload()).hasSize(160).containsOnly((byte) 0xD5);
		});
		assertThat(this.sent).extracting(RtpPacket::marker).containsExactly(true, false, false, false);
	}

	@Test
	void playsAudioInFramesPaddedWithSilenceAndCompletesAfterTheLastFrame() {
		this.stream.start(ORIGIN, G711.PCMU, 101);
		emitAt(ORIGIN);
		byte[] audio = new byte[400];
		Arrays.fill(audio, (byte) 0x11);
		RecordingCompletion completion = new RecordingCompletion();
		this.stream.enqueue(new OutboundStream.PlayJob(audio, completion));

		emitAt(ORIGIN + 40 * MILLIS);
		assertThat(completion.succeeded).hasValue(0);
		emitAt(ORIGIN + 60 * MILLIS);

		assertThat(completion.succeeded).hasValue(1);
		assertThat(this.sent.get(1).marker()).isTrue();
		assertThat(this.sent.get(1).payload()).containsOnly((byte) 0x11);
		byte[] last = this.sent.get(3).payload();
		assertThat(Arrays.copyOfRange(last, 0, 80)).containsOnly((byte) 0x11);
		assertThat(Arrays.copyOfRange(last, 80, 160)).containsOnly((byte) 0xFF);
	}

	@Test
	void stopsCancelledAudioAtTheNextFrame() {
		this.stream.start(ORIGIN, G711.PCMU, 101);
		byte[] audio = new byte[1600];
		Arrays.fill(audio, (byte) 0x11);
		OutboundStream.PlayJob job = new OutboundStream.PlayJob(audio, new RecordingCompletion());
		this.stream.enqueue(job);
		emitAt(ORIGIN + 20 * MILLIS);

		job.cancel();
		emitAt(ORIGIN + 60 * MILLIS);

		assertThat(this.sent).extracting((p) -> p.payload()[0])
			.containsExactly((byte) 0x11, (byte) 0x11, (byte) 0xFF, (byte) 0xFF);
	}

	@Test
	void sendsEachKeyAsItsOwnRfc4733EventInsideTheStream() {
		this.stream.start(ORIGIN, G711.PCMU, 101);
		RecordingCompletion completion = new RecordingCompletion();
		// 120 ms tones, 60 ms gaps
		this.stream.enqueue(new OutboundStream.KeysJob("11", 960, 480, completion));

		for (long t = ORIGIN; t <= ORIGIN + 1000 * MILLIS && completion.succeeded.get() == 0; t += MILLIS) {
			emitAt(t);
		}

		assertThat(completion.succeeded).hasValue(1);
		assertThat(this.sent).allSatisfy((packet) -> assertThat(packet.ssrc()).isEqualTo(42));
		for (int i = 1; i < this.sent.size(); i++) {
			assertThat(this.sent.get(i).sequenceNumber())
				.isEqualTo((this.sent.get(i - 1).sequenceNumber() + 1) & 0xFFFF);
		}
		Map<Long, List<RtpPacket>> events = new TreeMap<>();
		List<Long> eventSendTimes = new ArrayList<>();
		for (int i = 0; i < this.sent.size(); i++) {
			RtpPacket packet = this.sent.get(i);
			if (packet.payloadType() == 101) {
				events.computeIfAbsent(packet.timestamp(), (ts) -> new ArrayList<>()).add(packet);
				eventSendTimes.add(this.sentAt.get(i));
			}
		}
		assertThat(events).hasSize(2);
		for (List<RtpPacket> event : events.values()) {
			List<TelephoneEvent> payloads = event.stream().map((p) -> TelephoneEvent.parse(p.payload())).toList();
			assertThat(payloads).extracting(TelephoneEvent::key).containsOnly('1');
			assertThat(payloads).extracting(TelephoneEvent::duration).containsExactly(400, 800, 960, 960, 960);
			assertThat(payloads).extracting(TelephoneEvent::end).containsExactly(false, false, true, true, true);
			assertThat(event).extracting(RtpPacket::marker).containsExactly(true, false, false, false, false);
		}
		// updates 50 ms apart, on the same drift-free grid as the audio
		assertThat(eventSendTimes.get(1) - eventSendTimes.get(0)).isEqualTo(50 * MILLIS);
	}

	@Test
	void endsAKeyUnderWayWhenCancelled() {
		this.stream.start(ORIGIN, G711.PCMU, 101);
		OutboundStream.KeysJob job = new OutboundStream.KeysJob("5", 8000, 0, new RecordingCompletion());
		this.stream.enqueue(job);
		emitAt(ORIGIN + 60 * MILLIS);

		job.cancel();
		emitAt(ORIGIN + 400 * MILLIS);

		List<TelephoneEvent> events = this.sent.stream()
			.filter((p) -> p.payloadType() == 101)
			.map((p) -> TelephoneEvent.parse(p.payload()))
			.toList();
		assertThat(events).extracting(TelephoneEvent::end).containsExactly(false, false, true, true, true);
		assertThat(this.sent.get(this.sent.size() - 1).payloadType()).isZero();
	}

	@Test
	void failsQueuedWorkWhenAborted() {
		RecordingCompletion completion = new RecordingCompletion();
		this.stream.enqueue(new OutboundStream.PlayJob(new byte[160], completion));

		this.stream.abort(new MediaSessionClosedException());

		assertThat(completion.failed).hasValue(1);
		assertThat(completion.succeeded).hasValue(0);
	}

	private long emitAt(long now) {
		return this.stream.emitDue(now, (packet) -> {
			this.sent.add(packet);
			this.sentAt.add(now);
		});
	}

	private static final class RecordingCompletion implements OutboundStream.Completion {

		final AtomicInteger succeeded = new AtomicInteger();

		final AtomicInteger failed = new AtomicInteger();

		@Override
		public void succeed() {
			this.succeeded.incrementAndGet();
		}

		@Override
		public void fail(Throwable reason) {
			this.failed.incrementAndGet();
		}

	}

}
