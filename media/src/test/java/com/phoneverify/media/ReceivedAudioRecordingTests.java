package com.phoneverify.media;

import java.time.Duration;

import com.phoneverify.media.codec.G711;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.awaitility.Awaitility.await;

/** Received audio is personal data: kept only when asked, and only up to a bound. */
class ReceivedAudioRecordingTests {

	private static final Duration SAFETY = Duration.ofSeconds(10);

	@Test
	void recordingIsOffByDefault() {
		MediaEngineOptions defaults = MediaEngineOptions.defaults();

		assertThat(defaults.recordReceivedAudio()).isFalse();
		assertThat(defaults.latchToFirstSource()).isFalse();
		assertThat(defaults.maxRecordedAudio()).isEqualTo(Duration.ofMinutes(10));
		assertThat(new MediaEngineOptions(defaults.bindAddress(), 0, 0)).isEqualTo(defaults);
	}

	@Test
	void keepsNoAudioByDefault() {
		try (RtpMediaEngine engine = RtpMediaEngine.start(MediaEngineOptions.defaults());
				RtpPeer peer = new RtpPeer()) {
			MediaSession session = engine.open();
			session.connect(peer.address(), G711.PCMU, 101);

			peer.sendAudio(session, (byte) 0x11, 160, 7);
			peer.sendAudio(session, (byte) 0x11, 160, 7);

			await().atMost(SAFETY).until(() -> session.stats().packetsReceived() == 2);
			assertThat(session.receivedAudio()).isEmpty();
		}
	}

	@Test
	void keepsTheBeginningUpToTheBoundAndDropsTheRest() {
		// 50 ms of G.711 is 400 bytes: two and a half 20 ms packets
		MediaEngineOptions options = MediaEngineOptions.defaults()
			.withRecordReceivedAudio(true)
			.withMaxRecordedAudio(Duration.ofMillis(50));
		try (RtpMediaEngine engine = RtpMediaEngine.start(options); RtpPeer peer = new RtpPeer()) {
			MediaSession session = engine.open();
			session.connect(peer.address(), G711.PCMU, 101);

			for (int i = 1; i <= 4; i++) {
				peer.sendAudio(session, (byte) i, 160, 7);
			}

			await().atMost(SAFETY).until(() -> session.stats().packetsReceived() == 4);
			byte[] recorded = session.receivedAudio();
			assertThat(recorded).hasSize(400);
			assertThat(recorded[0]).isEqualTo((byte) 1);
			assertThat(recorded[160]).isEqualTo((byte) 2);
			assertThat(recorded[399]).isEqualTo((byte) 3);
		}
	}

	@Test
	void rejectsAnUnboundedOrEmptyRecording() {
		MediaEngineOptions defaults = MediaEngineOptions.defaults();

		assertThatIllegalArgumentException().isThrownBy(() -> defaults.withMaxRecordedAudio(Duration.ZERO));
		assertThatIllegalArgumentException().isThrownBy(() -> defaults.withMaxRecordedAudio(Duration.ofHours(2)));
	}

}
