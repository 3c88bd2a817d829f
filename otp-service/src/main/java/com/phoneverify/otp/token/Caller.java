package com.phoneverify.otp.token;

import com.phoneverify.otp.channel.Channel;

/**
 * Who asks, and where: the merchant (tenant) the gateway authenticated, the operator's
 * staff id (or {@code customer} for self-service) and the channel. The audit trail keeps
 * the merchant because the customer key, a keyed hash, cannot be traced back to it.
 */
public record Caller(String merchant, String actor, Channel channel) {

	public Caller {
		if (merchant.isBlank() || merchant.length() > 64) {
			throw new IllegalArgumentException("a merchant id is 1 to 64 characters");
		}
		if (actor.isBlank() || actor.length() > 64) {
			throw new IllegalArgumentException("an actor is 1 to 64 characters");
		}
	}

}
