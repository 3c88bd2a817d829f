package com.phoneverify.media;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

import com.phoneverify.media.codec.G711;
import com.phoneverify.media.dtmf.DtmfDetector;
import com.phoneverify.media.dtmf.TelephoneEvent;
import com.phoneverify.media.rtp.RtpPacket;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.MonoSink;
import reactor.core.publisher.Sinks;
import reactor.core.scheduler.Schedulers;
import reactor.util.concurrent.Queues;

/**
 * A {@link MediaSession} on one non-blocking UDP channel; the engine's pacer drives
 * sending, its receiver thread drives {@link #onDatagram}.
 */
final class RtpSession implements MediaSession {

	private static final Logger logger = LoggerFactory.getLogger(RtpSession.class);

	private static final SecureRandom random = new SecureRandom();

	private static final Duration MIN_TONE = Duration.ofMillis(10);

	/** The duration field is 16 bits of 8 kHz samples (RFC 4733 §2.3): at most 8.19 s. */
	private static final Duration MAX_TONE = Duration.ofSeconds(8);

	private final RtpMediaEngine engine;

	private final DatagramChannel channel;

	private final InetSocketAddress localAddress;

	private final OutboundStream outbound;

	private final DtmfDetector detector = new DtmfDetector();

	private final InboundSequence inboundSequence = new InboundSequence();

	/** The received audio, or {@code null} when recording is off. */
	private final @Nullable ByteArrayOutputStream audio;

	private final int maxRecordedBytes;

	private final boolean latchToFirstSource;

	private final Sinks.Many<Character> keySink = Sinks.many()
		.multicast()
		.onBackpressureBuffer(Queues.SMALL_BUFFER_SIZE, false);

	private final AtomicBoolean closed = new AtomicBoolean();

	private final AtomicLong packetsSent = new AtomicLong();

	private final AtomicLong packetsReceived = new AtomicLong();

	private final AtomicLong packetsDiscarded = new AtomicLong();

	private final AtomicLong packetsFromStrangers = new AtomicLong();

	/** Whom we send to and accept from; {@code null} until {@link #connect}. */
	private final AtomicReference<@Nullable Peer> peer = new AtomicReference<>();

	private volatile @Nullable G711 codec;

	private volatile int eventPayloadType = 101;

	RtpSession(RtpMediaEngine engine, DatagramChannel channel, InetSocketAddress localAddress,
			MediaEngineOptions options) {
		this.engine = engine;
		this.channel = channel;
		this.localAddress = localAddress;
		this.audio = options.recordReceivedAudio() ? new ByteArrayOutputStream() : null;
		this.maxRecordedBytes = options.maxRecordedBytes();
		this.latchToFirstSource = options.latchToFirstSource();
		// RFC 3550 §5.1 and §8.1: random initial sequence number, timestamp and SSRC
		this.outbound = new OutboundStream(random.nextInt() & 0xFFFF_FFFFL, random.nextInt(1 << 16),
				random.nextInt() & 0xFFFF_FFFFL);
	}

	@Override
	public InetSocketAddress localAddress() {
		return this.localAddress;
	}

	@Override
	public void connect(InetSocketAddress remote, G711 codec, int telephoneEventPayloadType) {
		if (this.closed.get()) {
			throw new MediaSessionClosedException();
		}
		this.codec = codec;
		this.eventPayloadType = telephoneEventPayloadType;
		// a re-negotiation naming the same address keeps a latched source
		this.peer.updateAndGet((current) -> (current != null && current.sdp().equals(remote)) ? current
				: new Peer(remote, this.latchToFirstSource ? null : remote));
		this.outbound.start(System.nanoTime(), codec, telephoneEventPayloadType);
		this.engine.wakePacer();
	}

	@Override
	public Mono<Void> play(byte[] g711Audio) {
		byte[] copy = g711Audio.clone();
		if (copy.length == 0) {
			return Mono.empty();
		}
		return enqueue((sink) -> new OutboundStream.PlayJob(copy, completion(sink)));
	}

	@Override
	public Mono<Void> sendKeys(String keys, Duration toneLength, Duration gap) {
		for (int i = 0; i < keys.length(); i++) {
			if (!TelephoneEvent.isKey(keys.charAt(i))) {
				return Mono.error(new IllegalArgumentException("not a keypad key at index " + i));
			}
		}
		if (toneLength.compareTo(MIN_TONE) < 0 || toneLength.compareTo(MAX_TONE) > 0) {
			return Mono.error(new IllegalArgumentException("tone length must be 10 ms to 8 s: " + toneLength));
		}
		if (gap.isNegative()) {
			return Mono.error(new IllegalArgumentException("gap must not be negative: " + gap));
		}
		if (keys.isEmpty()) {
			return Mono.empty();
		}
		int toneSamples = (int) (toneLength.toNanos() / PacingSchedule.NANOS_PER_SAMPLE);
		int gapSamples = (int) Math.min(Integer.MAX_VALUE, gap.toNanos() / PacingSchedule.NANOS_PER_SAMPLE);
		return enqueue((sink) -> new OutboundStream.KeysJob(keys, toneSamples, gapSamples, completion(sink)));
	}

	private Mono<Void> enqueue(Function<MonoSink<Void>, OutboundStream.Job> jobFactory) {
		return Mono.<Void>create((sink) -> {
			if (this.closed.get()) {
				sink.error(new MediaSessionClosedException());
				return;
			}
			OutboundStream.Job job = jobFactory.apply(sink);
			sink.onCancel(job::cancel);
			this.outbound.enqueue(job);
			if (this.closed.get()) {
				this.outbound.abort(new MediaSessionClosedException());
			}
		}).publishOn(Schedulers.parallel());
	}

