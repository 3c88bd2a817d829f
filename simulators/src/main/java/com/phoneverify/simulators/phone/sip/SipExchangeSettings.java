package com.phoneverify.simulators.phone.sip;

import java.time.Duration;
import java.util.List;

import com.phoneverify.simulators.phone.call.NumberRule;

/**
 * How the SIP edge listens and behaves.
 *
 * @param host the address to listen on (UDP)
 * @param port the UDP port, 0 for a free one
 * @param rules the dialed-number rules
 * @param ringDelay how long an answering phone rings before 200 OK
 * @param keyTone how long each pressed key sounds
 * @param keyGap the pause between pressed keys
 */
public record SipExchangeSettings(String host, int port, List<NumberRule> rules, Duration ringDelay, Duration keyTone,
		Duration keyGap) {

	public SipExchangeSettings {
		rules = List.copyOf(rules);
	}

}
