package com.phoneverify.media;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Consumer;

import com.phoneverify.media.codec.G711;
import com.phoneverify.media.dtmf.TelephoneEvent;
import com.phoneverify.media.rtp.RtpPacket;
import org.jspecify.annotations.Nullable;

/**
 * The sending half of a session as a clock-driven state machine: given "now", it emits
 * every packet whose deadline has passed. It holds no thread and reads no clock, so tests
 * drive it with a fake one. The engine's pacer calls {@link #emitDue}; other threads
 * enqueue jobs.
 */
final class OutboundStream {

	/** RFC 4733 §2.5.1.2: updates every 50 ms is the recommended rate for DTMF. */
	static final int EVENT_UPDATE_SAMPLES = 400;

	/** RFC 4733 §2.5.1.4: the final packet of an event is sent three times in total. */
	static final int END_PACKET_TRANSMISSIONS = 3;

	/** A packet counts as late when sent more than half a frame after its deadline. */
	static final long LATE_TOLERANCE_NANOS = 10_000_000;

	/**
	 * After a stall longer than this (a suspended process), skip ahead instead of
	 * bursting.
	 */
	static final long MAX_CATCH_UP_NANOS = 1_000_000_000;

	private final long ssrc;

	private final long timestampBase;

	private final Queue<Job> jobs = new ConcurrentLinkedQueue<>();

	private int nextSequence;

	private @Nullable PacingSchedule schedule;

	private G711 codec = G711.PCMU;

	private int eventPayloadType = 101;

	/** Media time of the next packet, in samples since the schedule's origin. */
	private long mediaSamples;

	private boolean markNext = true;

	private @Nullable Job current;

	private long lateCount;

	private final List<Job> finished = new ArrayList<>();

	OutboundStream(long ssrc, int initialSequence, long timestampBase) {
		this.ssrc = ssrc;
		this.nextSequence = initialSequence & 0xFFFF;
		this.timestampBase = timestampBase & 0xFFFF_FFFFL;
	}

	/**
	 * Starts the stream at {@code nowNanos}, or only changes codec and payload types if
	 * started.
	 */
	synchronized void start(long nowNanos, G711 codec, int eventPayloadType) {
		this.codec = codec;
		this.eventPayloadType = eventPayloadType;
		if (this.schedule == null) {
			this.schedule = new PacingSchedule(nowNanos);
		}
	}

	synchronized boolean isStarted() {
		return this.schedule != null;
	}

	/**
	 * The deadline of the next packet, or {@link Long#MAX_VALUE} before {@link #start}.
	 */
	synchronized long nextDeadlineNanos() {
		return (this.schedule != null) ? this.schedule.deadlineNanos(this.mediaSamples) : Long.MAX_VALUE;
	}

	synchronized long framesSentLate() {
		return this.lateCount;
	}

	void enqueue(Job job) {
		this.jobs.add(job);
	}

	/**
	 * Emits, in order, every packet due at {@code nowNanos}; a job's completion is
	 * signalled after its last packet was handed to {@code send}.
	 * @return the deadline of the next packet
	 */
	long emitDue(long nowNanos, Consumer<RtpPacket> send) {
		List<Job> completed;
		synchronized (this) {
			PacingSchedule schedule = this.schedule;
			if (schedule == null) {
				return Long.MAX_VALUE;
			}
			if (nowNanos - schedule.deadlineNanos(this.mediaSamples) > MAX_CATCH_UP_NANOS) {
				// keep the timestamps on wall-clock time, but don't flood the peer with a
				// backlog
				this.mediaSamples = Math.max(this.mediaSamples, schedule.elapsedFrameSamples(nowNanos));
			}
			while (schedule.deadlineNanos(this.mediaSamples) <= nowNanos) {
				if (nowNanos - schedule.deadlineNanos(this.mediaSamples) > LATE_TOLERANCE_NANOS) {
					this.lateCount++;
				}
				send.accept(nextPacket());
			}
			completed = List.copyOf(this.finished);
			this.finished.clear();
		}
		completed.forEach(Job::succeed);
		return nextDeadlineNanos();
	}

	/** Fails the current and every queued job; the stream sends nothing more of them. */
	void abort(Throwable reason) {
		List<Job> aborted = new ArrayList<>();
		synchronized (this) {
			if (this.current != null) {
				aborted.add(this.current);
				this.current = null;
			}
			Job job;
			while ((job = this.jobs.poll()) != null) {
				aborted.add(job);
			}
		}
		aborted.forEach((job) -> job.fail(reason));
	}

	private RtpPacket nextPacket() {
		Job job = currentJob();
		if (job instanceof PlayJob play) {
			return playFrame(play);
		}
		if (job instanceof KeysJob keys) {
			RtpPacket packet = keys.nextPacket(this);
			if (packet != null) {
				return packet;
			}
			return nextPacket();
		}
		return audioFrame(silenceFrame());
	}

	private @Nullable Job currentJob() {
		while (true) {
			if (this.current == null) {
				this.current = this.jobs.poll();
				if (this.current == null) {
					return null;
				}
				if (this.current instanceof PlayJob) {
					// a prompt starts a talkspurt (RFC 3551 §4.1)
					this.markNext = true;
				}
			}
			if (!this.current.isCancelled() || this.current.finishOnCancel()) {
				return this.current;
			}
			this.current = null;
		}
	}

	private RtpPacket playFrame(PlayJob play) {
		byte[] frame = silenceFrame();
		int length = Math.min(frame.length, play.audio.length - play.position);
		System.arraycopy(play.audio, play.position, frame, 0, length);
		play.position += length;
		if (play.position >= play.audio.length) {
			finishCurrent();
		}
		return audioFrame(frame);
	}