	private static OutboundStream.Completion completion(MonoSink<Void> sink) {
		return new OutboundStream.Completion() {

			@Override
			public void succeed() {
				sink.success();
			}

			@Override
			public void fail(Throwable reason) {
				sink.error(reason);
			}

		};
	}

	@Override
	public Flux<Character> keys() {
		return this.keySink.asFlux().publishOn(Schedulers.parallel());
	}

	@Override
	public byte[] receivedAudio() {
		ByteArrayOutputStream recording = this.audio;
		if (recording == null) {
			return new byte[0];
		}
		synchronized (recording) {
			return recording.toByteArray();
		}
	}

	@Override
	public MediaStats stats() {
		long lost;
		long outOfOrder;
		synchronized (this.inboundSequence) {
			lost = this.inboundSequence.lost();
			outOfOrder = this.inboundSequence.outOfOrder();
		}
		return new MediaStats(this.packetsSent.get(), this.packetsReceived.get(), lost, outOfOrder,
				this.packetsDiscarded.get(), this.outbound.framesSentLate(), this.packetsFromStrangers.get());
	}

	@Override
	public void close() {
		if (!this.closed.compareAndSet(false, true)) {
			return;
		}
		this.engine.release(this);
		this.outbound.abort(new MediaSessionClosedException());
		try {
			this.channel.close();
		}
		catch (IOException ex) {
			logger.debug("Closing RTP channel {} failed", this.localAddress, ex);
		}
		this.keySink.emitComplete(Sinks.EmitFailureHandler.busyLooping(Duration.ofMillis(100)));
	}

	DatagramChannel channel() {
		return this.channel;
	}

	/** Called by the pacer: sends every due packet, returns the next deadline. */
	long pace(long nowNanos) {
		if (this.closed.get()) {
			return Long.MAX_VALUE;
		}
		return this.outbound.emitDue(nowNanos, this::send);
	}

	private void send(RtpPacket packet) {
		Peer target = this.peer.get();
		if (target == null || this.closed.get()) {
			return;
		}
		try {
			if (this.channel.send(ByteBuffer.wrap(packet.toBytes()), target.sdp()) > 0) {
				this.packetsSent.incrementAndGet();
			}
		}
		catch (IOException ex) {
			// a closed channel or an ICMP error; the session keeps its schedule
			logger.debug("RTP send from {} failed: {}", this.localAddress, ex.toString());
		}
	}

	/** Called by the receiver thread for every datagram. */
	void onDatagram(SocketAddress source, byte[] buffer, int length) {
		if (!acceptsFrom(source)) {
			// an off-path sender must not inject keys or audio into the call
			this.packetsFromStrangers.incrementAndGet();
			return;
		}
		RtpPacket packet;
		try {
			packet = RtpPacket.parse(buffer, 0, length);
		}
		catch (IllegalArgumentException ex) {
			this.packetsDiscarded.incrementAndGet();
			return;
		}
		this.packetsReceived.incrementAndGet();
		// a new SSRC from the peer is a new stream: the sequence bookkeeping and the
		// detector both start afresh on it
		synchronized (this.inboundSequence) {
			this.inboundSequence.record(packet.ssrc(), packet.sequenceNumber());
		}
		if (packet.payloadType() == this.eventPayloadType) {
			Optional<Character> key = this.detector.accept(packet);
			key.ifPresent(this::emitKey);
		}
		else if (isAudio(packet.payloadType())) {
			record(packet);
		}
		else {
			this.packetsDiscarded.incrementAndGet();
		}
	}

	private void emitKey(char key) {
		// only close() competes with this thread; on overflow or after close the key is
		// dropped silently (keys are never logged)
		while (this.keySink.tryEmitNext(key) == Sinks.EmitResult.FAIL_NON_SERIALIZED) {
			Thread.onSpinWait();
		}
	}

	private boolean acceptsFrom(SocketAddress source) {
		Peer current = this.peer.get();
		if (current == null || !(source instanceof InetSocketAddress from)) {
			return false;
		}
		if (current.source() != null) {
			return from.equals(current.source());
		}
		// latching: the first source on the SDP's IP address, on any port, becomes the
		// only one; the receiver thread is the only one to latch, connect() may replace
		// the peer meanwhile
		return from.getAddress() != null && from.getAddress().equals(current.sdp().getAddress())
				&& this.peer.compareAndSet(current, new Peer(current.sdp(), from));
	}

	private void record(RtpPacket packet) {
		ByteArrayOutputStream recording = this.audio;
		if (recording == null) {
			return;
		}
		byte[] payload = packet.payload();
		synchronized (recording) {
			// the first maxRecordedAudio is kept, later audio dropped
			int room = this.maxRecordedBytes - recording.size();
			if (room > 0) {
				recording.write(payload, 0, Math.min(room, payload.length));
			}
		}
	}

	private boolean isAudio(int payloadType) {
		G711 negotiated = this.codec;
		return negotiated != null && payloadType == negotiated.payloadType();
	}

	/**
	 * The remote end of the session.
	 *
	 * @param sdp where the peer receives RTP, from its SDP; packets are sent there
	 * @param source the only address RTP is accepted from, or {@code null} while latching
	 * waits for the first packet from the SDP's IP address
	 */
	private record Peer(InetSocketAddress sdp, @Nullable InetSocketAddress source) {

	}

}
