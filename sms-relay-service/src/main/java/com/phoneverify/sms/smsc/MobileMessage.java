package com.phoneverify.sms.smsc;

import java.time.Instant;

/**
 * A mobile-originated message as the SMSC delivered it (personal data: never logged).
 *
 * @param source the phone's address, digits as the SMSC wrote them
 * @param destination the number it was written to (ours)
 * @param text the text, decoded by its data_coding (undecodable bytes as U+FFFD)
 * @param fingerprint SHA-256 of source, destination, coding and bytes, hex: equal for a
 * redelivery of the same deliver_sm
 */
public record MobileMessage(String source, String destination, String text, String fingerprint, Instant receivedAt) {

	@Override
	public String toString() {
		return "MobileMessage[destination=" + this.destination + ", fingerprint=" + this.fingerprint + "]";
	}

}
