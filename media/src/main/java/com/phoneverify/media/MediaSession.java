package com.phoneverify.media;

import java.net.InetSocketAddress;
import java.time.Duration;

import com.phoneverify.media.codec.G711;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * One bidirectional RTP audio stream over UDP: continuous G.711 out (silence when idle,
 * like a phone), RFC 4733 keypad events in both directions, incoming audio optionally
 * recorded ({@link MediaEngineOptions#recordReceivedAudio()}).
 * <p>
 * Obtain one from {@link RtpMediaEngine#open()}. Sending and receiving start with
 * {@link #connect}: from then on packets are accepted only from the peer's address (see
 * {@link MediaEngineOptions#latchToFirstSource()}); datagrams from anyone else, and all
 * before {@code connect}, are dropped and counted in
 * {@link MediaStats#packetsFromStrangers()}. Outbound work ({@link #play} and
 * {@link #sendKeys}) runs in subscription order, one item after another. Reactive signals
 * are delivered off the engine's threads (on Reactor's parallel scheduler), so
 * subscribers never delay the pacing. All methods are thread-safe.
 */
public interface MediaSession extends AutoCloseable {

	/** The local UDP address where this session receives RTP; put it in the SDP. */
	InetSocketAddress localAddress();

	/**
	 * Starts (or, on a re-negotiation, redirects) the continuous outbound stream, and
	 * accepts incoming RTP from the peer only.
	 * @param remote where the peer receives RTP (from its SDP); with strict matching (the
	 * default) also the only address RTP is accepted from
	 * @param codec the negotiated G.711 law
	 * @param telephoneEventPayloadType the negotiated telephone-event payload type (use
	 * 101 when the peer offered none)
	 */
	void connect(InetSocketAddress remote, G711 codec, int telephoneEventPayloadType);

	/**
	 * Queues audio already encoded in the session's codec, sent in 20 ms frames (the last
	 * one padded with silence).
	 * @return completes when the last frame has been sent; cancelling stops the audio at
	 * the next frame; fails with {@link MediaSessionClosedException} if the session
	 * closes first
	 */
	Mono<Void> play(byte[] g711Audio);

	/**
	 * Queues keypad digits as RFC 4733 events inside the same RTP stream: each key is its
	 * own event with its own timestamp (so repeated keys are distinct), the first packet
	 * is marked, updates every 50 ms carry the growing duration, and the end packet is
	 * sent three times.
	 * @param keys {@code 0}–{@code 9}, {@code *}, {@code #}, {@code A}–{@code D}
	 * @param toneLength how long each key is held, 10 ms to 8 s
	 * @param gap the pause between the end of one key and the start of the next
	 * @return completes when the last end packet of the last key has been sent; fails
	 * with {@link IllegalArgumentException} on an invalid key or length
	 */
	Mono<Void> sendKeys(String keys, Duration toneLength, Duration gap);

	/**
	 * Keys detected in the incoming stream, each key press once, in order. Hot: one press
	 * is delivered to the subscribers present when it arrives; presses that arrive before
	 * the first subscriber are buffered for it. Completes when the session closes.
	 */
	Flux<Character> keys();

	/**
	 * A copy of the incoming audio payload bytes, in arrival order, in the session codec;
	 * empty unless {@link MediaEngineOptions#recordReceivedAudio()} is on, and at most
	 * {@link MediaEngineOptions#maxRecordedAudio()} (the beginning of the call).
	 */
	byte[] receivedAudio();

	/** A snapshot of the packet counters. */
	MediaStats stats();

	/** Stops sending, releases the port, completes {@link #keys()}. Idempotent. */
	@Override
	void close();

}
