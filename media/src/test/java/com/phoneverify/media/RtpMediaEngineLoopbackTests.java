package com.phoneverify.media;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

import com.phoneverify.media.codec.G711;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Two real sessions talking RTP over UDP on 127.0.0.1. */
class RtpMediaEngineLoopbackTests {

	private static final Duration SAFETY = Duration.ofSeconds(10);

	private final RtpMediaEngine engine = RtpMediaEngine
		.start(MediaEngineOptions.defaults().withRecordReceivedAudio(true));

	@AfterEach
	void closeEngine() {
		this.engine.close();
	}

	@Test
	void deliversPlayedAudioAndEveryKeyExactlyOnceInOrder() {
		MediaSession caller = this.engine.open();
		MediaSession phone = this.engine.open();
		// the phone connects first: it drops what arrives before, and must count all
		phone.connect(caller.localAddress(), G711.PCMU, 101);
		caller.connect(phone.localAddress(), G711.PCMU, 101);
		Mono<List<Character>> keysUntilClose = phone.keys().collectList().cache();
		keysUntilClose.subscribe();
		byte[] prompt = new byte[1600];
		Arrays.fill(prompt, (byte) 0x11);

		StepVerifier
			.create(caller.play(prompt)
				.then(caller.sendKeys("0123456789*#", Duration.ofMillis(40), Duration.ofMillis(20))))
			.expectComplete()
			.verify(SAFETY);
		long sentBeforeClose = caller.stats().packetsSent();
		await().atMost(SAFETY).until(() -> phone.stats().packetsReceived() >= sentBeforeClose);
		phone.close();

		StepVerifier.create(keysUntilClose)
			.assertNext((keys) -> assertThat(keys).containsExactly('0', '1', '2', '3', '4', '5', '6', '7', '8', '9',
					'*', '#'))
			.expectComplete()
			.verify(SAFETY);
		byte[] recorded = phone.receivedAudio();
		assertThat(recorded.length).isGreaterThanOrEqualTo(prompt.length);
		assertThat(countOf((byte) 0x11, recorded)).isEqualTo(prompt.length);
		assertThat(phone.stats().packetsDiscarded()).isZero();
		assertThat(phone.stats().packetsFromStrangers()).isZero();
	}

	@Test
	void repeatedKeysArriveAsSeparatePresses() {
		MediaSession caller = this.engine.open();
		MediaSession phone = this.engine.open();
		caller.connect(phone.localAddress(), G711.PCMA, 96);
		phone.connect(caller.localAddress(), G711.PCMA, 96);

		StepVerifier.create(phone.keys().take(3))
			.then(() -> caller.sendKeys("777", Duration.ofMillis(20), Duration.ZERO)
				// the test ends, and closes the session, while end packets may still be
				// queued
				.subscribe(null, (closedEarly) -> {
				}))
			.expectNext('7', '7', '7')
			.expectComplete()
			.verify(SAFETY);
	}

	@Test
	void countsAndDropsGarbageDatagrams() throws Exception {
		MediaSession phone = this.engine.open();
		try (DatagramSocket socket = new DatagramSocket(0, phone.localAddress().getAddress())) {
			phone.connect((InetSocketAddress) socket.getLocalSocketAddress(), G711.PCMU, 101);
			byte[] garbage = "not rtp".getBytes();
			socket.send(new DatagramPacket(garbage, garbage.length, phone.localAddress()));
		}

		await().atMost(SAFETY).until(() -> phone.stats().packetsDiscarded() == 1);
		assertThat(phone.stats().packetsReceived()).isZero();
		assertThat(phone.stats().packetsFromStrangers()).isZero();
	}

	@Test
	void failsQueuedAudioWhenTheSessionCloses() {
		MediaSession caller = this.engine.open();

		StepVerifier.create(caller.play(new byte[8000]))
			.then(caller::close)
			.expectError(MediaSessionClosedException.class)
			.verify(SAFETY);
	}

	@Test
	void rejectsInvalidKeysAsAnError() {
		MediaSession caller = this.engine.open();

		StepVerifier.create(caller.sendKeys("12x", Duration.ofMillis(100), Duration.ofMillis(50)))
			.expectError(IllegalArgumentException.class)
			.verify(SAFETY);
	}

	@Test
	void bindsEvenPortsFromAConfiguredRange() {
		try (RtpMediaEngine ranged = RtpMediaEngine.start(MediaEngineOptions.defaults()
			.withPortRange(47000 + (int) (ProcessHandle.current().pid() % 500) * 2, 48999))) {
			MediaSession session = ranged.open();

			assertThat(session.localAddress().getPort()).isBetween(47000, 48999).isEven();
			assertThat(session.localAddress().getAddress().isLoopbackAddress()).isTrue();
		}
	}

	private static long countOf(byte value, byte[] bytes) {
		long count = 0;
		for (byte b : bytes) {
			if (b == value) {
				count++;
			}
		}
		return count;
	}

}