	private byte[] silenceFrame() {
		byte[] frame = new byte[PacingSchedule.SAMPLES_PER_FRAME];
		Arrays.fill(frame, this.codec.silence());
		return frame;
	}

	private RtpPacket audioFrame(byte[] frame) {
		RtpPacket packet = packet(this.codec.payloadType(), this.markNext, this.mediaSamples, frame);
		this.markNext = false;
		this.mediaSamples += PacingSchedule.SAMPLES_PER_FRAME;
		return packet;
	}

	private RtpPacket packet(int payloadType, boolean marker, long mediaTime, byte[] payload) {
		RtpPacket packet = new RtpPacket(payloadType, marker, this.nextSequence,
				(this.timestampBase + mediaTime) & 0xFFFF_FFFFL, this.ssrc, payload);
		this.nextSequence = (this.nextSequence + 1) & 0xFFFF;
		return packet;
	}

	private void finishCurrent() {
		if (this.current != null) {
			this.finished.add(this.current);
			this.current = null;
		}
	}

	/** Something queued for sending, completed or failed exactly once. */
	abstract static sealed class Job permits PlayJob, KeysJob {

		private final Completion completion;

		private volatile boolean cancelled;

		Job(Completion completion) {
			this.completion = completion;
		}

		void cancel() {
			this.cancelled = true;
		}

		boolean isCancelled() {
			return this.cancelled;
		}

		/**
		 * Whether a cancelled job still needs to send something to leave the peer
		 * consistent.
		 */
		boolean finishOnCancel() {
			return false;
		}

		void succeed() {
			this.completion.succeed();
		}

		void fail(Throwable reason) {
			this.completion.fail(reason);
		}

	}

	/** Receives the outcome of a job, on the pacer thread. */
	interface Completion {

		void succeed();

		void fail(Throwable reason);

	}

	static final class PlayJob extends Job {

		private final byte[] audio;

		private int position;

		PlayJob(byte[] audio, Completion completion) {
			super(completion);
			this.audio = audio.clone();
		}

	}

	static final class KeysJob extends Job {

		private enum Phase {

			START, UPDATE, END, GAP

		}

		private final String keys;

		private final int toneSamples;

		private final int gapSamples;

		private int keyIndex;

		private Phase phase = Phase.START;

		private long eventStart;

		private int updatesSent;

		private int endSent;

		private int endDuration;

		KeysJob(String keys, int toneSamples, int gapSamples, Completion completion) {
			super(completion);
			this.keys = keys;
			this.toneSamples = toneSamples;
			this.gapSamples = gapSamples;
		}

		@Override
		boolean finishOnCancel() {
			// an event under way is ended properly, or the peer would hear the key held
			// down
			return this.phase == Phase.UPDATE || this.phase == Phase.END;
		}

		/**
		 * The packet at the stream's current media time, or null when the job just
		 * finished.
		 */
		@Nullable RtpPacket nextPacket(OutboundStream stream) {
			if (this.phase == Phase.GAP) {
				if (isCancelled()) {
					stream.current = null;
					return null;
				}
				if (stream.mediaSamples < this.eventStart + this.toneSamples + this.gapSamples) {
					return stream.audioFrame(stream.silenceFrame());
				}
				this.keyIndex++;
				this.phase = Phase.START;
			}
			if (this.phase == Phase.START) {
				if (isCancelled()) {
					stream.current = null;
					return null;
				}
				this.eventStart = stream.mediaSamples;
				this.updatesSent = 0;
				this.endSent = 0;
				this.phase = Phase.UPDATE;
			}
			if (this.phase == Phase.UPDATE) {
				int duration = Math.min((this.updatesSent + 1) * EVENT_UPDATE_SAMPLES, this.toneSamples);
				boolean first = this.updatesSent == 0;
				this.updatesSent++;
				if (duration >= this.toneSamples || isCancelled()) {
					this.phase = Phase.END;
					this.endDuration = duration;
					return endPacket(stream, first);
				}
				// RFC 4733 §2.5.1.2: the marker bit is set on the first packet of an
				// event
				return eventPacket(stream, first, false, duration, EVENT_UPDATE_SAMPLES);
			}
			return endPacket(stream, false);
		}

		private RtpPacket endPacket(OutboundStream stream, boolean first) {
			this.endSent++;
			boolean last = this.endSent == END_PACKET_TRANSMISSIONS;
			if (last) {
				if (this.keyIndex + 1 < this.keys.length() && !isCancelled()) {
					this.phase = Phase.GAP;
				}
				else {
					stream.finishCurrent();
				}
			}
			// RFC 4733 §2.5.1.4: retransmissions of the end packet are spaced like
			// updates;
			// after the last, the stream goes on one frame later
			return eventPacket(stream, first, true, this.endDuration,
					last ? PacingSchedule.SAMPLES_PER_FRAME : EVENT_UPDATE_SAMPLES);
		}

		private RtpPacket eventPacket(OutboundStream stream, boolean marker, boolean end, int duration,
				int advanceSamples) {
			TelephoneEvent event = new TelephoneEvent(TelephoneEvent.eventFor(this.keys.charAt(this.keyIndex)), end,
					TelephoneEvent.DEFAULT_VOLUME, duration);
			// every packet of one event carries the event's start as its timestamp
			RtpPacket packet = stream.packet(stream.eventPayloadType, marker, this.eventStart, event.toBytes());
			stream.mediaSamples += advanceSamples;
			return packet;
		}

	}

}
