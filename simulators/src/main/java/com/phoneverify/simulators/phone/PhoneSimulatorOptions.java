package com.phoneverify.simulators.phone;

import java.time.Duration;
import java.util.List;

import com.phoneverify.media.MediaEngineOptions;
import com.phoneverify.simulators.phone.call.NumberRule;

/**
 * How a {@link PhoneSimulator} listens and behaves.
 *
 * @param sipHost the address the SIP user agent server listens on; default
 * {@code 127.0.0.1}
 * @param sipPort the UDP port; 0 (the default) picks a free one, the standalone
 * application uses 5070
 * @param rules the dialed-number rules, first match wins; default
 * {@link NumberRule#defaults()}
 * @param ringDelay how long an answering phone rings before it answers; default 500 ms
 * @param keyTone how long each key pressed by a phone sounds; default 100 ms
 * @param keyGap the pause between keys pressed by a phone; default 100 ms
 * @param media where the phones' RTP sockets bind; default loopback, ephemeral ports
 */
public record PhoneSimulatorOptions(String sipHost, int sipPort, List<NumberRule> rules, Duration ringDelay,
		Duration keyTone, Duration keyGap, MediaEngineOptions media) {

	public PhoneSimulatorOptions {
		rules = List.copyOf(rules);
		if (sipPort < 0 || sipPort > 65535) {
			throw new IllegalArgumentException("SIP port out of range: " + sipPort);
		}
		if (ringDelay.isNegative()) {
			throw new IllegalArgumentException("ring delay must not be negative");
		}
	}

	/** Loopback, a free SIP port, the default rules, 500 ms of ringing. */
	public static PhoneSimulatorOptions defaults() {
		return new PhoneSimulatorOptions("127.0.0.1", 0, NumberRule.defaults(), Duration.ofMillis(500),
				Duration.ofMillis(100), Duration.ofMillis(100),
				MediaEngineOptions.defaults().withRecordReceivedAudio(true));
	}

	public PhoneSimulatorOptions withSipPort(int port) {
		return new PhoneSimulatorOptions(this.sipHost, port, this.rules, this.ringDelay, this.keyTone, this.keyGap,
				this.media);
	}

	public PhoneSimulatorOptions withSipHost(String host) {
		return new PhoneSimulatorOptions(host, this.sipPort, this.rules, this.ringDelay, this.keyTone, this.keyGap,
				this.media);
	}

	public PhoneSimulatorOptions withRules(List<NumberRule> rules) {
		return new PhoneSimulatorOptions(this.sipHost, this.sipPort, rules, this.ringDelay, this.keyTone, this.keyGap,
				this.media);
	}

	public PhoneSimulatorOptions withRingDelay(Duration ringDelay) {
		return new PhoneSimulatorOptions(this.sipHost, this.sipPort, this.rules, ringDelay, this.keyTone, this.keyGap,
				this.media);
	}

	public PhoneSimulatorOptions withKeyTiming(Duration keyTone, Duration keyGap) {
		return new PhoneSimulatorOptions(this.sipHost, this.sipPort, this.rules, this.ringDelay, keyTone, keyGap,
				this.media);
	}

	public PhoneSimulatorOptions withMedia(MediaEngineOptions media) {
		return new PhoneSimulatorOptions(this.sipHost, this.sipPort, this.rules, this.ringDelay, this.keyTone,
				this.keyGap, media);
	}

}
