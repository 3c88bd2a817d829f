package com.phoneverify.ars.media;

import java.util.List;

import com.phoneverify.ars.call.AudioClip;
import com.phoneverify.ars.call.CallMedia;
import com.phoneverify.media.MediaSession;
import com.phoneverify.media.codec.G711;
import com.phoneverify.media.sdp.SdpOffer;
import com.phoneverify.media.sdp.SessionDescription;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The media of one call: our SDP offer (PCMU, PCMA, telephone-event/8000), then, once the
 * answer arrives, the {@link CallMedia} that plays prompts in the negotiated law and
 * reports keys.
 */
public final class MediaLeg implements AutoCloseable {

	private final MediaSession session;

	private final SdpOffer offer;

	MediaLeg(MediaSession session) {
		this.session = session;
		this.offer = SdpOffer.of(session.localAddress());
	}

	/** The SDP offer to put in the INVITE. */
	public String offer() {
		return this.offer.toSdp();
	}

	public static String contentType() {
		return SdpOffer.CONTENT_TYPE;
	}

	/**
	 * Starts media towards the answerer.
	 * @param sdpAnswer the SDP of the 200 OK
	 * @throws IllegalArgumentException when the answer is unreadable, rejects audio, or
	 * shares no codec with the offer
	 */
	public CallMedia connect(String sdpAnswer) {
		SessionDescription answer = SessionDescription.parse(sdpAnswer);
		if (answer.isRejected()) {
			throw new IllegalArgumentException("the answer rejected the audio stream");
		}
		G711 codec = answer.negotiate(List.of(G711.PCMU, G711.PCMA))
			.orElseThrow(() -> new IllegalArgumentException("the answer shares no G.711 codec with the offer"));
		this.session.connect(answer.mediaAddress(), codec,
				answer.telephoneEventPayloadTypeOr(SdpOffer.DEFAULT_TELEPHONE_EVENT_PAYLOAD_TYPE));
		return new RtpCallMedia(this.session, codec);
	}

	@Override
	public void close() {
		this.session.close();
	}

	private record RtpCallMedia(MediaSession session, G711 codec) implements CallMedia {

		@Override
		public Mono<Void> play(AudioClip clip) {
			return Mono.defer(() -> this.session.play(this.codec.encode(clip.samples())));
		}

		@Override
		public Flux<Character> keys() {
			return this.session.keys();
		}

	}

}
