package com.phoneverify.ars.call;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** The media of an answered call, as the scenario sees it: audio out, keys in. */
public interface CallMedia {

	/**
	 * Plays audio to the phone.
	 * @return completes when the last sample was sent; cancelling it stops the audio
	 */
	Mono<Void> play(AudioClip clip);

	/**
	 * Keys the phone presses ({@code 0-9 * # A-D}), each press once, from subscription
	 * on. Completes when the call's media ends.
	 */
	Flux<Character> keys();

}
